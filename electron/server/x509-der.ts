/**
 * Just enough DER (ITU-T X.690) to issue the hall's X.509 v3 certificates (RFC 5280) with node's
 * crypto: ECDSA P-256 keys, ecdsa-with-SHA256 signatures, a common name as the only name part,
 * and the extensions a CA and a TLS server certificate need. Reading certificates is node's
 * X509Certificate; nothing here parses. Why hand-written: docs/decisions.md (Hall TLS).
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV: tag, definite length, contents. */
export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const octets = (bytes: Buffer) => tlv(0x04, bytes);
const bool = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
/** Context-specific constructed [n] (EXPLICIT). */
const explicit = (n: number, inner: Buffer) => tlv(0xa0 | n, inner);

/** A non-negative INTEGER from big-endian bytes (a leading 0 added when the top bit is set). */
export function integer(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0 && ((bytes[i + 1] ?? 0) & 0x80) === 0) i++;
  const trimmed = bytes.subarray(i);
  return tlv(0x02, ((trimmed[0] ?? 0) & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = parts;
  const out = [40 * a + b];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-12-07T05:22:32.000Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii')) : tlv(0x18, Buffer.from(digits, 'ascii'));
}

/** A Name of one RDN: the common name (UTF8String). */
function commonName(cn: string): Buffer {
  return sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn.normalize('NFC'), 'utf8')))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

/** The 16-byte form of an IPv4 (4 bytes) or IPv6 address. */
function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  const [head = '', tail = ''] = address.includes('::') ? address.split('::') : [address, ''];
  const words = (s: string) => (s === '' ? [] : s.split(':').map((w) => Number.parseInt(w, 16)));
  const h = words(head);
  const t = words(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  all.forEach((w, i) => out.writeUInt16BE(w, i * 2));
  return out;
}

/** subjectAltName: dNSName [2] for names, iPAddress [7] for addresses. */
function altNames(names: readonly string[]): Buffer {
  return sequence(...names.map((n) => (isIP(n) ? tlv(0x87, ipBytes(n)) : tlv(0x82, Buffer.from(n, 'ascii')))));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits. */
export function keyIdentifier(spkiDer: Buffer): Buffer {
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm, subjectPublicKey BIT STRING }: the BIT STRING is
  // the last TLV; for a P-256 key it is 66 bytes long (tag, length, unused-bits byte, 65 bytes).
  const bits = spkiDer.subarray(spkiDer.length - 65);
  return createHash('sha1').update(bits).digest();
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

export interface CertificateSpec {
  readonly serial: Buffer;
  readonly issuerCn: string;
  readonly subjectCn: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The subject's public key as SubjectPublicKeyInfo DER (KeyObject.export({ type: 'spki', format: 'der' })). */
  readonly subjectSpki: Buffer;
  /** The issuer's SubjectPublicKeyInfo DER (its key identifier goes in authorityKeyIdentifier). */
  readonly issuerSpki: Buffer;
  readonly signingKey: KeyObject;
  /** A CA (basicConstraints cA, pathLen 0, keyCertSign + cRLSign) or a TLS server certificate for `names`. */
  readonly kind: { readonly ca: true } | { readonly ca: false; readonly names: readonly string[] };
}

/** The DER of a signed certificate. */
export function issueCertificate(spec: CertificateSpec): Buffer {
  const extensions = spec.kind.ca
    ? [
        extension('2.5.29.19', true, sequence(bool(true), integer(Buffer.from([0])))),
        // keyUsage bits 5 (keyCertSign) and 6 (cRLSign): 0b0000_0110, one unused bit.
        extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x01, 0x06]))),
        extension('2.5.29.14', false, octets(keyIdentifier(spec.subjectSpki))),
      ]
    : [
        extension('2.5.29.19', true, sequence()),
        // keyUsage bit 0 (digitalSignature): 0b1000_0000, seven unused bits.
        extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x07, 0x80]))),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, altNames(spec.kind.names)),
        extension('2.5.29.35', false, sequence(tlv(0x80, keyIdentifier(spec.issuerSpki)))),
        extension('2.5.29.14', false, octets(keyIdentifier(spec.subjectSpki))),
      ];
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(spec.serial),
    ECDSA_WITH_SHA256,
    commonName(spec.issuerCn),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    commonName(spec.subjectCn),
    spec.subjectSpki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, spec.signingKey); // DER ECDSA-Sig-Value for an EC key
  return sequence(tbs, ECDSA_WITH_SHA256, tlv(0x03, Buffer.from([0]), signature));
}
