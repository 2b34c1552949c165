/**
 * The device manager port bound to devices/manager: the terminal's configured devices with their
 * transports, drivers, reconnects and health, and the kiosk and counter calls of the device
 * contract built on them (devices/terminal/role-devices.ts). `sim:` URIs drive the simulators; a
 * `documentScanner` (sane: URI) serves scanDocument and scanCardBack; the CCCD reader verifies chips
 * against the config's CSCA trust store (options.cardTrustStore, card-trust-store.ts).
 *
 * The terminal's identity and token belong to the main process (token-store.ts); the role APIs
 * built here are used only for their device calls, never for terminalInfo.
 */
import { parseDeviceList } from '../../devices/manager/device-config.ts';
import { DeviceManager, type DeviceManagerOptions } from '../../devices/manager/device-manager.ts';
import { createCounterDevices, createKioskDevices } from '../../devices/terminal/role-devices.ts';
import { createTerminalIdentity } from '../../devices/terminal/terminal-identity.ts';
import type { DeviceEvents, DeviceManagerPort, DeviceSpec } from './device-port.ts';
import type { Unsubscribe } from '../common/device-contract.ts';

/** What the terminal config adds to the device list (card-trust-store.ts), and what tests inject. */
export interface ManagedDevicesOptions extends Pick<DeviceManagerOptions, 'cardTrustStore' | 'openPcscReader'> {
  readonly onStartError?: (error: unknown) => void;
}

export function managedDevices(specs: readonly DeviceSpec[], options: ManagedDevicesOptions = {}): DeviceManagerPort {
  const { onStartError = () => undefined, ...managerOptions } = options;
  const manager = new DeviceManager(parseDeviceList(specs), managerOptions);
  manager.start().catch(onStartError);
  const identity = createTerminalIdentity({ role: 'kiosk', counterId: null, deviceToken: null });
  const roleOptions = { documentScanner: manager.documentScanner?.service };
  const kiosk = createKioskDevices(manager, identity, roleOptions);
  const counter = createCounterDevices(manager, identity, roleOptions);
  const subscribe: { [E in keyof DeviceEvents]: (listener: (payload: DeviceEvents[E]) => void) => Unsubscribe } = {
    health: (listener) => manager.onHealth(listener),
    scan: (listener) => kiosk.onScan(listener),
    cardPresence: (listener) => kiosk.onCardPresence(listener),
    rating: (listener) => counter.onRatingPress(listener),
  };
  return {
    health: async () => manager.health(),
    printTicket: (job) => kiosk.printTicket(job),
    printerStatus: () => kiosk.printerStatus(),
    readCard: (request) => kiosk.readCard(request),
    scanCardBack: () => kiosk.scanCardBack(),
    scanDocument: (request) => kiosk.scanDocument(request),
    endSession: () => kiosk.endSession(),
    openRatingWindow: (seconds) => counter.openRatingWindow(seconds),
    closeRatingWindow: () => counter.closeRatingWindow(),
    on: (event, listener) => subscribe[event](listener),
    async close() {
      counter.close();
      await manager.stop();
    },
  };
}
