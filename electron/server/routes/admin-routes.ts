/**
 * Device and staff administration on the dashboard (finding 8 of the hardening review): a
 * supervisor or administrator, signed in on a dashboard device, lists devices and revokes one, and
 * lists staff accounts and disables, enables or resets the PIN of one. The work and its rules are
 * administration.ts and core/admin-policy.ts; the same commands exist in the CLI (cli-admin.ts).
 */
import { adminDevicesResponse, adminStaffResponse, resetPinResponse, revokeDeviceResponse, staffChangeResponse } from '../../common/admin-wire.ts';
import { emptyRequest } from '../../common/wire.ts';
import type { Administration } from '../administration.ts';
import { route, type Route } from '../http/route.ts';

const ADMINISTRATION = { devices: ['dashboard'], staff: ['supervisor', 'admin'] } as const;

export function adminRoutes(admin: Administration): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/admin/devices',
      operationId: 'listDevices',
      tag: 'admin',
      logs: [],
      summary:
        'Every device ever enrolled or awaiting pairing, with its state (active, awaiting_pairing, expired, revoked), token expiry and last request; never a token or code.',
      access: ADMINISTRATION,
      success: { body: adminDevicesResponse },
      handler: () => ({ status: 200, body: { devices: admin.devices() } }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/admin/devices/:deviceId/revoke',
      operationId: 'revokeDevice',
      tag: 'admin',
      logs: ['device.revoked'],
      summary:
        'Revoke a device: its token is refused from the next request and its open streams close now (4401). Revoking a revoked device changes nothing. ' +
        'Not the device in use (403 FORBIDDEN); 404 UNKNOWN_DEVICE.',
      access: ADMINISTRATION,
      body: emptyRequest,
      success: { body: revokeDeviceResponse },
      handler: ({ params, caller }) => ({ status: 200, body: admin.revokeDevice(params.deviceId ?? '', caller) }),
    }),
    route({
      method: 'GET',
      path: '/api/v1/admin/staff',
      operationId: 'listStaff',
      tag: 'admin',
      logs: [],
      summary: 'Every staff account with its role, counters, whether it is active and until when it is locked after wrong PINs; never a PIN hash.',
      access: ADMINISTRATION,
      success: { body: adminStaffResponse },
      handler: () => ({ status: 200, body: { staff: admin.staff() } }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/admin/staff/:staffId/disable',
      operationId: 'disableStaff',
      tag: 'admin',
      logs: ['staff.disabled'],
      summary:
        'Disable a staff account: its sessions end at once and its logins are refused (403 ACCOUNT_DISABLED). ' +
        "Not one's own account, and a supervisor not an administrator's (403 FORBIDDEN); 404 UNKNOWN_STAFF.",
      access: ADMINISTRATION,
      body: emptyRequest,
      success: { body: staffChangeResponse },
      handler: ({ params, caller }) => ({ status: 200, body: { staff: admin.setStaffActive(params.staffId ?? '', false, caller) } }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/admin/staff/:staffId/enable',
      operationId: 'enableStaff',
      tag: 'admin',
      logs: ['staff.enabled'],
      summary: 'Enable a staff account again; its lockout is cleared. Same limits as disableStaff.',
      access: ADMINISTRATION,
      body: emptyRequest,
      success: { body: staffChangeResponse },
      handler: ({ params, caller }) => ({ status: 200, body: { staff: admin.setStaffActive(params.staffId ?? '', true, caller) } }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/admin/staff/:staffId/reset-pin',
      operationId: 'resetStaffPin',
      tag: 'admin',
      logs: ['staff.pin_reset'],
      summary:
        'Give a staff account a new random PIN that the PIN policy accepts, answered once in `pin` (only its hash is kept); ' +
        "the lockout is cleared and the account's sessions end. Same limits as disableStaff.",
      access: ADMINISTRATION,
      body: emptyRequest,
      success: { body: resetPinResponse },
      handler: async ({ params, caller }) => ({ status: 200, body: await admin.resetPin(params.staffId ?? '', caller) }),
    }),
  ];
}
