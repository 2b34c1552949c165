/**
 * Who may administer what, and what state a device is in. Pure: the server (adminRoutes) and the
 * CLI (cli-admin.ts) apply the same answers.
 *
 * On the dashboard a supervisor or administrator may revoke devices and disable, enable or reset
 * the PIN of staff accounts, with two limits: nobody acts on their own account or on the device
 * they are using (they would shut themselves out; another supervisor, or the CLI on the server,
 * does that), and a supervisor may not act on an administrator's account. They may also enrol
 * terminals and add accounts, within common/admin-grants.ts: a supervisor the floor's terminals and
 * officers, an administrator also dashboards, supervisors and administrators. The CLI runs on the
 * server with the database's owner rights and is not limited.
 */
import { mayCreateStaff, mayEnrol, type AdminDeviceRole, type AdminStaffRole } from '../common/admin-grants.ts';

export type { AdminStaffRole } from '../common/admin-grants.ts';

export interface AdminActor {
  readonly staffId: string;
  readonly role: AdminStaffRole;
  readonly deviceId: string;
}

/**
 * Null when allowed; otherwise the reason, in English, for the FORBIDDEN answer and the log. A new
 * PIN is shown to whoever asks for it, so resetting one is signing in as its account: a supervisor
 * resets officers' PINs only (a supervisor's, like an administrator's, is reset by an administrator).
 */
export function staffAdminRefusal(
  actor: AdminActor,
  target: { readonly id: string; readonly role: AdminStaffRole },
  action: 'setActive' | 'resetPin' = 'setActive',
): string | null {
  if (target.id === actor.staffId) return 'your own account is changed by another supervisor or with the CLI';
  if (target.role === 'admin' && actor.role !== 'admin') return 'only an administrator may change an administrator account';
  if (action === 'resetPin' && target.role === 'supervisor' && actor.role !== 'admin') return "only an administrator may reset a supervisor's PIN";
  return null;
}

export function deviceAdminRefusal(actor: AdminActor, deviceId: string): string | null {
  return deviceId === actor.deviceId ? 'the device in use is revoked from another dashboard or with the CLI' : null;
}

/** How a refusal names a role. */
const ROLE_WITH_ARTICLE: Readonly<Record<AdminStaffRole, string>> = { officer: 'an officer', supervisor: 'a supervisor', admin: 'an administrator' };

/** Null when the actor may enrol a device of this role (admin-grants.ts); otherwise why not. */
export function enrolRefusal(actor: AdminActor, role: AdminDeviceRole): string | null {
  if (mayEnrol(actor.role, role)) return null;
  return role === 'dashboard' ? 'only an administrator may enrol a dashboard' : `${ROLE_WITH_ARTICLE[actor.role]} may not enrol devices`;
}

/** Null when the actor may create an account of this role (admin-grants.ts); otherwise why not. */
export function createStaffRefusal(actor: AdminActor, role: AdminStaffRole): string | null {
  if (mayCreateStaff(actor.role, role)) return null;
  return actor.role === 'supervisor'
    ? `only an administrator may create ${ROLE_WITH_ARTICLE[role]} account`
    : `${ROLE_WITH_ARTICLE[actor.role]} may not create accounts`;
}

export type DeviceAdminState = 'active' | 'awaiting_pairing' | 'expired' | 'revoked';

/** A device's state at `now`: revoked wins, then never paired, then an expired token. */
export function deviceAdminState(
  d: { readonly revokedAt: number | null; readonly enrolledAt: number | null; readonly tokenExpiresAt: number | null },
  now: number,
): DeviceAdminState {
  if (d.revokedAt !== null) return 'revoked';
  if (d.enrolledAt === null) return 'awaiting_pairing';
  if (d.tokenExpiresAt !== null && d.tokenExpiresAt <= now) return 'expired';
  return 'active';
}
