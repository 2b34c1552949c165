/**
 * Hall credentials and supervisor accounts of the hub.
 * - A hall is enrolled like a device: a random bearer token shown once, stored as SHA-256.
 * - A supervisor logs in with username and PIN (scrypt, constant-time compare, a dummy hash for
 *   unknown names) and gets a session token (SHA-256 stored) valid `SESSION_HOURS`. Scope
 *   `province` sees every hall; `district` only the halls reporting under its district.
 * - Failed logins are limited per username: after MAX_FAILURES within the window, refused until
 *   the window passes (in memory per process; each process enforces its own count).
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Pool } from './database.ts';

export const SESSION_HOURS = 12;
export const LOGIN_LIMIT = { maxFailures: 5, windowMs: 15 * 60_000 } as const;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export async function enrollHall(pool: Pool, hall: { id: string; name: string; district: string | null }): Promise<string> {
  const token = `hall_${randomBytes(32).toString('base64url')}`;
  await pool.query(
    `INSERT INTO halls (id, name, district, credential_sha256) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET credential_sha256 = excluded.credential_sha256, revoked_at = NULL,
       name = excluded.name, district = COALESCE(excluded.district, halls.district)`,
    [hall.id, hall.name, hall.district, sha256(token)],
  );
  return token;
}

export async function revokeHall(pool: Pool, hallId: string): Promise<boolean> {
  const { rowCount } = await pool.query('UPDATE halls SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [hallId]);
  return rowCount === 1;
}

/** The hall a bearer token belongs to, or null. */
export async function hallOfToken(pool: Pool, token: string): Promise<string | null> {
  // Named: prepared once per connection, as it runs before every delivery.
  const { rows } = await pool.query<{ id: string }>({
    name: 'hall-of-token',
    text: 'SELECT id FROM halls WHERE credential_sha256 = $1 AND revoked_at IS NULL',
    values: [sha256(token)],
  });
  return rows[0]?.id ?? null;
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

const DUMMY = hashPin('0000000000');

export interface Supervisor {
  readonly username: string;
  readonly displayName: string;
  readonly scope: 'province' | 'district';
  readonly district: string | null;
}

export async function addSupervisor(pool: Pool, s: Supervisor & { pin: string }): Promise<void> {
  if (s.pin.length < 8) throw new RangeError('a supervisor PIN needs at least 8 characters');
  if ((s.scope === 'district') !== (s.district !== null)) throw new RangeError('a district supervisor needs --district, a province supervisor none');
  await pool.query(
    `INSERT INTO supervisors (username, display_name, pin_hash, scope, district) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, pin_hash = excluded.pin_hash, scope = excluded.scope,
       district = excluded.district, revoked_at = NULL`,
    [s.username, s.displayName, hashPin(s.pin), s.scope, s.district],
  );
}

export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();
  constructor(readonly clock: () => number = Date.now) {}

  blocked(username: string): boolean {
    const now = this.clock();
    const recent = (this.#failures.get(username) ?? []).filter((t) => now - t < LOGIN_LIMIT.windowMs);
    this.#failures.set(username, recent);
    return recent.length >= LOGIN_LIMIT.maxFailures;
  }

  failed(username: string): void {
    this.#failures.set(username, [...(this.#failures.get(username) ?? []), this.clock()]);
  }

  succeeded(username: string): void {
    this.#failures.delete(username);
  }
}

/** A session token for valid credentials, or null (same cost for an unknown name). */
export async function login(pool: Pool, username: string, pin: string): Promise<{ token: string; supervisor: Supervisor } | null> {
  const { rows } = await pool.query<{ username: string; display_name: string; pin_hash: string; scope: 'province' | 'district'; district: string | null }>(
    'SELECT username, display_name, pin_hash, scope, district FROM supervisors WHERE username = $1 AND revoked_at IS NULL',
    [username],
  );
  const row = rows[0];
  const ok = verifyPin(pin, row?.pin_hash ?? DUMMY);
  if (!row || !ok) return null;
  const token = `sup_${randomBytes(32).toString('base64url')}`;
  await pool.query(`INSERT INTO supervisor_sessions (token_sha256, username, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [
    sha256(token),
    username,
    SESSION_HOURS,
  ]);
  return { token, supervisor: { username: row.username, displayName: row.display_name, scope: row.scope, district: row.district } };
}

export async function supervisorOfToken(pool: Pool, token: string): Promise<Supervisor | null> {
  const { rows } = await pool.query<{ username: string; display_name: string; scope: 'province' | 'district'; district: string | null }>(
    `SELECT s.username, s.display_name, s.scope, s.district FROM supervisor_sessions x JOIN supervisors s ON s.username = x.username
      WHERE x.token_sha256 = $1 AND x.expires_at > now() AND s.revoked_at IS NULL`,
    [sha256(token)],
  );
  const r = rows[0];
  return r ? { username: r.username, displayName: r.display_name, scope: r.scope, district: r.district } : null;
}

export async function logout(pool: Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM supervisor_sessions WHERE token_sha256 = $1', [sha256(token)]);
}
