/**
 * Devices (enrolment, tokens), staff accounts and staff sessions. Only hashes of secrets are
 * stored: SHA-256 of tokens and pairing codes, scrypt of PINs (hashing happens in the server).
 */
import type { FailureRecord } from '../core/login-guard.ts';
import type { HallDatabase } from './open-database.ts';

export const DEVICE_ROLES = ['kiosk', 'display', 'counter', 'dashboard', 'rating'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];
export const STAFF_ROLES = ['officer', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface DeviceRecord {
  readonly id: string;
  readonly role: DeviceRole;
  readonly name: string;
  readonly counterId: string | null;
  readonly tokenExpiresAt: number | null;
  readonly enrolledAt: number | null;
  readonly revokedAt: number | null;
}

export interface StaffRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly pinHash: string;
  readonly counterIds: readonly string[];
  readonly active: boolean;
  /** dd/mm/yyyy when recorded (the PIN policy refuses it as a PIN). */
  readonly birthDate: string | null;
  /** Consecutive failed logins (login-guard.ts). */
  readonly loginFailures: FailureRecord;
}

export interface SessionRecord {
  readonly staffId: string;
  readonly deviceId: string;
  readonly counterId: string | null;
  readonly expiresAt: number;
}

const toDevice = (r: Record<string, unknown>): DeviceRecord => ({
  id: r.id as string,
  role: r.role as DeviceRole,
  name: r.name as string,
  counterId: r.counter_id as string | null,
  tokenExpiresAt: r.token_expires_at as number | null,
  enrolledAt: r.enrolled_at as number | null,
  revokedAt: r.revoked_at as number | null,
});

const toStaff = (r: Record<string, unknown>): StaffRecord => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  role: r.role as StaffRole,
  pinHash: r.pin_hash as string,
  counterIds: JSON.parse(r.counter_ids as string) as string[],
  active: r.active === 1,
  birthDate: (r.birth_date as string | null) ?? null,
  loginFailures: {
    failures: r.failed_logins as number,
    lastFailureAt: r.last_failed_login_at as number | null,
    lockedUntil: r.locked_until as number | null,
  },
});

export class AccessStore {
  readonly #s;

  constructor(db: HallDatabase) {
    this.#s = {
      insertDevice: db.prepare(
        `INSERT INTO devices (id, role, name, counter_id, token_hash, token_expires_at, pairing_code_hash, pairing_expires_at, created_at, enrolled_at)
         VALUES (@id, @role, @name, @counterId, @tokenHash, @tokenExpiresAt, @pairingHash, @pairingExpiresAt, @now, @enrolledAt)`,
      ),
      deviceByPairing: db.prepare('SELECT * FROM devices WHERE pairing_code_hash = ?'),
      enrol: db.prepare(
        'UPDATE devices SET token_hash = ?, token_expires_at = ?, enrolled_at = ?, pairing_code_hash = NULL, pairing_expires_at = NULL WHERE id = ? AND pairing_code_hash IS NOT NULL',
      ),
      deviceByToken: db.prepare('SELECT * FROM devices WHERE token_hash = ?'),
      deviceById: db.prepare('SELECT * FROM devices WHERE id = ?'),
      listDevices: db.prepare('SELECT * FROM devices ORDER BY created_at, id'),
      insertStaff: db.prepare(
        'INSERT INTO staff (id, username, display_name, role, pin_hash, counter_ids, created_at, birth_date, pin_set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      revokeDevice: db.prepare('UPDATE devices SET revoked_at = ?, pairing_code_hash = NULL WHERE id = ? AND revoked_at IS NULL'),
      deleteDeviceSessions: db.prepare('DELETE FROM staff_sessions WHERE device_id = ?'),
      deleteStaffSessions: db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?'),
      setStaffActive: db.prepare(
        'UPDATE staff SET active = ?, disabled_at = ?, failed_logins = 0, last_failed_login_at = NULL, locked_until = NULL WHERE id = ?',
      ),
      setPin: db.prepare('UPDATE staff SET pin_hash = ?, pin_set_at = ?, failed_logins = 0, last_failed_login_at = NULL, locked_until = NULL WHERE id = ?'),
      listStaff: db.prepare('SELECT * FROM staff ORDER BY username'),
      setLoginFailures: db.prepare('UPDATE staff SET failed_logins = ?, last_failed_login_at = ?, locked_until = ? WHERE id = ?'),
      staffByUsername: db.prepare('SELECT * FROM staff WHERE username = ?'),
      staffById: db.prepare('SELECT * FROM staff WHERE id = ?'),
      insertSession: db.prepare('INSERT INTO staff_sessions (token_hash, staff_id, device_id, counter_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'),
      sessionByToken: db.prepare('SELECT * FROM staff_sessions WHERE token_hash = ?'),
      deleteSession: db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?'),
      purgeSessions: db.prepare('DELETE FROM staff_sessions WHERE expires_at <= ?'),
      getMeta: db.prepare('SELECT value FROM hall_meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO hall_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    };
  }

  createDevice(d: {
    id: string;
    role: DeviceRole;
    name: string;
    counterId: string | null;
    now: number;
    tokenHash: string | null;
    tokenExpiresAt: number | null;
    pairingHash: string | null;
    pairingExpiresAt: number | null;
  }): void {
    this.#s.insertDevice.run({ ...d, enrolledAt: d.tokenHash ? d.now : null });
  }

  /** The device waiting for this pairing code, with the code's expiry. */
  deviceByPairingHash(hash: string): { device: DeviceRecord; pairingExpiresAt: number } | null {
    const r = this.#s.deviceByPairing.get(hash) as Record<string, unknown> | undefined;
    return r ? { device: toDevice(r), pairingExpiresAt: r.pairing_expires_at as number } : null;
  }

  /** Consumes the pairing code (one-time) and stores the token; false if it was already used. */
  enrol(deviceId: string, tokenHash: string, tokenExpiresAt: number, now: number): boolean {
    return this.#s.enrol.run(tokenHash, tokenExpiresAt, now, deviceId).changes === 1;
  }

  deviceByTokenHash(hash: string): DeviceRecord | null {
    const r = this.#s.deviceByToken.get(hash) as Record<string, unknown> | undefined;
    return r ? toDevice(r) : null;
  }

  deviceById(id: string): DeviceRecord | null {
    const r = this.#s.deviceById.get(id) as Record<string, unknown> | undefined;
    return r ? toDevice(r) : null;
  }

  listDevices(): DeviceRecord[] {
    return (this.#s.listDevices.all() as Record<string, unknown>[]).map(toDevice);
  }

  addStaff(s: {
    id: string;
    username: string;
    displayName: string;
    role: StaffRole;
    pinHash: string;
    counterIds: readonly string[];
    now: number;
    birthDate?: string | null;
  }): void {
    this.#s.insertStaff.run(s.id, s.username, s.displayName, s.role, s.pinHash, JSON.stringify(s.counterIds), s.now, s.birthDate ?? null, s.now);
  }

  /** Revokes a device: its token and pairing code stop working and its staff sessions end. False if unknown or already revoked. */
  revokeDevice(id: string, now: number): boolean {
    const changed = this.#s.revokeDevice.run(now, id).changes === 1;
    if (changed) this.#s.deleteDeviceSessions.run(id);
    return changed;
  }

  listStaff(): StaffRecord[] {
    return (this.#s.listStaff.all() as Record<string, unknown>[]).map(toStaff);
  }

  /** Disables or enables an account (clearing its lockout); disabling ends its sessions. */
  setStaffActive(staffId: string, active: boolean, now: number): void {
    this.#s.setStaffActive.run(active ? 1 : 0, active ? null : now, staffId);
    if (!active) this.#s.deleteStaffSessions.run(staffId);
  }

  /** A new PIN hash: the lockout is cleared and every session of the account ends. */
  setPin(staffId: string, pinHash: string, now: number): void {
    this.#s.setPin.run(pinHash, now, staffId);
    this.#s.deleteStaffSessions.run(staffId);
  }

  /** Stores the account's failed-login record (login-guard.ts); NO_FAILURES after a success. */
  setLoginFailures(staffId: string, r: FailureRecord): void {
    this.#s.setLoginFailures.run(r.failures, r.lastFailureAt, r.lockedUntil, staffId);
  }

  staffByUsername(username: string): StaffRecord | null {
    const r = this.#s.staffByUsername.get(username) as Record<string, unknown> | undefined;
    return r ? toStaff(r) : null;
  }

  staffById(id: string): StaffRecord | null {
    const r = this.#s.staffById.get(id) as Record<string, unknown> | undefined;
    return r ? toStaff(r) : null;
  }

  createSession(tokenHash: string, s: SessionRecord & { now: number }): void {
    this.#s.purgeSessions.run(s.now);
    this.#s.insertSession.run(tokenHash, s.staffId, s.deviceId, s.counterId, s.now, s.expiresAt);
  }

  sessionByTokenHash(hash: string): SessionRecord | null {
    const r = this.#s.sessionByToken.get(hash) as Record<string, unknown> | undefined;
    return r
      ? { staffId: r.staff_id as string, deviceId: r.device_id as string, counterId: r.counter_id as string | null, expiresAt: r.expires_at as number }
      : null;
  }

  deleteSession(tokenHash: string): void {
    this.#s.deleteSession.run(tokenHash);
  }

  /** A hall-wide value set once (e.g. the salt of person hashes); returns the stored value. */
  metaOrInit(key: string, init: () => string): string {
    const found = this.#s.getMeta.get(key) as { value: string } | undefined;
    if (found) return found.value;
    this.#s.setMeta.run(key, init());
    return (this.#s.getMeta.get(key) as { value: string }).value;
  }
}
