/**
 * Secrets: device tokens, pairing codes, staff PINs and person hashes.
 * Tokens and codes are stored as SHA-256; PINs as scrypt with a random salt; ID numbers as
 * HMAC-SHA256 under the hall's person-hash key (hall-keys.ts), derived from the hall data key that
 * is kept outside the database: a copy of the database alone cannot test a guessed ID number.
 */
import { createHash, createHmac, randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PIN_MIN_DIGITS, pinProblem } from '../core/pin-policy.ts';

export function newToken(kind: 'dev' | 'stf'): string {
  return `${kind}_${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** An 8-digit one-time pairing code shown as 1234-5678. */
export function newPairingCode(): string {
  const digits = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

export function normalizePairingCode(code: string): string {
  const digits = code.replace(/\D/g, '');
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

/** scrypt on libuv's thread pool: a login never holds the request thread (about 50 ms per try). */
function scryptAsync(pin: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pin, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

function formatPinHash(salt: Buffer, hash: Buffer): string {
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Format: scrypt$N$r$p$saltB64$hashB64. Synchronous: for the CLI and provisioning, not the server. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return formatPinHash(salt, scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }));
}

/** hashPin off the request thread (the server's PIN reset). */
export async function hashPinAsync(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return formatPinHash(salt, await scryptAsync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }));
}

/**
 * A random PIN of PIN_MIN_DIGITS digits that the PIN policy accepts for this person (a reset's
 * one-time PIN, shown once). Random digits rarely hit a refused form; the loop redraws those.
 */
export function newPin(person: { readonly birthDate?: string | null } = {}): string {
  for (;;) {
    const pin = String(randomInt(0, 10 ** PIN_MIN_DIGITS)).padStart(PIN_MIN_DIGITS, '0');
    if (pinProblem(pin, person) === null) return pin;
  }
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** A dummy hash so unknown usernames cost the same time as wrong PINs. */
export const DUMMY_PIN_HASH = hashPin('000000');

/** HMAC-SHA256 of the ID number under the person-hash key (hex). */
export function personHash(key: Uint8Array, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber).digest('hex');
}
