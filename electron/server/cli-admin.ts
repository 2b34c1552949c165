/**
 * Device and staff administration for `npm run hall -- <command>` (cli.ts):
 *
 *   list-devices  [--json]                      every device with role, counter, state (never a token)
 *   revoke-device --id DEVICE_ID                the token and pairing code stop working; open streams
 *                                               of the device close within a few seconds (stream-hub.ts)
 *   list-staff    [--json]
 *   disable-staff --username U                  logins refused, sessions end
 *   enable-staff  --username U                  allowed again, lockout cleared
 *   reset-pin     --username U --pin NNNNNN     a new PIN (pin-policy.ts), lockout cleared, sessions end
 *
 * They write the database directly; a running server sees the change on its next check (sessions
 * on every request, device tokens within DEVICE_CACHE_MS). The same actions on the dashboard go
 * through the server (admin-routes.ts): effective at once and recorded in the event log.
 */
import { deviceAdminState } from '../core/admin-policy.ts';
import { PIN_PROBLEM_MESSAGES, pinProblem } from '../core/pin-policy.ts';
import type { AccessStore, StaffRecord } from '../store/access-store.ts';
import { hashPin } from './secrets.ts';

export class AdminUsageError extends Error {}

export const ADMIN_COMMANDS = ['list-devices', 'revoke-device', 'list-staff', 'disable-staff', 'enable-staff', 'reset-pin'] as const;
export type AdminCommand = (typeof ADMIN_COMMANDS)[number];

export interface AdminArgs {
  readonly id?: string | undefined;
  readonly username?: string | undefined;
  readonly pin?: string | undefined;
  readonly json: boolean;
}

const iso = (ms: number | null): string => (ms === null ? '–' : new Date(ms).toISOString());

function staffNamed(store: AccessStore, username: string | undefined): StaffRecord {
  if (!username) throw new AdminUsageError('missing --username');
  const staff = store.staffByUsername(username);
  if (!staff) throw new AdminUsageError(`no staff "${username}"`);
  return staff;
}

/** Runs one administration command; returns what to print. */
export function runAdminCommand(store: AccessStore, command: AdminCommand, args: AdminArgs, now: number): string {
  switch (command) {
    case 'list-devices': {
      const devices = store.listDevices().map((d) => ({
        id: d.id,
        role: d.role,
        name: d.name,
        counterId: d.counterId,
        state: deviceAdminState(d, now).replace('_', ' '),
        enrolledAt: d.enrolledAt,
        tokenExpiresAt: d.tokenExpiresAt,
        revokedAt: d.revokedAt,
      }));
      if (args.json) return `${JSON.stringify(devices)}\n`;
      return devices
        .map((d) => `${d.id}  ${d.role.padEnd(9)} ${(d.counterId ?? '–').padEnd(8)} ${d.state.padEnd(16)} expires ${iso(d.tokenExpiresAt)}  ${d.name}\n`)
        .join('');
    }
    case 'revoke-device': {
      if (!args.id) throw new AdminUsageError('missing --id (see list-devices)');
      if (!store.deviceById(args.id)) throw new AdminUsageError(`no device "${args.id}"`);
      return store.revokeDevice(args.id, now) ? `revoked device ${args.id}\n` : `device ${args.id} was already revoked\n`;
    }
    case 'list-staff': {
      const staff = store.listStaff().map((s) => ({
        username: s.username,
        displayName: s.displayName,
        role: s.role,
        counterIds: s.counterIds,
        active: s.active,
        lockedUntil: s.loginFailures.lockedUntil !== null && s.loginFailures.lockedUntil > now ? s.loginFailures.lockedUntil : null,
      }));
      if (args.json) return `${JSON.stringify(staff)}\n`;
      return staff
        .map(
          (s) =>
            `${s.username.padEnd(20)} ${s.role.padEnd(10)} ${s.active ? 'active  ' : 'disabled'} ${s.lockedUntil ? `locked until ${iso(s.lockedUntil)} ` : ''}${s.displayName}\n`,
        )
        .join('');
    }
    case 'disable-staff':
    case 'enable-staff': {
      const staff = staffNamed(store, args.username);
      const active = command === 'enable-staff';
      store.setStaffActive(staff.id, active, now);
      return `${active ? 'enabled' : 'disabled'} ${staff.username}\n`;
    }
    case 'reset-pin': {
      const staff = staffNamed(store, args.username);
      if (!args.pin) throw new AdminUsageError('missing --pin');
      const weak = pinProblem(args.pin, { birthDate: staff.birthDate });
      if (weak) throw new AdminUsageError(`--pin: ${PIN_PROBLEM_MESSAGES[weak].en}`);
      store.setPin(staff.id, hashPin(args.pin), now);
      return `new PIN set for ${staff.username}; their sessions ended\n`;
    }
  }
}
