/**
 * Who is calling: resolves the device token (Authorization: Bearer) and the staff session
 * (X-Staff-Session) of a request and checks them against a route's requirement.
 */
import { DomainError } from '../common/errors.ts';
import type { AccessStore, DeviceRecord, DeviceRole, StaffRecord, StaffRole } from '../store/access-store.ts';
import { newPairingCode, newToken, normalizePairingCode, sha256Hex, verifyPin, DUMMY_PIN_HASH } from './secrets.ts';

export interface AccessRule {
  /** Device roles allowed; omitted = public route. */
  readonly devices?: readonly DeviceRole[];
  /** Staff roles required in addition to the device (a logged-in officer on a counter, …). */
  readonly staff?: readonly StaffRole[];
  /** The route's :counterId must be the counter the device is bound to. */
  readonly boundCounter?: boolean;
}

export interface Caller {
  readonly device: DeviceRecord | null;
  readonly staff: StaffRecord | null;
}

export const DAY_MS = 86_400_000;

/**
 * How long a device looked up by its token is remembered. Every request authenticates, and the
 * lookup (SHA-256 + a SELECT) was a visible share of an issue's time. A device revoked by another
 * process is refused at most this much later; expiry is still checked on every request.
 */
export const DEVICE_CACHE_MS = 5_000;
const DEVICE_CACHE_MAX = 1_000;

export class Access {
  readonly #store: AccessStore;
  readonly #clock: () => number;
  /** Device id → last request time (for device health on the dashboard). */
  readonly lastSeen = new Map<string, number>();
  /** Token → device and the time the entry goes stale. */
  readonly #devices = new Map<string, { device: DeviceRecord; until: number }>();

  constructor(store: AccessStore, clock: () => number) {
    this.#store = store;
    this.#clock = clock;
  }

  /** Every device ever created, revoked ones included (the caller filters). */
  devices(): DeviceRecord[] {
    return this.#store.listDevices();
  }

  /** Creates a device waiting for pairing; returns the one-time code (valid `validMinutes`). */
  createPairing(d: { id: string; role: DeviceRole; name: string; counterId: string | null; validMinutes: number }): string {
    const code = newPairingCode();
    const now = this.#clock();
    this.#store.createDevice({
      ...d, now, tokenHash: null, tokenExpiresAt: null,
      pairingHash: sha256Hex(code), pairingExpiresAt: now + d.validMinutes * 60_000,
    });
    return code;
  }

  /** Creates an enrolled device directly (provisioning scripts); returns its token. */
  createEnrolledDevice(d: { id: string; role: DeviceRole; name: string; counterId: string | null; validDays: number }): string {
    const token = newToken('dev');
    const now = this.#clock();
    this.#store.createDevice({
      ...d, now, tokenHash: sha256Hex(token), tokenExpiresAt: now + d.validDays * DAY_MS, pairingHash: null, pairingExpiresAt: null,
    });
    return token;
  }

  /** Exchanges a pairing code for a device token (once). */
  pair(code: string, validDays: number): { token: string; device: DeviceRecord } {
    const now = this.#clock();
    const found = this.#store.deviceByPairingHash(sha256Hex(normalizePairingCode(code)));
    if (!found || found.pairingExpiresAt <= now || found.device.revokedAt !== null) throw new DomainError('INVALID_PAIRING_CODE');
    const token = newToken('dev');
    if (!this.#store.enrol(found.device.id, sha256Hex(token), now + validDays * DAY_MS, now)) throw new DomainError('INVALID_PAIRING_CODE');
    return { token, device: this.#store.deviceById(found.device.id) ?? found.device };
  }

  /** The device holding this token, or a DomainError saying why not. */
  deviceForToken(token: string | null): DeviceRecord {
    if (!token) throw new DomainError('UNAUTHENTICATED', { hint: 'send Authorization: Bearer <device token>' });
    const now = this.#clock();
    const device = this.#cachedDevice(token, now);
    if (!device || device.revokedAt !== null) throw new DomainError('UNAUTHENTICATED');
    if (device.tokenExpiresAt !== null && device.tokenExpiresAt <= now) {
      throw new DomainError('TOKEN_EXPIRED', { deviceId: device.id, expiredAt: device.tokenExpiresAt });
    }
    return device;
  }

  #cachedDevice(token: string, now: number): DeviceRecord | null {
    const hit = this.#devices.get(token);
    if (hit && hit.until > now) return hit.device;
    const device = this.#store.deviceByTokenHash(sha256Hex(token));
    if (!device) return null; // unknown tokens are not remembered: guessing must not fill memory
    if (this.#devices.size >= DEVICE_CACHE_MAX) this.#devices.clear();
    this.#devices.set(token, { device, until: now + DEVICE_CACHE_MS });
    return device;
  }

  login(device: DeviceRecord, username: string, pin: string, sessionHours: number): { token: string; staff: StaffRecord; expiresAt: number } {
    const staff = this.#store.staffByUsername(username);
    const ok = verifyPin(pin, staff?.pinHash ?? DUMMY_PIN_HASH) && staff !== null && staff.active;
    if (!ok || !staff) throw new DomainError('INVALID_CREDENTIALS');
    const assigned = staff.counterIds.length === 0 || (device.counterId !== null && staff.counterIds.includes(device.counterId));
    if (staff.role === 'officer' && device.role === 'counter' && !assigned) {
      throw new DomainError('FORBIDDEN', { reason: 'this officer is not assigned to this counter', counterId: device.counterId });
    }
    const token = newToken('stf');
    const now = this.#clock();
    const expiresAt = now + sessionHours * 3_600_000;
    this.#store.createSession(sha256Hex(token), { staffId: staff.id, deviceId: device.id, counterId: device.counterId, expiresAt, now });
    return { token, staff, expiresAt };
  }

  logout(sessionToken: string): void {
    this.#store.deleteSession(sha256Hex(sessionToken));
  }

  staffForSession(device: DeviceRecord, sessionToken: string | null): StaffRecord {
    if (!sessionToken) throw new DomainError('UNAUTHENTICATED', { hint: 'log in: send X-Staff-Session: <session token>' });
    const session = this.#store.sessionByTokenHash(sha256Hex(sessionToken));
    if (!session || session.deviceId !== device.id) throw new DomainError('UNAUTHENTICATED', { reason: 'unknown session for this device' });
    if (session.expiresAt <= this.#clock()) throw new DomainError('TOKEN_EXPIRED', { reason: 'staff session expired' });
    const staff = this.#store.staffById(session.staffId);
    if (!staff || !staff.active) throw new DomainError('UNAUTHENTICATED');
    return staff;
  }

  /** Checks a request against a route's rule; returns the caller. */
  authorize(rule: AccessRule, deviceToken: string | null, sessionToken: string | null, counterId: string | null): Caller {
    if (!rule.devices) return { device: null, staff: null };
    const device = this.deviceForToken(deviceToken);
    if (!rule.devices.includes(device.role)) {
      throw new DomainError('FORBIDDEN', { role: device.role, allowed: rule.devices });
    }
    if (rule.boundCounter && (counterId === null || device.counterId !== counterId)) {
      throw new DomainError('DEVICE_NOT_BOUND', { deviceCounterId: device.counterId, counterId });
    }
    // Last-seen is kept in memory: writing it would cost a durable commit on every request.
    this.lastSeen.set(device.id, this.#clock());
    if (!rule.staff) return { device, staff: null };
    const staff = this.staffForSession(device, sessionToken);
    if (!rule.staff.includes(staff.role)) throw new DomainError('FORBIDDEN', { staffRole: staff.role, allowed: rule.staff });
    return { device, staff };
  }
}
