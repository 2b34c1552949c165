/**
 * Device and staff administration on the dashboard (finding 8 of the hardening review): a
 * supervisor or administrator, signed in on a dashboard device, lists devices and revokes one, and
 * lists staff accounts and disables, enables or resets the PIN of one. The work and its rules are
 * administration.ts and core/admin-policy.ts; the same commands exist in the CLI (cli-admin.ts).
 */
import type { z } from 'zod';
import { adminDevicesResponse, adminStaffResponse, resetPinResponse, revokeDeviceResponse, staffChangeResponse } from '../../common/admin-wire.ts';
import type { DomainEventType } from '../../common/events.ts';
import { emptyRequest } from '../../common/wire.ts';
import type { Caller } from '../access.ts';
import type { Administration } from '../administration.ts';
import { route, type PathParams, type Route } from '../http/route.ts';

const ADMINISTRATION = { devices: ['dashboard'], staff: ['supervisor', 'admin'] } as const;

/** What differs between administration routes; the rest is the same for all of them (adminRoute). */
interface AdminOperation {
  readonly operationId: string;
  /** Under /api/v1/admin, e.g. /staff/:staffId/disable. */
  readonly path: string;
  readonly summary: string;
  readonly response: z.ZodType;
  /** The answer's body (status 200). */
  readonly answer: (params: PathParams, caller: Caller) => unknown;
}

/**
 * An administration route: tagged admin, for a supervisor or administrator on a dashboard, answering
 * 200; a POST is a change with an empty body, `logs` the events it records with the caller as actor.
 */
function adminRoute(method: 'GET' | 'POST', logs: readonly DomainEventType[], op: AdminOperation): Route {
  return route({
    method,
    path: `/api/v1/admin${op.path}`,
    operationId: op.operationId,
    tag: 'admin',
    logs,
    summary: op.summary,
    access: ADMINISTRATION,
    ...(method === 'POST' ? { body: emptyRequest } : {}),
    success: { body: op.response },
    handler: async ({ params, caller }) => ({ status: 200, body: await op.answer(params, caller) }),
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
      path: '/staff/:staffId/reset-pin',
      summary:
        'Give a staff account a new random PIN that the PIN policy accepts, answered once in `pin` (only its hash is kept); ' +
        "the lockout is cleared and the account's sessions end. Same limits as disableStaff.",
      response: resetPinResponse,
      answer: (params, caller) => admin.resetPin(params.staffId ?? '', caller),
    }),
  ];
}
