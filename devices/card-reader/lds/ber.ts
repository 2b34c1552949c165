/**
 * BER-TLV reading and DER writing (ISO/IEC 8825-1) for LDS files, SOD/CMS and protocol data.
 * Pure; malformed input throws CardParseError('BER', ...) naming the offset.
 */
import { concat } from '../bytes.ts';
import { CardParseError } from '../errors.ts';

export interface Tlv {
  /** The tag as a number, including class and constructed bits (e.g. 0x5F1F, 0x7C, 0x30). */
  readonly tag: number;
  readonly constructed: boolean;
  readonly value: Uint8Array;
  /** Offset of the tag in the input, and total length of tag + length + value. */
  readonly offset: number;
  readonly size: number;
  /** The whole encoding (tag, length, value). */
  readonly raw: Uint8Array;
}

export interface TlvHeader {
  readonly tag: number;
  readonly constructed: boolean;
  readonly headerLength: number;
  readonly valueLength: number;
}

/** Reads the tag and length at `offset`; the value itself may lie beyond the input (file headers). */
export function readTlvHeader(input: Uint8Array, offset = 0): TlvHeader {
  let at = offset;
  const first = input[at++];
  if (first === undefined) throw new CardParseError('BER', `no tag at offset ${offset}`);
  if (first === 0x00 || first === 0xff) throw new CardParseError('BER', `invalid tag byte ${first} at offset ${offset}`);
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    let next: number | undefined;
    let count = 0;
    do {
      next = input[at++];
      if (next === undefined) throw new CardParseError('BER', `truncated tag at offset ${offset}`);
      if (++count > 3) throw new CardParseError('BER', `tag longer than 4 bytes at offset ${offset}`);
      tag = tag * 256 + next;
    } while ((next & 0x80) !== 0);
  }
  const lengthByte = input[at++];
  if (lengthByte === undefined) throw new CardParseError('BER', `truncated length at offset ${offset}`);
  let valueLength = lengthByte;
  if (lengthByte === 0x80) throw new CardParseError('BER', `indefinite length at offset ${offset} is not allowed here`);
  if (lengthByte > 0x80) {
    const n = lengthByte & 0x7f;
    if (n > 3) throw new CardParseError('BER', `length of ${n} bytes at offset ${offset} is too long`);
    valueLength = 0;
    for (let i = 0; i < n; i++) {
      const b = input[at++];
      if (b === undefined) throw new CardParseError('BER', `truncated length at offset ${offset}`);
      valueLength = valueLength * 256 + b;
    }
  }
  return { tag, constructed: (first & 0x20) !== 0, headerLength: at - offset, valueLength };
}

/** Reads one complete TLV at `offset`. */
export function readTlv(input: Uint8Array, offset = 0): Tlv {
  const h = readTlvHeader(input, offset);
  const start = offset + h.headerLength;
  const end = start + h.valueLength;
  if (end > input.length) {
    throw new CardParseError('BER', `value of tag ${h.tag.toString(16)} at offset ${offset} needs ${h.valueLength} bytes, ${input.length - start} left`);
  }
  return {
    tag: h.tag,
    constructed: h.constructed,
    value: input.subarray(start, end),
    offset,
    size: end - offset,
    raw: input.subarray(offset, end),
  };
}

/** Reads consecutive TLVs filling the whole input. */
export function readTlvList(input: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < input.length) {
    const t = readTlv(input, at);
    out.push(t);
    at += t.size;
  }
  return out;
}

/** Reads exactly one TLV with the expected tag covering the whole input. */
export function expectTlv(input: Uint8Array, tag: number, what: string): Tlv {
  const t = readTlv(input, 0);
  if (t.tag !== tag) throw new CardParseError(what, `expected tag ${tag.toString(16)}, found ${t.tag.toString(16)}`);
  if (t.size !== input.length) throw new CardParseError(what, `${input.length - t.size} trailing bytes after tag ${tag.toString(16)}`);
  return t;
}

/** Children of a constructed TLV. */
export function children(t: Tlv, what: string): Tlv[] {
  if (!t.constructed) throw new CardParseError(what, `tag ${t.tag.toString(16)} is not constructed`);
  return readTlvList(t.value);
}

export function child(list: readonly Tlv[], index: number, tag: number, what: string): Tlv {
  const t = list[index];
  if (t === undefined) throw new CardParseError(what, `missing element ${index} (tag ${tag.toString(16)})`);
  if (t.tag !== tag) throw new CardParseError(what, `element ${index}: expected tag ${tag.toString(16)}, found ${t.tag.toString(16)}`);
  return t;
}

// ── DER writing ─────────────────────────────────────────────────────────────────────────────

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  if (length < 0x10000) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
}

function encodeTag(tag: number): Uint8Array {
  const bytes: number[] = [];
  let t = tag;
  do {
    bytes.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  return Uint8Array.from(bytes);
}

export function tlv(tag: number, ...value: readonly Uint8Array[]): Uint8Array {
  const v = concat(...value);
  return concat(encodeTag(tag), encodeLength(v.length), v);
}

/** DER OBJECT IDENTIFIER from dotted text. */
export function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const [a0 = 0n, a1 = 0n, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [a0 * 40n + a1, ...rest]) {
    const group: number[] = [];
    let v = arc;
    do {
      group.unshift(Number(v & 0x7fn) | (group.length === 0 ? 0 : 0x80));
      v >>= 7n;
    } while (v > 0n);
    out.push(...group);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** Dotted text of an OID value (the bytes after tag and length). */
export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) throw new CardParseError('BER', 'empty OID');
  const arcs: bigint[] = [];
  let v = 0n;
  for (let i = 0; i < value.length; i++) {
    const b = value[i] ?? 0;
    v = (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = v < 80n ? v / 40n : 2n;
        arcs.push(first, v - first * 40n);
      } else arcs.push(v);
      v = 0n;
    } else if (i === value.length - 1) throw new CardParseError('BER', 'truncated OID');
  }
  return arcs.join('.');
}

/** DER INTEGER from a small non-negative number. */
export function encodeInteger(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

/** Non-negative INTEGER value (≤ 2^53) of an INTEGER TLV. */
export function decodeSmallInteger(t: Tlv, what: string): number {
  if (t.tag !== 0x02 || t.value.length === 0 || t.value.length > 6) throw new CardParseError(what, 'not a small INTEGER');
  if ((t.value[0] ?? 0) & 0x80) throw new CardParseError(what, 'negative INTEGER');
  return t.value.reduce((n, b) => n * 256 + b, 0);
}
