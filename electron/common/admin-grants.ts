/**
 * What a supervisor or an administrator signed in on the dashboard may create: which terminals they
 * may enrol and which staff accounts they may add. One table for both sides: the hall server refuses
 * anything else (core/admin-policy.ts, 403 FORBIDDEN) and the "Quản trị" page offers only these
 * choices. Pure data; the CLI, run on the server with the database owner's rights, is not limited.
 *
 * - A supervisor enrols the terminals of the floor (kiosk, display, counter, rating) and adds
 *   officers.
 * - Only an administrator enrols a dashboard: a dashboard is the administration surface itself.
 * - Only an administrator adds a supervisor or an administrator: a supervisor who could add
 *   supervisors could give themselves a second account and so act on their own (admin-policy.ts
 *   refuses that), or hand out their own powers without anyone above them knowing.
 */

export const ADMIN_DEVICE_ROLES = ['kiosk', 'display', 'counter', 'dashboard', 'rating'] as const;
export type AdminDeviceRole = (typeof ADMIN_DEVICE_ROLES)[number];
export const ADMIN_STAFF_ROLES = ['officer', 'supervisor', 'admin'] as const;
export type AdminStaffRole = (typeof ADMIN_STAFF_ROLES)[number];

/** Devices bound to one counter: enrolled with its counterId, which they alone may operate. */
export const COUNTER_BOUND_DEVICE_ROLES: readonly AdminDeviceRole[] = ['counter', 'rating'];

/** The device roles each staff role may enrol from the dashboard (officers administer nothing). */
export const ENROLLABLE_DEVICE_ROLES: Readonly<Record<AdminStaffRole, readonly AdminDeviceRole[]>> = {
  officer: [],
  supervisor: ['kiosk', 'display', 'counter', 'rating'],
  admin: ['kiosk', 'display', 'counter', 'dashboard', 'rating'],
};

/** The account roles each staff role may create from the dashboard. */
export const CREATABLE_STAFF_ROLES: Readonly<Record<AdminStaffRole, readonly AdminStaffRole[]>> = {
  officer: [],
  supervisor: ['officer'],
  admin: ['officer', 'supervisor', 'admin'],
};

export function mayEnrol(actorRole: AdminStaffRole, deviceRole: AdminDeviceRole): boolean {
  return ENROLLABLE_DEVICE_ROLES[actorRole].includes(deviceRole);
}

export function mayCreateStaff(actorRole: AdminStaffRole, staffRole: AdminStaffRole): boolean {
  return CREATABLE_STAFF_ROLES[actorRole].includes(staffRole);
}

/** A device's name as shown on the dashboard (and, for a display, nowhere else): 1 to 64 characters. */
export const DEVICE_NAME_MAX = 64;
/** Usernames: at most what staffLogin accepts, so that every account created can sign in. */
export const USERNAME_MAX = 64;
export const DISPLAY_NAME_MAX = 100;
