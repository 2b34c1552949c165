/**
 * Device and staff administration on the dashboard (finding 8 of the hardening review): a
 * supervisor or administrator, signed in on a dashboard device, lists devices, enrols a terminal
 * (a one-time pairing code) and revokes one, and lists staff accounts, adds one (a one-time PIN)
 * and disables, enables or resets the PIN of one. The work and its rules are administration.ts and
 * core/admin-policy.ts (common/admin-grants.ts: who may create what); the same commands exist in
 * the CLI (cli.ts enroll and add-staff, cli-admin.ts).
 */
import type { z } from 'zod';
import {
  adminDevicesResponse,
  adminStaffResponse,
  createStaffRequest,
  createStaffResponse,
  enrolDeviceRequest,
  enrolDeviceResponse,
  resetPinResponse,
  revokeDeviceResponse,
  staffChangeResponse,
} from '../../common/admin-wire.ts';
import type { DomainEventType } from '../../common/events.ts';
import { emptyRequest } from '../../common/wire.ts';
import { DEFAULT_PAIRING_MINUTES, type Caller } from '../access.ts';
import type { Administration } from '../administration.ts';
import { route, type PathParams, type Route } from '../http/route.ts';

const ADMINISTRATION = { devices: ['dashboard'], staff: ['supervisor', 'admin'] } as const;

/** What differs between administration routes; the rest is the same for all of them (adminRoute). */
interface AdminOperation<B extends z.ZodType> {
  readonly operationId: string;
  /** Under /api/v1/admin, e.g. /staff/:staffId/disable. */
  readonly path: string;
  readonly summary: string;
  /** A POST's body; an empty one when omitted. */
  readonly body?: B;
  /** 201 for a creation; 200 otherwise. */
  readonly status?: 200 | 201;
  /** The answer holds a one-time code or PIN: never kept for an Idempotency-Key replay (route.ts). */
  readonly answerHoldsSecret?: boolean;
  readonly response: z.ZodType;
  /** The answer's body. */
  readonly answer: (params: PathParams, caller: Caller, body: z.output<B>) => unknown;
}

/**
 * An administration route: tagged admin, for a supervisor or administrator on a dashboard; a POST
 * is a change (an empty body unless the operation declares one), `logs` the events it records with
 * the caller as actor.
 */
function adminRoute<B extends z.ZodType = typeof emptyRequest>(method: 'GET' | 'POST', logs: readonly DomainEventType[], op: AdminOperation<B>): Route {
  const status = op.status ?? 200;
  return route({
    method,
    path: `/api/v1/admin${op.path}`,
    operationId: op.operationId,
    tag: 'admin',
    logs,
    summary: op.summary,
    access: ADMINISTRATION,
    ...(method === 'POST' ? { body: op.body ?? emptyRequest } : {}),
    ...(op.answerHoldsSecret ? { answerHoldsSecret: true } : {}),
    success: { status, body: op.response },
    handler: async ({ params, caller, body }) => ({ status, body: await op.answer(params, caller, body as z.output<B>) }),
  });
}

export function adminRoutes(admin: Administration): Route[] {
  return [
    adminRoute('GET', [], {
      operationId: 'listDevices',
      path: '/devices',
      summary:
        'Every device ever enrolled or awaiting pairing, with its state (active, awaiting_pairing, expired, revoked), token expiry and last request; never a token or code.',
      response: adminDevicesResponse,
      answer: () => ({ devices: admin.devices() }),
    }),
    adminRoute('POST', ['device.enrolled'], {
      operationId: 'enrolDevice',
      path: '/devices',
      summary:
        'Enrol a terminal, as `npm run hall -- enroll` without --token: the device awaits pairing, and its one-time pairing code ' +
        `("1234-5678", valid \`validMinutes\` = ${DEFAULT_PAIRING_MINUTES} minutes, until \`pairingExpiresAt\`) is in this answer only, stored as a hash; ` +
        "typed on the terminal it goes to pairDevice. A counter or rating device names one of the hall's counters in `counterId`, the others none " +
        '(400 VALIDATION_FAILED). A supervisor enrols kiosks, displays, counters and rating devices; only an administrator a dashboard (403 FORBIDDEN).',
      body: enrolDeviceRequest,
      status: 201,
      answerHoldsSecret: true,
      response: enrolDeviceResponse,
      answer: (_params, caller, body) => admin.enrolDevice(body, caller),
    }),
    adminRoute('POST', ['device.revoked'], {
      operationId: 'revokeDevice',
      path: '/devices/:deviceId/revoke',
      summary:
        'Revoke a device: its token is refused from the next request and its open streams close now (4401). Revoking a revoked device changes nothing. ' +
        'Not the device in use (403 FORBIDDEN); 404 UNKNOWN_DEVICE.',
      response: revokeDeviceResponse,
      answer: (params, caller) => admin.revokeDevice(params.deviceId ?? '', caller),
    }),
    adminRoute('GET', [], {
      operationId: 'listStaff',
      path: '/staff',
      summary: 'Every staff account with its role, counters, whether it is active and until when it is locked after wrong PINs; never a PIN hash.',
      response: adminStaffResponse,
      answer: () => ({ staff: admin.staff() }),
    }),
    adminRoute('POST', ['staff.created'], {
      operationId: 'createStaff',
      path: '/staff',
      summary:
        'Add a staff account, as `npm run hall -- add-staff`, with a random PIN that the PIN policy accepts (its birth date refused), ' +
        "answered once in `pin` (only its hash is kept). An officer's `counterIds` are counters of the hall (none: any counter); " +
        'supervisors and administrators have none (400 VALIDATION_FAILED). A username in use: 409 USERNAME_TAKEN. ' +
        'A supervisor adds officers; only an administrator adds supervisors and administrators (403 FORBIDDEN).',
      body: createStaffRequest,
      status: 201,
      answerHoldsSecret: true,
      response: createStaffResponse,
      answer: (_params, caller, body) => admin.createStaff(body, caller),
    }),
    adminRoute('POST', ['staff.disabled'], {
      operationId: 'disableStaff',
      path: '/staff/:staffId/disable',
      summary:
        'Disable a staff account: its sessions end at once and its logins are refused (403 ACCOUNT_DISABLED). ' +
        "Not one's own account, and a supervisor not an administrator's (403 FORBIDDEN); 404 UNKNOWN_STAFF.",
      response: staffChangeResponse,
      answer: (params, caller) => ({ staff: admin.setStaffActive(params.staffId ?? '', false, caller) }),
    }),
    adminRoute('POST', ['staff.enabled'], {
      operationId: 'enableStaff',
      path: '/staff/:staffId/enable',
      summary: 'Enable a staff account again; its lockout is cleared. Same limits as disableStaff.',
      response: staffChangeResponse,
      answer: (params, caller) => ({ staff: admin.setStaffActive(params.staffId ?? '', true, caller) }),
    }),
    adminRoute('POST', ['staff.pin_reset'], {
      operationId: 'resetStaffPin',
      answerHoldsSecret: true,
      path: '/staff/:staffId/reset-pin',
      summary:
        'Give a staff account a new random PIN that the PIN policy accepts, answered once in `pin` (only its hash is kept); ' +
        "the lockout is cleared and the account's sessions end. Same limits as disableStaff.",
      response: resetPinResponse,
      answer: (params, caller) => admin.resetPin(params.staffId ?? '', caller),
    }),
  ];
}
