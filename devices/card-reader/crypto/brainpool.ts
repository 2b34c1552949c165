/**
 * Elliptic-curve arithmetic on brainpoolP256r1 (RFC 5639 §3.4) with BigInt, for PACE generic
 * mapping (ICAO 9303-11 §4.4.3.3.1): node:crypto's ECDH multiplies only the standard generator
 * and has no point addition, and GM needs G~ = s·G + H and Diffie-Hellman on G~.
 * Affine coordinates; not constant time (the terminal side's keys are ephemeral, and the chip
 * side runs only in the simulator).
 */
import { randomBytes } from 'node:crypto';
import { bytesToBigInt, concat, uintBytes } from '../bytes.ts';
import { CardParseError } from '../errors.ts';

export interface Point {
  readonly x: bigint;
  readonly y: bigint;
}
/** The point at infinity. */
export const INFINITY: Point | null = null;

export const P256R1 = {
  p: 0xa9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377n,
  a: 0x7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9n,
  b: 0x26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6n,
  g: {
    x: 0x8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262n,
    y: 0x547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997n,
  } as Point,
  n: 0xa9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7n,
  /** Bytes of a coordinate. */
  size: 32,
} as const;

const { p, a, b } = P256R1;

function mod(v: bigint): bigint {
  const r = v % p;
  return r < 0n ? r + p : r;
}

function inverse(v: bigint): bigint {
  let [oldR, r]: [bigint, bigint] = [mod(v), p];
  let [oldS, s]: [bigint, bigint] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS);
}

export function add(P: Point | null, Q: Point | null): Point | null {
  if (P === null) return Q;
  if (Q === null) return P;
  let lambda: bigint;
  if (P.x === Q.x) {
    if (mod(P.y + Q.y) === 0n) return null;
    lambda = mod((3n * P.x * P.x + a) * inverse(2n * P.y));
  } else {
    lambda = mod((Q.y - P.y) * inverse(Q.x - P.x));
  }
  const x = mod(lambda * lambda - P.x - Q.x);
  return { x, y: mod(lambda * (P.x - x) - P.y) };
}

export function multiply(k: bigint, P: Point): Point | null {
  let result: Point | null = null;
  let addend: Point | null = P;
  let e = k;
  while (e > 0n) {
    if (e & 1n) result = add(result, addend);
    addend = add(addend, addend);
    e >>= 1n;
  }
  return result;
}

export function isOnCurve(P: Point): boolean {
  return P.x >= 0n && P.x < p && P.y >= 0n && P.y < p && mod(P.y * P.y - (P.x * P.x * P.x + a * P.x + b)) === 0n;
}

/** Uncompressed SEC1 encoding 04 ‖ X ‖ Y. */
export function encodePoint(P: Point): Uint8Array {
  return concat(Uint8Array.of(0x04), uintBytes(P.x, 32), uintBytes(P.y, 32));
}

/** Decodes an uncompressed point and checks it lies on the curve (a public key from the other party). */
export function decodePoint(bytes: Uint8Array): Point {
  if (bytes.length !== 65 || bytes[0] !== 0x04) throw new CardParseError('EC', 'expected an uncompressed brainpoolP256r1 point (65 bytes, 04…)');
  const P = { x: bytesToBigInt(bytes.subarray(1, 33)), y: bytesToBigInt(bytes.subarray(33)) };
  if (!isOnCurve(P)) throw new CardParseError('EC', 'point is not on brainpoolP256r1');
  return P;
}

/** A random private key in [1, n-1]. */
export function randomScalar(): bigint {
  for (;;) {
    const k = bytesToBigInt(new Uint8Array(randomBytes(32)));
    if (k > 0n && k < P256R1.n) return k;
  }
}

export function mustMultiply(k: bigint, P: Point): Point {
  const R = multiply(k, P);
  if (R === null) throw new CardParseError('EC', 'scalar multiplication gave the point at infinity');
  return R;
}
