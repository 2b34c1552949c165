/**
 * Wire contract of device and staff administration on the dashboard (adminRoutes): the lists a
 * supervisor or administrator sees, and the one-time PIN a reset answers with. Never a token, a
 * pairing code or a PIN hash; the username is shown because the supervisor gives it to the officer.
 */
import { z } from 'zod';

export const DEVICE_ADMIN_STATES = ['active', 'awaiting_pairing', 'expired', 'revoked'] as const;
export type DeviceAdminState = (typeof DEVICE_ADMIN_STATES)[number];

export const adminDeviceSchema = z.strictObject({
  id: z.string(),
  role: z.enum(['kiosk', 'display', 'counter', 'dashboard', 'rating']),
  name: z.string(),
  counterId: z.string().nullable(),
  state: z.enum(DEVICE_ADMIN_STATES),
  enrolledAt: z.number().nullable(),
  tokenExpiresAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  /** The last request the server saw from it since it started (null: none). */
  lastSeenAt: z.number().nullable(),
});
export type AdminDevice = z.infer<typeof adminDeviceSchema>;
export const adminDevicesResponse = z.strictObject({ devices: z.array(adminDeviceSchema) });
export type AdminDevicesResponse = z.infer<typeof adminDevicesResponse>;

export const adminStaffSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['officer', 'supervisor', 'admin']),
  counterIds: z.array(z.string()),
  active: z.boolean(),
  /** Locked after wrong PINs until then (null: not locked). */
  lockedUntil: z.number().nullable(),
});
export type AdminStaff = z.infer<typeof adminStaffSchema>;
export const adminStaffResponse = z.strictObject({ staff: z.array(adminStaffSchema) });
export type AdminStaffResponse = z.infer<typeof adminStaffResponse>;

export const revokeDeviceResponse = z.strictObject({ device: adminDeviceSchema, closedStreams: z.number().int() });
export type RevokeDeviceResponse = z.infer<typeof revokeDeviceResponse>;
export const staffChangeResponse = z.strictObject({ staff: adminStaffSchema });
export type StaffChangeResponse = z.infer<typeof staffChangeResponse>;
/** The new PIN is in this answer only: it is stored as a scrypt hash and shown once. */
export const resetPinResponse = z.strictObject({ staff: adminStaffSchema, pin: z.string() });
export type ResetPinResponse = z.infer<typeof resetPinResponse>;
