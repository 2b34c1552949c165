/**
 * Test support: a device manager port with no working device. Every configured device reports
 * `absent` with fault `unavailable` and every call answers `unavailable`, the way the contract
 * says screens must degrade (the kiosk hands out an e-ticket).
 */
import type { DeviceHealth, DeviceResult } from '../../electron/common/device-contract.ts';
import type { DeviceManagerPort, DeviceSpec } from '../../electron/main/device-port.ts';

const UNAVAILABLE: DeviceResult<never> = { ok: false, fault: 'unavailable', detail: 'no device manager linked into this build' };

export function unlinkedDeviceManager(specs: readonly DeviceSpec[], now: () => number): DeviceManagerPort {
  const since = now();
  const health: readonly DeviceHealth[] = specs.map((spec) => ({
    kind: spec.kind,
    id: spec.id,
    state: 'absent',
    fault: 'unavailable',
    detail: 'no device manager linked into this build',
    since,
  }));
  return {
    health: async () => health,
    printTicket: async () => UNAVAILABLE,
    printerStatus: async () => UNAVAILABLE,
    readCard: async () => UNAVAILABLE,
    scanCardBack: async () => UNAVAILABLE,
    scanDocument: async () => UNAVAILABLE,
    endSession: async () => undefined,
    openRatingWindow: async () => UNAVAILABLE,
    closeRatingWindow: async () => undefined,
    on: () => () => undefined,
    close: async () => undefined,
  };
}
