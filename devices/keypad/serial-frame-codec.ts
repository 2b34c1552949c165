/**
 * Serial keypad frames: STX type payload BCC ETX
 *   STX 0x02, ETX 0x03; type 'K' (key press, payload = key digit '1'–'9'),
 *   'L' (LED, payload '1' on / '0' off), 'A' (acknowledge, payload = the acknowledged type);
 *   BCC = type XOR payload. Host → keypad: L; keypad → host: K and A.
 * FrameReader takes a byte stream in any chunking and returns whole frames; bytes outside a
 * frame and frames with a wrong BCC are counted as errors and skipped (the keypad resends nothing:
 * a corrupted press is lost, never guessed).
 */
export type KeypadFrame =
  | { readonly type: 'key'; readonly key: number }
  | { readonly type: 'led'; readonly on: boolean }
  | { readonly type: 'ack'; readonly of: 'K' | 'L' };

const STX = 0x02;
const ETX = 0x03;
const FRAME_LENGTH = 5;

export function encodeFrame(frame: KeypadFrame): Uint8Array {
  const [type, payload] = frame.type === 'key' ? ['K', String(frame.key)] : frame.type === 'led' ? ['L', frame.on ? '1' : '0'] : ['A', frame.of];
  if (frame.type === 'key' && !(Number.isInteger(frame.key) && frame.key >= 1 && frame.key <= 9)) {
    throw new RangeError(`key code must be 1–9, got ${frame.key}`);
  }
  const t = type.charCodeAt(0);
  const p = payload.charCodeAt(0);
  return Uint8Array.of(STX, t, p, t ^ p, ETX);
}

export class FrameError extends Error {
  override readonly name = 'FrameError';
}

/** One frame's 5 bytes → frame; throws FrameError naming what is wrong. */
export function decodeFrame(bytes: Uint8Array): KeypadFrame {
  if (bytes.length !== FRAME_LENGTH) throw new FrameError(`frame is ${bytes.length} bytes, expected ${FRAME_LENGTH}`);
  const [stx, t, p, bcc, etx] = bytes as unknown as [number, number, number, number, number];
  if (stx !== STX || etx !== ETX) throw new FrameError('frame must start with STX and end with ETX');
  if ((t ^ p) !== bcc) throw new FrameError(`BCC 0x${bcc.toString(16)} does not match 0x${(t ^ p).toString(16)}`);
  const type = String.fromCharCode(t);
  const payload = String.fromCharCode(p);
  if (type === 'K' && /^[1-9]$/.test(payload)) return { type: 'key', key: Number(payload) };
  if (type === 'L' && (payload === '0' || payload === '1')) return { type: 'led', on: payload === '1' };
  if (type === 'A' && (payload === 'K' || payload === 'L')) return { type: 'ack', of: payload };
  throw new FrameError(`unknown frame type '${type}' with payload '${payload}'`);
}

export class FrameReader {
  #buffer: number[] = [];
  errors = 0;

  push(chunk: Uint8Array): KeypadFrame[] {
    const frames: KeypadFrame[] = [];
    for (const b of chunk) this.#buffer.push(b);
    for (;;) {
      const start = this.#buffer.indexOf(STX);
      if (start < 0) {
        this.errors += this.#buffer.length > 0 ? 1 : 0;
        this.#buffer = [];
        break;
      }
      if (start > 0) {
        this.errors++;
        this.#buffer.splice(0, start);
      }
      if (this.#buffer.length < FRAME_LENGTH) break;
      const candidate = Uint8Array.from(this.#buffer.slice(0, FRAME_LENGTH));
      try {
        frames.push(decodeFrame(candidate));
        this.#buffer.splice(0, FRAME_LENGTH);
      } catch {
        this.errors++;
        this.#buffer.splice(0, 1);
      }
    }
    return frames;
  }
}
