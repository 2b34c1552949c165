/**
 * The hall data key and the sealing of personal data at rest (dossiers and their papers).
 *
 * Sealed value layout: version (1 byte, 0x01) ‖ nonce (12 bytes, random per value) ‖ ciphertext ‖
 * GCM tag (16 bytes). AES-256-GCM (NIST SP 800-38D) with the caller's associated data (the dossier
 * id and what the value is), so a value moved to another row or column fails authentication.
 *
 * The key: `HALL_DATA_KEY` (32 bytes, base64) when set; otherwise the 32-byte file `<db>.key` next to
 * the database, created with mode 0600 on first start and refused when group or others may read it.
 * A database that already holds sealed data (or events whose digests are keyed from the key) never
 * gets a fresh key silently: a missing key file is an error telling the operator to restore it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { DossierStore, type DataSealer } from '../store/dossier-store.ts';
import { hasKeyedEvents } from '../store/event-log.ts';
import type { HallDatabase } from '../store/open-database.ts';
import type { Logger } from './logger.ts';

export const HALL_KEY_BYTES = 32;
const VERSION = 0x01;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class HallKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HallKeyError';
  }
}

export class AesGcmSealer implements DataSealer {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength !== HALL_KEY_BYTES) throw new HallKeyError(`The hall data key must be ${HALL_KEY_BYTES} bytes, not ${key.byteLength}.`);
    this.#key = Buffer.from(key);
  }

  seal(plain: Uint8Array, aad: string): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array, aad: string): Buffer {
    const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (b.length < 1 + NONCE_BYTES + TAG_BYTES || b[0] !== VERSION) throw new Error('not a sealed value of a known version');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, b.subarray(1, 1 + NONCE_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(b.subarray(b.length - TAG_BYTES));
    return Buffer.concat([decipher.update(b.subarray(1 + NONCE_BYTES, b.length - TAG_BYTES)), decipher.final()]);
  }
}

export interface HallKey {
  readonly key: Buffer;
  readonly source: 'env' | 'file';
  /** The key file, when the key came from one. */
  readonly path: string | null;
  /** True when this start created the key file. */
  readonly created: boolean;
}

export function hallKeyPath(dbPath: string): string {
  return `${dbPath}.key`;
}

/**
 * Loads the hall data key. `mustExist`: the database already holds sealed data, so a missing key
 * file is an error instead of a reason to create one.
 */
export function loadHallKey(options: { dbPath: string; env?: Readonly<Record<string, string | undefined>>; mustExist: boolean }): HallKey {
  const fromEnv = options.env?.HALL_DATA_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = Buffer.from(fromEnv.trim(), 'base64');
    if (key.length !== HALL_KEY_BYTES || key.toString('base64') !== fromEnv.trim()) {
      throw new HallKeyError(`HALL_DATA_KEY must be ${HALL_KEY_BYTES} bytes in base64 (44 characters, e.g. from: openssl rand -base64 32).`);
    }
    return { key, source: 'env', path: null, created: false };
  }
  const path = hallKeyPath(options.dbPath);
  if (!existsSync(path)) {
    if (options.mustExist) {
      throw new HallKeyError(
        `The hall data key file ${path} is missing, but the database holds dossiers sealed with it. ` +
          'Restore the key file from the backup made with this database (or set HALL_DATA_KEY); no new key was created.',
      );
    }
    const key = randomBytes(HALL_KEY_BYTES);
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, key);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { key, source: 'file', path, created: true };
  }
  const stat = statSync(path);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new HallKeyError(`The hall data key file ${path} may be read by other users (mode ${mode}); run: chmod 600 ${path}`);
  }
  const key = readFileSync(path);
  if (key.length !== HALL_KEY_BYTES) {
    throw new HallKeyError(`The hall data key file ${path} holds ${key.length} bytes, not ${HALL_KEY_BYTES}; restore it from the backup.`);
  }
  return { key, source: 'file', path, created: false };
}

/**
 * The hall data key for an open database: `given` when passed, otherwise loadHallKey's, which must
 * already exist when the database holds dossiers sealed with it or events keyed from it. A key
 * created by this start is logged as a warning: the operator must back it up apart from the database.
 */
export function hallKeyFor(
  db: HallDatabase,
  options: { dbPath: string; given: Uint8Array | undefined; env: Readonly<Record<string, string | undefined>>; log: Logger },
): Uint8Array {
  if (options.given !== undefined) return options.given;
  const loaded = loadHallKey({ dbPath: options.dbPath, env: options.env, mustExist: DossierStore.hasSealedData(db) || hasKeyedEvents(db) });
  if (loaded.created) options.log.warn({ path: loaded.path }, 'created the hall data key; back it up apart from the database');
  return loaded.key;
}
