/**
 * Who may administer what, and what state a device is in. Pure: the server (adminRoutes) and the
 * CLI (cli-admin.ts) apply the same answers.
 *
 * On the dashboard a supervisor or administrator may revoke devices and disable, enable or reset
 * the PIN of staff accounts, with two limits: nobody acts on their own account or on the device
 * they are using (they would shut themselves out; another supervisor, or the CLI on the server,
 * does that), and a supervisor may not act on an administrator's account. The CLI runs on the
 * server with the database's owner rights and is not limited.
 */

export type AdminStaffRole = 'officer' | 'supervisor' | 'admin';

export interface AdminActor {
  readonly staffId: string;
  readonly role: AdminStaffRole;
  readonly deviceId: string;
}

/** Null when allowed; otherwise the reason, in English, for the FORBIDDEN answer and the log. */
export function staffAdminRefusal(actor: AdminActor, target: { readonly id: string; readonly role: AdminStaffRole }): string | null {
  if (target.id === actor.staffId) return 'your own account is changed by another supervisor or with the CLI';
  if (target.role === 'admin' && actor.role !== 'admin') return 'only an administrator may change an administrator account';
  return null;
}

export function deviceAdminRefusal(actor: AdminActor, deviceId: string): string | null {
  return deviceId === actor.deviceId ? 'the device in use is revoked from another dashboard or with the CLI' : null;
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
