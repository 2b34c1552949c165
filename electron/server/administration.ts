/**
 * Device and staff administration through the server (admin-routes.ts): effective at once. A
 * revoked device's cached token lookup is dropped and its open streams close in the same request;
 * a disabled account or a reset PIN ends the account's sessions (checked on every request). Each
 * change and its event (device.revoked, staff.*) commit in one transaction; the acting supervisor
 * and their device are the event's actor. The rules of who may act on whom: core/admin-policy.ts.
 */
import type { AdminDevice, AdminStaff } from '../common/admin-wire.ts';
import { DomainError } from '../common/errors.ts';
import { deviceAdminRefusal, deviceAdminState, staffAdminRefusal, type AdminActor } from '../core/admin-policy.ts';
import type { AccessStore, DeviceRecord, StaffRecord } from '../store/access-store.ts';
import type { Access, Caller } from './access.ts';
import type { HallService } from './hall-service.ts';
import { hashPinAsync, newPin } from './secrets.ts';

export interface AdministrationOptions {
  readonly store: AccessStore;
  readonly access: Access;
  readonly hall: HallService;
  /** Closes the streams of devices no longer allowed (StreamHub.recheckDevices); returns how many. */
  readonly closeRevokedStreams: () => number;
  readonly clock: () => number;
}

function actorOf(caller: Caller): AdminActor {
  if (caller.device === null || caller.staff === null) throw new Error('the access rule requires a supervisor on a dashboard');
  return { staffId: caller.staff.id, role: caller.staff.role, deviceId: caller.device.id };
}

export class Administration {
  readonly #o: AdministrationOptions;

  constructor(options: AdministrationOptions) {
    this.#o = options;
  }

  #deviceView(d: DeviceRecord, now: number): AdminDevice {
    return {
      id: d.id,
      role: d.role,
      name: d.name,
      counterId: d.counterId,
      state: deviceAdminState(d, now),
      enrolledAt: d.enrolledAt,
      tokenExpiresAt: d.tokenExpiresAt,
      revokedAt: d.revokedAt,
      lastSeenAt: this.#o.access.lastSeen.get(d.id) ?? null,
    };
  }

  #staffView(s: StaffRecord, now: number): AdminStaff {
    const lockedUntil = s.loginFailures.lockedUntil !== null && s.loginFailures.lockedUntil > now ? s.loginFailures.lockedUntil : null;
    return { id: s.id, username: s.username, displayName: s.displayName, role: s.role, counterIds: [...s.counterIds], active: s.active, lockedUntil };
  }

  devices(): AdminDevice[] {
    const now = this.#o.clock();
    return this.#o.store.listDevices().map((d) => this.#deviceView(d, now));
  }

  staff(): AdminStaff[] {
    const now = this.#o.clock();
    return this.#o.store.listStaff().map((s) => this.#staffView(s, now));
  }

  /** Revokes a device (again: nothing changes, nothing is logged); its open streams close now. */
  revokeDevice(deviceId: string, caller: Caller): { device: AdminDevice; closedStreams: number } {
    const refusal = deviceAdminRefusal(actorOf(caller), deviceId);
    if (refusal) throw new DomainError('FORBIDDEN', { reason: refusal });
    const device = this.#o.store.deviceById(deviceId);
    if (!device) throw new DomainError('UNKNOWN_DEVICE', { deviceId });
    const now = this.#o.clock();
    this.#o.hall.record(() =>
      this.#o.store.revokeDevice(deviceId, now)
        ? [{ type: 'device.revoked', at: now, ticketId: null, counterId: device.counterId, data: { deviceId, role: device.role } }]
        : [],
    );
    this.#o.access.forgetDevice(deviceId);
    const closedStreams = this.#o.closeRevokedStreams();
    return { device: this.#deviceView(this.#o.store.deviceById(deviceId) ?? device, now), closedStreams };
  }

  #target(staffId: string, caller: Caller): StaffRecord {
    const staff = this.#o.store.staffById(staffId);
    if (!staff) throw new DomainError('UNKNOWN_STAFF', { staffId });
    const refusal = staffAdminRefusal(actorOf(caller), staff);
    if (refusal) throw new DomainError('FORBIDDEN', { reason: refusal });
    return staff;
  }

  /** Disables (sessions end, logins refused) or enables (lockout cleared) an account. */
  setStaffActive(staffId: string, active: boolean, caller: Caller): AdminStaff {
    const staff = this.#target(staffId, caller);
    const now = this.#o.clock();
    this.#o.hall.record(() => {
      this.#o.store.setStaffActive(staff.id, active, now);
      return [{ type: active ? 'staff.enabled' : 'staff.disabled', at: now, ticketId: null, counterId: null, data: { staffId: staff.id } }];
    });
    return this.#staffView(this.#o.store.staffById(staff.id) ?? staff, now);
  }

  /**
   * A new random PIN that the PIN policy accepts (pin-policy.ts), returned once: only its scrypt
   * hash is stored. The lockout is cleared and the account's sessions end.
   */
  async resetPin(staffId: string, caller: Caller): Promise<{ staff: AdminStaff; pin: string }> {
    const staff = this.#target(staffId, caller);
    const pin = newPin({ birthDate: staff.birthDate });
    const pinHash = await hashPinAsync(pin);
    const now = this.#o.clock();
    this.#o.hall.record(() => {
      this.#o.store.setPin(staff.id, pinHash, now);
      return [{ type: 'staff.pin_reset', at: now, ticketId: null, counterId: null, data: { staffId: staff.id } }];
    });
    return { staff: this.#staffView(this.#o.store.staffById(staff.id) ?? staff, now), pin };
  }
}
