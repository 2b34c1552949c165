/** Print formatting. ESC a n (justification), ESC E n (emphasis), GS ! n (character size, 1–8 × 1–8). */
import { ESC, GS, EscPosDecodeError, need, type Align, type Decoded, type EscPosCommand } from './command.ts';

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];

export function encodeFormat(command: EscPosCommand): number[] | null {
  switch (command.op) {
    case 'align':
      return [ESC, 0x61, ALIGNS.indexOf(command.align)];
    case 'emphasis':
      return [ESC, 0x45, command.on ? 1 : 0];
    case 'textSize': {
      const { width, height } = command;
      if (![width, height].every((n) => Number.isInteger(n) && n >= 1 && n <= 8)) {
        throw new RangeError(`text size must be 1–8 × 1–8, got ${width}×${height}`);
      }
      return [GS, 0x21, ((width - 1) << 4) | (height - 1)];
    }
    default:
      return null;
  }
}

export function decodeFormat(bytes: Uint8Array, at: number): Decoded | null {
  const prefix = bytes[at];
  if (prefix === ESC) {
    const op = need(bytes, at + 1, at, 'ESC command');
    if (op === 0x61) {
      const n = need(bytes, at + 2, at, 'ESC a');
      // 0–2 and their ASCII forms '0'–'2' are both valid.
      const align = ALIGNS[n >= 0x30 ? n - 0x30 : n];
      if (align === undefined) throw new EscPosDecodeError(at, `ESC a: justification ${n} is not 0–2`, false);
      return { command: { op: 'align', align }, next: at + 3 };
    }
    if (op === 0x45) return { command: { op: 'emphasis', on: (need(bytes, at + 2, at, 'ESC E') & 1) === 1 }, next: at + 3 };
    return null;
  }
  if (prefix === GS && bytes[at + 1] === 0x21) {
    const n = need(bytes, at + 2, at, 'GS !');
    if ((n & 0x88) !== 0) throw new EscPosDecodeError(at, `GS !: size byte 0x${n.toString(16)} exceeds 8×8`, false);
    return { command: { op: 'textSize', width: (n >> 4) + 1, height: (n & 0x0f) + 1 }, next: at + 3 };
  }
  return null;
}
