/**
 * Who is calling: resolves the device token (Authorization: Bearer) and the staff session
 * (X-Staff-Session) of a request and checks them against a route's requirement.
 */
import { DomainError } from '../common/errors.ts';
import type { TicketActor } from '../core/authority.ts';
import { admit, afterFailure, NO_FAILURES, type Admission, type FailureRecord, type GuardPolicy } from '../core/login-guard.ts';
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

/** The caller as the ticket authority rules see it (electron/core/authority.ts). */
export function ticketActorOf(caller: Caller): TicketActor {
  return { staffId: caller.staff?.id ?? null, staffRole: caller.staff?.role ?? null, counterId: caller.device?.counterId ?? null };
}

export const DAY_MS = 86_400_000;

/** How long a device token is valid by default (hall-limits.ts: deviceToken.validDays). */
export const DEFAULT_DEVICE_TOKEN_DAYS = 180;

/**
 * How long a pairing code is valid: the CLI's `enroll` default and the dashboard's enrolDevice.
 * Long enough to walk to the terminal and type it; short enough that guessing (limits.pairing:
 * about 25 tries an hour per address) has no chance among 10^8 codes.
 */
export const DEFAULT_PAIRING_MINUTES = 15;

/**
 * How long a device looked up by its token is remembered. Every request authenticates, and the
 * lookup (SHA-256 + a SELECT) was a visible share of an issue's time. A device revoked by another
 * process is refused at most this much later; expiry is still checked on every request.
 */
export const DEVICE_CACHE_MS = 5_000;
const DEVICE_CACHE_MAX = 1_000;
/** Client addresses whose wrong pairing codes are remembered (a hall LAN has far fewer). */
const PAIRING_ADDRESSES_MAX = 4_096;

/** What the server logs and alerts on (never a PIN, a code or a username). */
export type SecurityEvent =
  | { readonly kind: 'login_failed'; readonly deviceId: string; readonly staffId: string | null; readonly failures: number }
  | { readonly kind: 'login_refused'; readonly deviceId: string; readonly staffId: string | null; readonly reason: 'locked' | 'backoff' | 'disabled' }
  | {
      readonly kind: 'login_locked';
      readonly subject: 'account' | 'device';
      readonly until: number;
      readonly device: { readonly id: string; readonly name: string };
      readonly staff: { readonly id: string; readonly displayName: string } | null;
    }
  | { readonly kind: 'pairing_failed'; readonly reason: 'unknown' | 'expired' | 'revoked' | 'used'; readonly failures: number }
  | { readonly kind: 'pairing_refused'; readonly reason: 'locked' | 'backoff'; readonly retryAt: number };

export interface LoginLimits {
  /** Per staff account, kept in the database. */
  readonly account: GuardPolicy;
  /** Per device (any username tried from it), kept in memory. */
  readonly device: GuardPolicy;
  /** Wrong pairing codes per client address (the public pairDevice route), kept in memory. */
  readonly pairing: GuardPolicy;
}

/** 5 wrong PINs lock an account for 15 minutes; a device trying names gets 20 before its lockout. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  account: { freeFailures: 2, baseDelayMs: 1_000, maxDelayMs: 30_000, maxFailures: 5, lockoutMs: 15 * 60_000 },
  device: { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, maxFailures: 20, lockoutMs: 15 * 60_000 },
  // An installer mistypes a code or two; 10 wrong codes from one address stop it for an hour. At most
  // about 25 guesses an hour out of 10^8 codes valid 15 minutes.
  pairing: { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, maxFailures: 10, lockoutMs: 60 * 60_000 },
};

export interface AccessOptions {
  readonly login?: LoginLimits;
  readonly onSecurityEvent?: (event: SecurityEvent) => void;
}

export class Access {
  readonly #store: AccessStore;
  readonly #clock: () => number;
  readonly #login: LoginLimits;
  readonly #onSecurityEvent: (event: SecurityEvent) => void;
  /** Device id → consecutive failed logins from it. */
  readonly #deviceFailures = new Map<string, FailureRecord>();
  /** Client address → consecutive wrong pairing codes from it (bounded: the oldest are forgotten). */
  readonly #pairingFailures = new Map<string, FailureRecord>();
  /** Device id → last request time (for device health on the dashboard). */
  readonly lastSeen = new Map<string, number>();
  /** Token → device and the time the entry goes stale. */
  readonly #devices = new Map<string, { device: DeviceRecord; until: number }>();

  constructor(store: AccessStore, clock: () => number, options: AccessOptions = {}) {
    this.#store = store;
    this.#clock = clock;
    this.#login = options.login ?? DEFAULT_LOGIN_LIMITS;
    this.#onSecurityEvent = options.onSecurityEvent ?? (() => {});
  }

  /** Every device ever created, revoked ones included (the caller filters). */
  devices(): DeviceRecord[] {
    return this.#store.listDevices();
  }

  /** Creates a device waiting for pairing; returns the one-time code (valid `validMinutes`). */
  createPairing(d: { id: string; role: DeviceRole; name: string; counterId: string | null; validMinutes: number }): string {
    return this.createPairingCode(d).code;
  }

  /**
   * createPairing, answering also when the code stops working. Only the code's SHA-256 is stored:
   * the code itself is in this answer only.
   */
  createPairingCode(d: { id: string; role: DeviceRole; name: string; counterId: string | null; validMinutes: number }): { code: string; expiresAt: number } {
    const code = newPairingCode();
    const now = this.#clock();
    const expiresAt = now + d.validMinutes * 60_000;
    this.#store.createDevice({ ...d, now, tokenHash: null, tokenExpiresAt: null, pairingHash: sha256Hex(code), pairingExpiresAt: expiresAt });
    return { code, expiresAt };
  }

  /** Creates an enrolled device directly (provisioning scripts); returns its token. */
  createEnrolledDevice(d: { id: string; role: DeviceRole; name: string; counterId: string | null; validDays: number }): string {
    const token = newToken('dev');
    const now = this.#clock();
    this.#store.createDevice({
      ...d,
      now,
      tokenHash: sha256Hex(token),
      tokenExpiresAt: now + d.validDays * DAY_MS,
      pairingHash: null,
      pairingExpiresAt: null,
    });
    return token;
  }

  /**
   * Exchanges a pairing code for a device token (once). Wrong codes are counted per client address
   * (limits.pairing): past the free ones each further try must wait, doubling, and the address is
   * locked at the maximum; a refused try is not checked (429 TOO_MANY_ATTEMPTS, details.retryAfterMs).
   */
  pair(code: string, validDays: number, clientAddress = 'unknown'): { token: string; device: DeviceRecord } {
    const now = this.#clock();
    const record = this.#pairingFailures.get(clientAddress) ?? NO_FAILURES;
    const admission = admit(record, now, this.#login.pairing);
    if (!admission.ok) {
      this.#onSecurityEvent({ kind: 'pairing_refused', reason: admission.reason, retryAt: admission.retryAt });
      throw new DomainError('TOO_MANY_ATTEMPTS', { retryAfterMs: admission.retryAt - now });
    }
    const found = this.#store.deviceByPairingHash(sha256Hex(normalizePairingCode(code)));
    const refused = (reason: 'unknown' | 'expired' | 'revoked' | 'used'): DomainError => {
      const failed = afterFailure(record, now, this.#login.pairing);
      this.#pairingFailures.delete(clientAddress); // re-inserted last: the map forgets the oldest address first
      this.#pairingFailures.set(clientAddress, failed);
      if (this.#pairingFailures.size > PAIRING_ADDRESSES_MAX) this.#pairingFailures.delete(this.#pairingFailures.keys().next().value as string);
      this.#onSecurityEvent({ kind: 'pairing_failed', reason, failures: failed.failures });
      return new DomainError('INVALID_PAIRING_CODE');
    };
    if (!found) throw refused('unknown');
    if (found.pairingExpiresAt <= now) throw refused('expired');
    if (found.device.revokedAt !== null) throw refused('revoked');
    const token = newToken('dev');
    if (!this.#store.enrol(found.device.id, sha256Hex(token), now + validDays * DAY_MS, now)) throw refused('used');
    this.#pairingFailures.delete(clientAddress);
    return { token, device: this.#store.deviceById(found.device.id) ?? found.device };
  }

  /**
   * The device holding this token, or a DomainError saying why not. `onlyRoles`: the token came in
   * the device cookie, which only those roles use (http/device-cookie.ts); another role's token
   * there is refused.
   */
  deviceForToken(token: string | null, onlyRoles?: ReadonlySet<DeviceRole>): DeviceRecord {
    if (!token) throw new DomainError('UNAUTHENTICATED', { hint: 'send Authorization: Bearer <device token>' });
    const now = this.#clock();
    const device = this.#cachedDevice(token, now);
    if (!device || device.revokedAt !== null) throw new DomainError('UNAUTHENTICATED');
    if (onlyRoles && !onlyRoles.has(device.role)) throw new DomainError('UNAUTHENTICATED', { reason: 'this device sends its token as a bearer token' });
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

  /**
   * Forgets the remembered lookups of a device's token: after a revocation through this server the
   * next request re-reads the database and is refused at once (not DEVICE_CACHE_MS later).
   */
  forgetDevice(deviceId: string): void {
    for (const [token, hit] of this.#devices) if (hit.device.id === deviceId) this.#devices.delete(token);
  }

  /**
   * Checks a PIN with backoff and lockout per account and per device (login-guard.ts). The attempt
   * is counted as failed before scrypt runs and cleared on success, so requests sent in parallel
   * cannot slip past the count while scrypt is busy on the thread pool.
   */
  async login(device: DeviceRecord, username: string, pin: string, sessionHours: number): Promise<{ token: string; staff: StaffRecord; expiresAt: number }> {
    const now = this.#clock();
    const staff = this.#store.staffByUsername(username);
    const staffId = staff?.id ?? null;
    const deviceRecord = this.#deviceFailures.get(device.id) ?? NO_FAILURES;
    this.#admitOrThrow(admit(deviceRecord, now, this.#login.device), device.id, staffId);
    if (staff) this.#admitOrThrow(admit(staff.loginFailures, now, this.#login.account), device.id, staffId);

    const deviceAfter = afterFailure(deviceRecord, now, this.#login.device);
    this.#deviceFailures.set(device.id, deviceAfter);
    const accountAfter = staff ? afterFailure(staff.loginFailures, now, this.#login.account) : null;
    if (staff && accountAfter) this.#store.setLoginFailures(staff.id, accountAfter);

    const pinOk = await verifyPin(pin, staff?.pinHash ?? DUMMY_PIN_HASH);
    if (!pinOk || !staff) {
      this.#onSecurityEvent({ kind: 'login_failed', deviceId: device.id, staffId, failures: accountAfter?.failures ?? deviceAfter.failures });
      const locked = { device: { id: device.id, name: device.name }, staff: staff ? { id: staff.id, displayName: staff.displayName } : null };
      if (accountAfter !== null && accountAfter.lockedUntil !== null) {
        this.#onSecurityEvent({ kind: 'login_locked', subject: 'account', until: accountAfter.lockedUntil, ...locked });
      }
      if (deviceAfter.lockedUntil !== null) this.#onSecurityEvent({ kind: 'login_locked', subject: 'device', until: deviceAfter.lockedUntil, ...locked });
      throw new DomainError('INVALID_CREDENTIALS');
    }
    this.#deviceFailures.delete(device.id);
    this.#store.setLoginFailures(staff.id, NO_FAILURES);
    if (!staff.active) {
      this.#onSecurityEvent({ kind: 'login_refused', deviceId: device.id, staffId, reason: 'disabled' });
      throw new DomainError('ACCOUNT_DISABLED');
    }
    // Officers work at counters; the dashboard is for supervisors and administrators.
    if (staff.role === 'officer' && device.role !== 'counter') {
      throw new DomainError('FORBIDDEN', { reason: 'officers log in on counter terminals only', deviceRole: device.role });
    }
    const assigned = staff.counterIds.length === 0 || (device.counterId !== null && staff.counterIds.includes(device.counterId));
    if (staff.role === 'officer' && device.role === 'counter' && !assigned) {
      throw new DomainError('FORBIDDEN', { reason: 'this officer is not assigned to this counter', counterId: device.counterId });
    }
    const token = newToken('stf');
    const expiresAt = now + sessionHours * 3_600_000;
    this.#store.createSession(sha256Hex(token), { staffId: staff.id, deviceId: device.id, counterId: device.counterId, expiresAt, now });
    return { token, staff, expiresAt };
  }

  #admitOrThrow(admission: Admission, deviceId: string, staffId: string | null): void {
    if (admission.ok) return;
    this.#onSecurityEvent({ kind: 'login_refused', deviceId, staffId, reason: admission.reason });
    const retryAfterMs = Math.max(0, admission.retryAt - this.#clock());
    if (admission.reason === 'locked') throw new DomainError('LOGIN_LOCKED', { retryAfterMs, lockedUntil: admission.retryAt });
    throw new DomainError('TOO_MANY_ATTEMPTS', { retryAfterMs });
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
  authorize(rule: AccessRule, deviceToken: string | null, sessionToken: string | null, counterId: string | null, onlyRoles?: ReadonlySet<DeviceRole>): Caller {
    if (!rule.devices) return { device: null, staff: null };
    const device = this.deviceForToken(deviceToken, onlyRoles);
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
