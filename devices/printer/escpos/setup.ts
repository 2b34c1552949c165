/** Printer setup. ESC @ (initialize printer), ESC t n (select character code table). */
import { ESC, need, checkByte, type Decoded, type EscPosCommand } from './command.ts';

export function encodeSetup(command: EscPosCommand): number[] | null {
  switch (command.op) {
    case 'init':
      return [ESC, 0x40];
    case 'codePage':
      return [ESC, 0x74, checkByte(command.page, 'code page')];
    default:
      return null;
  }
}

export function decodeSetup(bytes: Uint8Array, at: number): Decoded | null {
  if (bytes[at] !== ESC) return null;
  const op = need(bytes, at + 1, at, 'ESC command');
  if (op === 0x40) return { command: { op: 'init' }, next: at + 2 };
  if (op === 0x74) return { command: { op: 'codePage', page: need(bytes, at + 2, at, 'ESC t') }, next: at + 3 };
  return null;
}
