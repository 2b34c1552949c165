/**
 * Bytes → commands: the decoder for every encoder in this folder. Strict: an unknown or malformed
 * command throws EscPosDecodeError with its offset (truncated = more bytes could complete it).
 * decodeStream is the lenient form the printer simulator uses on a live byte stream.
 */
import { EscPosDecodeError, type Decoded, type EscPosCommand } from './command.ts';
import { decodeFormat } from './format.ts';
import { decodePaper } from './paper.ts';
import { decodeProcessId } from './process-id.ts';
import { decodeQr } from './qr.ts';
import { decodeRaster } from './raster.ts';
import { decodeSetup } from './setup.ts';
import { decodeStatusRequest } from './status.ts';
import { decodeText } from './text.ts';

const FAMILIES = [decodeStatusRequest, decodeSetup, decodeFormat, decodePaper, decodeRaster, decodeQr, decodeProcessId, decodeText];

export function decodeOne(bytes: Uint8Array, at: number): Decoded {
  for (const decode of FAMILIES) {
    const decoded = decode(bytes, at);
    if (decoded !== null) return decoded;
  }
  const b = bytes[at] ?? 0;
  const truncated = (b === 0x1b || b === 0x1d) && at + 1 >= bytes.length;
  throw new EscPosDecodeError(
    at,
    truncated
      ? 'command prefix without a command'
      : `unknown command starting 0x${b.toString(16).padStart(2, '0')} 0x${(bytes[at + 1] ?? 0).toString(16).padStart(2, '0')}`,
    truncated,
  );
}

export function decodeEscPos(bytes: Uint8Array): EscPosCommand[] {
  const commands: EscPosCommand[] = [];
  let at = 0;
  while (at < bytes.length) {
    const { command, next } = decodeOne(bytes, at);
    commands.push(command);
    at = next;
  }
  return commands;
}

export interface StreamDecodeResult {
  readonly commands: EscPosCommand[];
  /** Bytes of an incomplete command at the end, to prepend to the next chunk. */
  readonly rest: Uint8Array;
  /** Malformed commands skipped (one byte at a time, as a printer resynchronises). */
  readonly errors: EscPosDecodeError[];
}

export function decodeStream(bytes: Uint8Array): StreamDecodeResult {
  const commands: EscPosCommand[] = [];
  const errors: EscPosDecodeError[] = [];
  let at = 0;
  while (at < bytes.length) {
    try {
      const { command, next } = decodeOne(bytes, at);
      commands.push(command);
      at = next;
    } catch (error) {
      if (!(error instanceof EscPosDecodeError)) throw error;
      if (error.truncated) return { commands, rest: bytes.slice(at), errors };
      errors.push(error);
      at += 1;
    }
  }
  return { commands, rest: new Uint8Array(0), errors };
}
