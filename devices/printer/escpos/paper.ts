/** Paper movement. LF (print and line feed), ESC d n (print and feed n lines), GS V (cut; m=65/66 feeds n first). */
import { ESC, GS, LF, EscPosDecodeError, checkByte, need, type Decoded, type EscPosCommand } from './command.ts';

export function encodePaper(command: EscPosCommand): number[] | null {
  switch (command.op) {
    case 'lineFeed':
      return [LF];
    case 'feedLines':
      return [ESC, 0x64, checkByte(command.lines, 'feed lines')];
    case 'cut':
      return [GS, 0x56, command.mode === 'full' ? 65 : 66, checkByte(command.feed, 'cut feed')];
    default:
      return null;
  }
}

export function decodePaper(bytes: Uint8Array, at: number): Decoded | null {
  const b = bytes[at];
  if (b === LF) return { command: { op: 'lineFeed' }, next: at + 1 };
  if (b === ESC && bytes[at + 1] === 0x64) return { command: { op: 'feedLines', lines: need(bytes, at + 2, at, 'ESC d') }, next: at + 3 };
  if (b === GS && bytes[at + 1] === 0x56) {
    const m = need(bytes, at + 2, at, 'GS V');
    if (m === 0 || m === 0x30) return { command: { op: 'cut', mode: 'full', feed: 0 }, next: at + 3 };
    if (m === 1 || m === 0x31) return { command: { op: 'cut', mode: 'partial', feed: 0 }, next: at + 3 };
    if (m === 65 || m === 66) {
      return { command: { op: 'cut', mode: m === 65 ? 'full' : 'partial', feed: need(bytes, at + 3, at, 'GS V m n') }, next: at + 4 };
    }
    throw new EscPosDecodeError(at, `GS V: cut mode ${m} is not 0, 1, 48, 49, 65 or 66`, false);
  }
  return null;
}
