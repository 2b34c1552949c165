/**
 * The terminals' device side for browser journeys, screenshots and benchmarks: the real device
 * host (devices/terminal/device-host.ts) for the kiosk, the counter and the display, each on
 * 127.0.0.1 port 0 with simulated devices driven by the real drivers (`sim:` URIs), so a test acts
 * on the devices the way a citizen does: paper out on the printer, a code under the scanner, a
 * card on the reader, a key on the rating keypad.
 *
 * The device list is per role and a parameter (default: kiosk printer + scanner + card reader;
 * counter rating keypad + scanner; display none), so a journey can add a device.
 */
import type { TerminalRole } from '../../electron/common/device-contract.ts';
import { DEVICE_HOST_QUERY_PARAM } from '../../electron/common/device-contract.ts';
import { parseDeviceList, type DeviceConfig } from '../../devices/manager/device-config.ts';
import { startDeviceHost, type DeviceHost } from '../../devices/terminal/device-host.ts';
import type { Simulators } from '../../devices/manager/device-manager.ts';
import type { DocumentScannerServiceOptions } from '../../devices/scanner/document/document-scanner-service.ts';

export type DeviceLists = Readonly<Record<TerminalRole, readonly DeviceConfig[]>>;

export const DEFAULT_TERMINAL_DEVICES: DeviceLists = {
  kiosk: [
    { id: 'printer', kind: 'printer', uri: 'sim:printer' },
    { id: 'scanner', kind: 'scanner', uri: 'sim:scanner' },
    { id: 'card', kind: 'cardReader', uri: 'sim:card' },
  ],
  counter: [
    { id: 'keypad', kind: 'keypad', uri: 'sim:keypad' },
    { id: 'scanner', kind: 'scanner', uri: 'sim:scanner' },
  ],
  display: [],
};

export interface SimulatedTerminalsOptions {
  /** The hall server the pages are served from, e.g. https://127.0.0.1:PORT. */
  readonly hallUrl: string;
  /** The hall CA's fingerprint the device hosts pin (needed when they send ratings to an https hall). */
  readonly hallCaFingerprint?: string;
  /** Device tokens of the enrolled terminals; a role without a token gets no device host. */
  readonly tokens: Readonly<Partial<Record<TerminalRole, string>>>;
  /** The counter the counter terminal is bound to. */
  readonly counterId?: string | null;
  /** Device lists per role; a role left out gets its default list. */
  readonly devices?: Partial<DeviceLists>;
  /** Options of a role's document scanner (e.g. the scanimage command or backend options). */
  readonly documentScannerOptions?: Partial<Record<TerminalRole, DocumentScannerServiceOptions>>;
  /** A rating device's token for the counter: its device host then sends keypad ratings to the hall. */
  readonly counterRatingToken?: string;
}

export interface SimulatedTerminals {
  readonly hosts: Readonly<Partial<Record<TerminalRole, DeviceHost>>>;
  /** The role's page on the hall server with `?deviceHost=` pointing at its device host. */
  pageUrl(role: TerminalRole, query?: Record<string, string>): string;
  /** The simulators behind each role's `sim:` devices. */
  readonly simulators: Readonly<Record<TerminalRole, Simulators>>;
  stop(): Promise<void>;
}

/** The value, or a clear error naming the simulator a device list lacks. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}: add its sim: device to the terminal's device list`);
  return value;
}

export async function startSimulatedTerminals(options: SimulatedTerminalsOptions): Promise<SimulatedTerminals> {
  const hosts: Partial<Record<TerminalRole, DeviceHost>> = {};
  const stop = async (): Promise<void> => {
    await Promise.all(Object.values(hosts).map((host) => host.close()));
  };
  try {
    for (const role of ['kiosk', 'counter', 'display'] as const) {
      const token = options.tokens[role];
      if (token === undefined) continue;
      hosts[role] = await startDeviceHost({
        role,
        counterId: role === 'counter' ? (options.counterId ?? null) : null,
        deviceToken: token,
        devices: parseDeviceList(options.devices?.[role] ?? DEFAULT_TERMINAL_DEVICES[role]),
        port: 0,
        ...(options.documentScannerOptions?.[role] !== undefined ? { documentScannerOptions: options.documentScannerOptions[role] } : {}),
        ...(role === 'counter' && options.counterRatingToken !== undefined
          ? { hallUrl: options.hallUrl, hallCaFingerprint: options.hallCaFingerprint ?? null, ratingToken: options.counterRatingToken }
          : {}),
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const simulatorsOf = (role: TerminalRole): Simulators => hosts[role]?.manager.simulators ?? {};
  return {
    hosts,
    pageUrl(role, query = {}) {
      const host = need(hosts[role], `${role} device host`);
      const params = new URLSearchParams({ [DEVICE_HOST_QUERY_PARAM]: host.url, ...query });
      return `${options.hallUrl}/${role}/?${params.toString()}`;
    },
    simulators: { kiosk: simulatorsOf('kiosk'), counter: simulatorsOf('counter'), display: simulatorsOf('display') },
    stop,
  };
}
