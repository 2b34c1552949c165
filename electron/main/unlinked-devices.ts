/**
 * The device manager used when a build has none linked in (devices/manager is bound in the
 * composition root, main.ts). Every configured device reports `absent` with fault `unavailable`
 * and every call answers `unavailable`, so screens degrade the way the contract says (the kiosk
 * hands out an e-ticket) instead of failing.
 */
import type { DeviceHealth, DeviceResult } from '../common/device-contract.ts';
import type { DeviceManagerPort, DeviceSpec } from './device-port.ts';

const UNAVAILABLE: DeviceResult<never> = { ok: false, fault: 'unavailable', detail: 'no device manager linked into this build' };

export function unlinkedDeviceManager(specs: readonly DeviceSpec[], now: () => number): DeviceManagerPort {
  const since = now();
  const health: readonly DeviceHealth[] = specs.map((spec) => ({ kind: spec.kind, id: spec.id, state: 'absent', fault: 'unavailable', detail: 'no device manager linked into this build', since }));
  return {
    health: async () => health,
    printTicket: async () => UNAVAILABLE,
    printerStatus: async () => UNAVAILABLE,
    readCard: async () => UNAVAILABLE,
    endSession: async () => undefined,
    openRatingWindow: async () => UNAVAILABLE,
    closeRatingWindow: async () => undefined,
    on: () => () => undefined,
    close: async () => undefined,
  };
}
