/**
 * What the hall does when its guards refuse someone (docs/security.md): failed logins and pairings
 * (access.ts) and devices over a flooding limit (device-flooding.ts) are logged, and lockouts and
 * flooding raise an alert on the live dashboard until a given time.
 *
 * Logged: ids, counts, reasons and times only, never a PIN, pairing code, username or name (a
 * SecurityEvent carries no PIN, code or username; the names it carries go to the dashboard's
 * alert, not to the log).
 *
 * A device_flooding alert is held FLOODING_ALERT_MS after the device's last refusal: the first
 * refusal raises it and logs one line, each refusal within the hold extends it without logging
 * again, and a hold that ended is forgotten (the next refusal is a new alert with a new line).
 */
import type { Alert } from '../common/wire.ts';
import { deviceFloodingAlert, loginLockedAlert } from '../core/alerts.ts';
import type { LoginLimits, SecurityEvent } from './access.ts';
import { FLOODING_ALERT_MS, type FloodingEvent } from './device-flooding.ts';
import type { Logger } from './logger.ts';

export interface SecurityAlertsOptions {
  readonly log: Logger;
  readonly clock: () => number;
  /** Shows `alert` on the dashboard until `until` (epoch ms), replacing one with the same id (LiveKpis.raiseUntil). */
  readonly raiseUntil: (alert: Alert, until: number) => void;
  /** The device's name for the dashboard's alert; null when unknown (the alert then shows its id). */
  readonly deviceName: (deviceId: string) => string | null;
  /** The login guard's limits: a lockout alert states the failures that caused it. */
  readonly login: LoginLimits;
  /** The hall's time zone, in which a lockout alert states its end. */
  readonly timeZone: string;
}

export class SecurityAlerts {
  readonly #options: SecurityAlertsOptions;
  /** `<deviceId>:<limit>` → the device_flooding alert raised and the end of its hold. */
  readonly #floodingHeld = new Map<string, { readonly alert: Alert; until: number }>();

  constructor(options: SecurityAlertsOptions) {
    this.#options = options;
  }

  /** A failed, refused or locked login or pairing (Access): logged; a lockout also alerts the dashboard. */
  onSecurityEvent(e: SecurityEvent): void {
    const { log, login, clock, timeZone } = this.#options;
    if (e.kind === 'login_locked') {
      log.warn({ subject: e.subject, deviceId: e.device.id, staffId: e.staff?.id ?? null, until: e.until }, 'staff logins locked after repeated wrong PINs');
      const policy = e.subject === 'account' ? login.account : login.device;
      this.#options.raiseUntil(loginLockedAlert(e, policy.maxFailures, clock(), e.until, timeZone), e.until);
    } else if (e.kind === 'login_failed') {
      log.warn({ deviceId: e.deviceId, staffId: e.staffId, failures: e.failures }, 'staff login failed');
    } else if (e.kind === 'login_refused') {
      log.warn({ deviceId: e.deviceId, staffId: e.staffId, reason: e.reason }, 'staff login refused before the PIN was checked');
    } else if (e.kind === 'pairing_failed') {
      log.warn({ reason: e.reason, failures: e.failures }, 'device pairing failed');
    } else {
      log.warn({ reason: e.reason, retryAt: e.retryAt }, 'device pairing refused before the code was checked');
    }
  }

  /** A device refused over a flooding limit: its alert is raised or its hold extended; one log line per alert. */
  onFlooding(e: FloodingEvent): void {
    const now = this.#options.clock();
    for (const [key, held] of this.#floodingHeld) if (held.until <= now) this.#floodingHeld.delete(key);
    const key = `${e.deviceId}:${e.kind}`;
    let held = this.#floodingHeld.get(key);
    if (!held) {
      const name = this.#options.deviceName(e.deviceId) ?? e.deviceId;
      held = { alert: deviceFloodingAlert({ id: e.deviceId, name }, e.kind, e.limit, now), until: 0 };
      this.#floodingHeld.set(key, held);
      this.#options.log.warn({ deviceId: e.deviceId, limit: e.kind, value: e.limit }, 'device refused over a flooding limit');
    }
    held.until = now + FLOODING_ALERT_MS;
    this.#options.raiseUntil(held.alert, held.until);
  }
}
