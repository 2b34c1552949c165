/**
 * Print-completion confirmation, GS ( H pL pH fn m d1…d4 (pL=6, pH=0, fn=48, m=48, d = '0'–'9'):
 * "transmission of process ID response". The printer answers 37 22 d1 d2 d3 d4 00 once it has
 * processed every command before it, i.e. once the ticket above was printed. Profiles with
 * `processIdResponse` use it to confirm a job; others fall back to the DLE EOT status after the job.
 */
import { GS, EscPosDecodeError, need, type Decoded, type EscPosCommand } from './command.ts';

export const PROCESS_ID_REPLY_LENGTH = 7;
/** First byte of the answer; bit 0 is set, so it is never a DLE EOT status byte. */
export const PROCESS_ID_HEADER = 0x37;

function checkId(id: string): string {
  if (!/^\d{4}$/.test(id)) throw new RangeError(`process id must be 4 digits, got '${id}'`);
  return id;
}

export function encodeProcessId(command: EscPosCommand): number[] | null {
  if (command.op !== 'processId') return null;
  return [GS, 0x28, 0x48, 6, 0, 48, 48, ...[...checkId(command.id)].map((c) => c.charCodeAt(0))];
}

export function decodeProcessId(bytes: Uint8Array, at: number): Decoded | null {
  if (bytes[at] !== GS || bytes[at + 1] !== 0x28 || bytes[at + 2] !== 0x48) return null;
  const length = need(bytes, at + 3, at, 'GS ( H pL') | (need(bytes, at + 4, at, 'GS ( H pH') << 8);
  if (length !== 6) throw new EscPosDecodeError(at, `GS ( H: length ${length} is not 6`, false);
  const end = at + 5 + length;
  if (end > bytes.length) throw new EscPosDecodeError(at, 'GS ( H: parameters are cut short', true);
  if (bytes[at + 5] !== 48 || bytes[at + 6] !== 48) throw new EscPosDecodeError(at, 'GS ( H: only fn=48 m=48 (process id) is supported', false);
  const id = String.fromCharCode(...bytes.subarray(at + 7, end));
  if (!/^\d{4}$/.test(id)) throw new EscPosDecodeError(at, `GS ( H: process id '${id}' is not 4 digits`, false);
  return { command: { op: 'processId', id }, next: end };
}

/** The printer's answer (simulators). */
export function encodeProcessIdReply(id: string): Uint8Array {
  return Uint8Array.of(0x37, 0x22, ...[...checkId(id)].map((c) => c.charCodeAt(0)), 0);
}

/** The 7 reply bytes → the id; throws on anything else. */
export function decodeProcessIdReply(bytes: Uint8Array): string {
  const id = String.fromCharCode(...bytes.subarray(2, 6));
  if (bytes.length !== PROCESS_ID_REPLY_LENGTH || bytes[0] !== 0x37 || bytes[1] !== 0x22 || bytes[6] !== 0 || !/^\d{4}$/.test(id)) {
    throw new EscPosDecodeError(0, 'not a process id response (37 22 d1 d2 d3 d4 00)', false);
  }
  return id;
}
