/**
 * Command and response APDUs (ISO/IEC 7816-4 §5.1): short and extended length encoding, both
 * directions (the terminal encodes commands; the virtual card decodes them).
 */
import { concat } from '../bytes.ts';
import { CardParseError } from '../errors.ts';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  /** Ne: expected response length 1..65536 (256 is Le 00 short; 65536 is Le 0000 extended). */
  readonly ne?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1 SW2 as one number, e.g. 0x9000. */
  readonly sw: number;
}

export const SW_OK = 0x9000;
export const SW_END_OF_FILE = 0x6282;
export const SW_WRONG_LENGTH = 0x6700;
export const SW_SECURITY_NOT_SATISFIED = 0x6982;
export const SW_AUTH_FAILED = 0x6300;
export const SW_SM_OBJECTS_MISSING = 0x6987;
export const SW_SM_OBJECTS_INCORRECT = 0x6988;
export const SW_FILE_NOT_FOUND = 0x6a82;
export const SW_WRONG_OFFSET = 0x6b00;
export const SW_INS_NOT_SUPPORTED = 0x6d00;
export const SW_CONDITIONS_NOT_SATISFIED = 0x6985;

/** Whether a command needs the extended form (Nc > 255 or Ne > 256). */
export function needsExtended(c: CommandApdu): boolean {
  return (c.data?.length ?? 0) > 255 || (c.ne ?? 0) > 256;
}

/** Whether encoded command bytes use the extended form (a body starting with 00 and at least 3 bytes long). */
export function isExtendedEncoding(bytes: Uint8Array): boolean {
  return bytes.length >= 7 && bytes[4] === 0;
}

export function encodeCommand(c: CommandApdu, extended = needsExtended(c)): Uint8Array {
  const header = Uint8Array.of(c.cla, c.ins, c.p1, c.p2);
  const data = c.data ?? new Uint8Array(0);
  const parts: Uint8Array[] = [header];
  if (!extended) {
    if (data.length > 0) parts.push(Uint8Array.of(data.length), data);
    if (c.ne !== undefined) parts.push(Uint8Array.of(c.ne === 256 ? 0 : c.ne));
    return concat(...parts);
  }
  if (data.length > 0) parts.push(Uint8Array.of(0, data.length >> 8, data.length & 0xff), data);
  if (c.ne !== undefined) {
    const le = c.ne === 65536 ? 0 : c.ne;
    parts.push(data.length > 0 ? Uint8Array.of(le >> 8, le & 0xff) : Uint8Array.of(0, le >> 8, le & 0xff));
  }
  return concat(...parts);
}

/** Decodes the four ISO 7816-4 cases, short and extended. */
export function decodeCommand(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4) throw new CardParseError('APDU', `command of ${bytes.length} bytes is shorter than a header`);
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = bytes;
  const body = bytes.subarray(4);
  const head = { cla, ins, p1, p2 };
  if (body.length === 0) return head;
  const b0 = body[0] ?? 0;
  if (body.length === 1) return { ...head, ne: b0 === 0 ? 256 : b0 };
  if (b0 !== 0 || body.length === 2) {
    // Short: Lc data [Le]
    if (b0 === 0) throw new CardParseError('APDU', 'short Lc of 0');
    if (body.length === 1 + b0) return { ...head, data: body.subarray(1) };
    if (body.length === 2 + b0) {
      const le = body[1 + b0] ?? 0;
      return { ...head, data: body.subarray(1, 1 + b0), ne: le === 0 ? 256 : le };
    }
    throw new CardParseError('APDU', `short Lc ${b0} does not match a body of ${body.length} bytes`);
  }
  // Extended: 00 then either Le (2 bytes) or Lc (2 bytes) data [Le (2 bytes)]
  const n = ((body[1] ?? 0) << 8) | (body[2] ?? 0);
  if (body.length === 3) return { ...head, ne: n === 0 ? 65536 : n };
  if (n === 0) throw new CardParseError('APDU', 'extended Lc of 0');
  if (body.length === 3 + n) return { ...head, data: body.subarray(3) };
  if (body.length === 5 + n) {
    const le = ((body[3 + n] ?? 0) << 8) | (body[4 + n] ?? 0);
    return { ...head, data: body.subarray(3, 3 + n), ne: le === 0 ? 65536 : le };
  }
  throw new CardParseError('APDU', `extended Lc ${n} does not match a body of ${body.length} bytes`);
}

export function decodeResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new CardParseError('APDU', `response of ${bytes.length} bytes has no status word`);
  return { data: bytes.subarray(0, bytes.length - 2), sw: ((bytes[bytes.length - 2] ?? 0) << 8) | (bytes[bytes.length - 1] ?? 0) };
}

export function encodeResponse(data: Uint8Array, sw: number): Uint8Array {
  return concat(data, Uint8Array.of(sw >> 8, sw & 0xff));
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
