/**
 * Device and staff administration through the server (admin-routes.ts): effective at once. A
 * revoked device's cached token lookup is dropped and its open streams close in the same request;
 * a disabled account or a reset PIN ends the account's sessions (checked on every request). A new
 * terminal awaits pairing with a one-time code and a new account gets a one-time PIN, each answered
 * once and stored only as a hash. Each change and its event (device.*, staff.*) commit in one
 * transaction; the acting supervisor and their device are the event's actor. The rules of who may
 * act on whom and create what: core/admin-policy.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AdminDevice, AdminStaff, EnrolDevice, EnrolDeviceResponse, NewStaff } from '../common/admin-wire.ts';
import { DomainError } from '../common/errors.ts';
import { createStaffRefusal, deviceAdminRefusal, deviceAdminState, enrolRefusal, staffAdminRefusal, type AdminActor } from '../core/admin-policy.ts';
import type { AccessStore, DeviceRecord, StaffRecord } from '../store/access-store.ts';
import { DEFAULT_PAIRING_MINUTES, type Access, type Caller } from './access.ts';
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

  /** A counter of the hall's configuration, or VALIDATION_FAILED naming the field and the choices. */
  #configuredCounter(counterId: string, field: string): void {
    const counters = this.#o.hall.config.counters.map((c) => c.id);
    if (counters.includes(counterId)) return;
    throw new DomainError('VALIDATION_FAILED', {
      issues: [{ path: field, message: `unknown counter "${counterId}"; use one of: ${counters.join(', ')}`, code: 'custom' }],
    });
  }

  /**
   * A terminal awaiting pairing, as the CLI's `enroll` without --token: its one-time code, valid
   * DEFAULT_PAIRING_MINUTES, is in this answer only (only its hash is stored). The device and its
   * device.enrolled event commit together; the event names the device and its role, never the code.
   */
  enrolDevice(request: EnrolDevice, caller: Caller): EnrolDeviceResponse {
    const refusal = enrolRefusal(actorOf(caller), request.role);
    if (refusal) throw new DomainError('FORBIDDEN', { reason: refusal });
    const counterId = request.counterId ?? null;
    if (counterId !== null) this.#configuredCounter(counterId, 'counterId');
    if (request.role === 'rating') this.#noOtherRatingDevice(counterId);
    const id = randomUUID();
    const now = this.#o.clock();
    // The code is made inside the transaction (the device row is written with its hash) and kept here only.
    const made: { code: string; expiresAt: number }[] = [];
    this.#o.hall.record(() => {
      made.push(this.#o.access.createPairingCode({ id, role: request.role, name: request.name, counterId, validMinutes: DEFAULT_PAIRING_MINUTES }));
      return [{ type: 'device.enrolled', at: now, ticketId: null, counterId, data: { deviceId: id, role: request.role } }];
    });
    const [pairing] = made;
    const device = this.#o.store.deviceById(id);
    if (pairing === undefined || device === null) throw new Error('the enrolled device was not stored');
    return { device: this.#deviceView(device, now), pairingCode: pairing.code, pairingExpiresAt: pairing.expiresAt, validMinutes: DEFAULT_PAIRING_MINUTES };
  }

  /**
   * One rating device per counter (active or waiting to be paired): a second keypad bound to the
   * same counter could rate a service before the citizen does. The old one is revoked first.
   */
  #noOtherRatingDevice(counterId: string | null): void {
    const now = this.#o.clock();
    const other = this.#o.store
      .listDevices()
      .find((d) => d.role === 'rating' && d.counterId === counterId && ['active', 'awaiting_pairing'].includes(deviceAdminState(d, now)));
    if (other) throw new DomainError('RATING_DEVICE_EXISTS', { counterId, deviceId: other.id });
  }

  #usernameFree(username: string): void {
    if (this.#o.store.staffByUsername(username)) throw new DomainError('USERNAME_TAKEN', { field: 'username' });
  }

  /**
   * A new account, as the CLI's `add-staff`, with a random PIN that the PIN policy accepts for this
   * person (as resetPin draws one), answered once: only its scrypt hash is stored. A username in
   * use is refused (USERNAME_TAKEN), checked again in the transaction, since another request may
   * take it while scrypt runs. staff.created names the account and its role, never the PIN.
   */
  async createStaff(request: NewStaff, caller: Caller): Promise<{ staff: AdminStaff; pin: string }> {
    const refusal = createStaffRefusal(actorOf(caller), request.role);
    if (refusal) throw new DomainError('FORBIDDEN', { reason: refusal });
    for (const counterId of request.counterIds) this.#configuredCounter(counterId, 'counterIds');
    this.#usernameFree(request.username);
    const birthDate = request.birthDate ?? null;
    const pin = newPin({ birthDate });
    const pinHash = await hashPinAsync(pin);
    const id = randomUUID();
    const now = this.#o.clock();
    this.#o.hall.record(() => {
      this.#usernameFree(request.username);
      const { username, displayName, role, counterIds } = request;
      this.#o.store.addStaff({ id, username, displayName, role, counterIds, pinHash, now, birthDate });
      return [{ type: 'staff.created', at: now, ticketId: null, counterId: null, data: { staffId: id, role: request.role } }];
    });
    const staff = this.#o.store.staffById(id);
    if (staff === null) throw new Error('the created account was not stored');
    return { staff: this.#staffView(staff, now), pin };
  }

  #target(staffId: string, caller: Caller, action: 'setActive' | 'resetPin'): StaffRecord {
    const staff = this.#o.store.staffById(staffId);
    if (!staff) throw new DomainError('UNKNOWN_STAFF', { staffId });
    const refusal = staffAdminRefusal(actorOf(caller), staff, action);
    if (refusal) throw new DomainError('FORBIDDEN', { reason: refusal });
    return staff;
  }

  /** Disables (sessions end, logins refused) or enables (lockout cleared) an account. */
  setStaffActive(staffId: string, active: boolean, caller: Caller): AdminStaff {
    const staff = this.#target(staffId, caller, 'setActive');
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
    const staff = this.#target(staffId, caller, 'resetPin');
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
