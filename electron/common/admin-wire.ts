/**
 * Wire contract of device and staff administration on the dashboard (adminRoutes): the lists a
 * supervisor or administrator sees, a new terminal's one-time pairing code and the one-time PIN of
 * a new account or a reset. Never a token or a hash; the lists never carry a code or a PIN; the
 * username is shown because the supervisor gives it to the officer.
 */
import { z } from 'zod';
import { ADMIN_DEVICE_ROLES, ADMIN_STAFF_ROLES, COUNTER_BOUND_DEVICE_ROLES, DEVICE_NAME_MAX, DISPLAY_NAME_MAX, USERNAME_MAX } from './admin-grants.ts';
import { isoDateOfVi } from './provincial.ts';

export const DEVICE_ADMIN_STATES = ['active', 'awaiting_pairing', 'expired', 'revoked'] as const;
export type DeviceAdminState = (typeof DEVICE_ADMIN_STATES)[number];

export const adminDeviceSchema = z.strictObject({
  id: z.string(),
  role: z.enum(ADMIN_DEVICE_ROLES),
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
  role: z.enum(ADMIN_STAFF_ROLES),
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

/** A hall has far fewer counters; the bound keeps a request small. */
export const STAFF_COUNTERS_MAX = 100;

const counterId = z.string().min(1).max(64);

/**
 * enrolDevice: a terminal awaiting pairing, as the CLI's `enroll` without --token. A counter or
 * rating device names the counter it is bound to (one of the hall's counters: checked by the
 * server); the others name none.
 */
export const enrolDeviceRequest = z
  .strictObject({
    role: z.enum(ADMIN_DEVICE_ROLES),
    name: z.string().trim().normalize('NFC').min(1).max(DEVICE_NAME_MAX),
    counterId: counterId.optional(),
  })
  .superRefine((b, ctx) => {
    const bound = COUNTER_BOUND_DEVICE_ROLES.includes(b.role);
    if (bound && b.counterId === undefined)
      ctx.addIssue({ code: 'custom', path: ['counterId'], message: `a ${b.role} device is bound to one counter: give its counterId, e.g. "quay-1"` });
    if (!bound && b.counterId !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['counterId'],
        message: `only counter and rating devices are bound to a counter: leave counterId out for a ${b.role}`,
      });
  });
export type EnrolDeviceRequest = z.input<typeof enrolDeviceRequest>;
/** An enrolDevice request as the server sees it after validation (name trimmed, NFC). */
export type EnrolDevice = z.output<typeof enrolDeviceRequest>;

/**
 * The new device (awaiting pairing) and its one-time pairing code "1234-5678", in this answer only
 * (stored as a SHA-256 hash), valid `validMinutes` until `pairingExpiresAt`.
 */
export const enrolDeviceResponse = z.strictObject({
  device: adminDeviceSchema,
  pairingCode: z.string(),
  pairingExpiresAt: z.number(),
  validMinutes: z.number().int(),
});
export type EnrolDeviceResponse = z.infer<typeof enrolDeviceResponse>;

/**
 * createStaff: a new account, as the CLI's `add-staff` but with a PIN the server draws. `counterIds`
 * are an officer's counters (empty: any counter, as in the CLI); supervisors and administrators
 * have none. `birthDate` (dd/mm/yyyy) is kept so that the PIN policy refuses it as a PIN.
 */
export const createStaffRequest = z
  .strictObject({
    username: z.string().trim().min(1).max(USERNAME_MAX),
    displayName: z.string().trim().normalize('NFC').min(1).max(DISPLAY_NAME_MAX),
    role: z.enum(ADMIN_STAFF_ROLES),
    counterIds: z.array(counterId).max(STAFF_COUNTERS_MAX).default([]),
    birthDate: z
      .string()
      .regex(/^\d{2}\/\d{2}\/\d{4}$/, 'use dd/mm/yyyy, e.g. "15/05/1990"')
      .refine((d) => isoDateOfVi(d) !== null, 'no such calendar date; use dd/mm/yyyy')
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (b.role !== 'officer' && b.counterIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['counterIds'], message: `counters are an officer's; leave counterIds empty for a ${b.role}` });
    if (new Set(b.counterIds).size !== b.counterIds.length) ctx.addIssue({ code: 'custom', path: ['counterIds'], message: 'name each counter once' });
  });
export type CreateStaffRequest = z.input<typeof createStaffRequest>;
/** A createStaff request as the server sees it after validation (trimmed, NFC, counterIds given). */
export type NewStaff = z.output<typeof createStaffRequest>;

/** The new account and its one-time PIN, in this answer only (stored as a scrypt hash). */
export const createStaffResponse = z.strictObject({ staff: adminStaffSchema, pin: z.string() });
export type CreateStaffResponse = z.infer<typeof createStaffResponse>;
