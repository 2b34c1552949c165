/**
 * DeviceManager: a terminal's device list → transports + drivers, each on a ManagedLink that
 * reconnects with backoff and reports DeviceHealth. `sim:<kind>` URIs wire the in-process
 * simulators through a MemoryTransport (npm start, tests, browser mode without hardware); the
 * simulators are exposed so a demo or a test can press keys, scan codes, open the cover or put a
 * card on the reader. The CCCD reader (`pcsc:` or `sim:card`) speaks APDUs, not bytes: it is a
 * CardReaderLink (card-reader-link.ts) beside the ManagedLinks, in the same health list.
 *
 * One composition root per process builds one manager; nothing here opens on import.
 */
import type { X509Certificate } from 'node:crypto';
import type { DeviceHealth, DeviceResult, PrinterStatus } from '../../electron/common/device-contract.ts';
import { parseDeviceUri } from '../common/device-uri.ts';
import { Listeners, type Transport, type Unlisten } from '../common/transport.ts';
import { KeypadDriver } from '../keypad/keypad-driver.ts';
import { keypadProfileOf } from '../keypad/keypad-profile.ts';
import { PrinterDriver } from '../printer/printer-driver.ts';
import { DEFAULT_PRINTER_PROFILE, printerProfile, type PrinterProfile } from '../printer/printer-profile.ts';
import { printerCondition } from '../printer/printer-status.ts';
import {
  createDocumentScannerService,
  type DocumentScanner,
  type DocumentScannerService,
  type DocumentScannerServiceOptions,
} from '../scanner/document/document-scanner-service.ts';
import { SaneProbeTransport } from '../scanner/document/sane-probe-transport.ts';
import { ScannerDriver } from '../scanner/scanner-driver.ts';
import { scannerProfile } from '../scanner/scanner-profiles.ts';
import { CardReaderSimulator } from '../simulators/card-reader.simulator.ts';
import { KeypadSimulator, connectMemoryKeypad } from '../simulators/keypad.simulator.ts';
import { connectMemoryPrinter } from '../simulators/printer-hosts.ts';
import { PrinterSimulator } from '../simulators/printer.simulator.ts';
import { ScannerSimulator, connectMemoryScanner } from '../simulators/scanner.simulator.ts';
import { MemoryTransport } from '../transports/memory-transport.ts';
import { createTransport } from '../transports/open-transport.ts';
import { CardReaderLink, type OpenPcscReader } from './card-reader-link.ts';
import { SIMULATOR_NAMES, type DeviceConfig } from './device-config.ts';
import type { DeviceLogger } from './device-logger.ts';
import { DEFAULT_BACKOFF, ManagedLink, type Backoff, type Schedule } from './managed-link.ts';

export interface DeviceManagerOptions {
  readonly now?: () => number;
  readonly schedule?: Schedule;
  readonly backoff?: Backoff;
  /** URI → transport for real devices; tests inject memory twins here. */
  readonly openTransport?: (uri: string) => Transport;
  readonly printerReplyTimeoutMs?: number;
  /** How often a connected printer's status is read, so paper out shows before a citizen asks; 0 = never. */
  readonly printerPollMs?: number;
  /** The same while the printer is in fault (paper out, cover open), so a reload shows within seconds. */
  readonly printerFaultPollMs?: number;
  /** Health changes are logged here (module devices/manager); none when absent. */
  readonly logger?: DeviceLogger;
  /** CSCA certificates the CCCD reader verifies cards against (a `sim:card` reader adds its own). */
  readonly cardTrustStore?: readonly X509Certificate[];
  /** Opens `pcsc:` readers; tests inject one, the default loads @pokusew/pcsclite on start(). */
  readonly openPcscReader?: OpenPcscReader;
  /** Options of the SANE document scanner (scanimage path, timeout, dpi default, font, area). */
  readonly documentScannerOptions?: DocumentScannerServiceOptions;
}

export interface ManagedDocumentScanner {
  readonly link: ManagedLink;
  readonly scanner: DocumentScanner;
  /** What the role APIs are given: scans that also keep the scanner's health. */
  readonly service: DocumentScannerService;
}

export interface Simulators {
  printer?: PrinterSimulator;
  keypad?: KeypadSimulator;
  scanner?: ScannerSimulator;
  card?: CardReaderSimulator;
}

export interface ManagedPrinter {
  readonly link: ManagedLink;
  readonly driver: PrinterDriver;
  readonly profile: PrinterProfile;
}

const realSchedule: Schedule = (ms, run) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

export class DeviceManager {
  readonly links: ManagedLink[] = [];
  readonly simulators: Simulators = {};
  printer: ManagedPrinter | null = null;
  keypad: { readonly link: ManagedLink; readonly driver: KeypadDriver } | null = null;
  readonly scanners: { readonly link: ManagedLink; readonly driver: ScannerDriver }[] = [];
  cardReader: CardReaderLink | null = null;
  documentScanner: ManagedDocumentScanner | null = null;
  readonly #health = new Listeners<DeviceHealth>();
  readonly #keypadReconnected = new Listeners<void>();
  readonly #now: () => number;
  readonly #schedule: Schedule;
  readonly #printerPollMs: number;
  readonly #printerFaultPollMs: number;
  #polling = false;
  /** Cancels the next scheduled status read; null while a read is in flight or polling is off. */
  #cancelPoll: (() => void) | null = null;

  constructor(devices: readonly DeviceConfig[], options: DeviceManagerOptions = {}) {
    this.#now = options.now ?? Date.now;
    const schedule = options.schedule ?? realSchedule;
    this.#schedule = schedule;
    this.#printerPollMs = options.printerPollMs ?? 30_000;
    this.#printerFaultPollMs = Math.min(options.printerFaultPollMs ?? 3_000, this.#printerPollMs);
    const log = options.logger?.child({ module: 'devices/manager' });
    if (log !== undefined) {
      this.#health.add((h) => log.info({ device: h.id, kind: h.kind, state: h.state, fault: h.fault, detail: h.detail }, 'device health'));
    }
    const backoff = options.backoff ?? DEFAULT_BACKOFF;
    const open = options.openTransport ?? createTransport;
    for (const device of devices) {
      if (device.kind === 'cardReader') {
        if (this.cardReader !== null) throw new Error(`device '${device.id}': a kiosk has one card reader`);
        const simulator = device.uri === `sim:${SIMULATOR_NAMES.cardReader}` ? new CardReaderSimulator() : undefined;
        if (simulator !== undefined) this.simulators.card = simulator;
        this.cardReader = new CardReaderLink(device, {
          now: this.#now,
          ...(options.cardTrustStore !== undefined ? { trustStore: options.cardTrustStore } : {}),
          ...(simulator !== undefined ? { simulator } : {}),
          ...(options.openPcscReader !== undefined ? { openPcsc: options.openPcscReader } : {}),
        });
        this.cardReader.onHealth((health) => this.#health.emit(health));
        continue;
      }
      if (device.kind === 'documentScanner') {
        this.#addDocumentScanner(device, { now: this.#now, schedule, backoff }, options.documentScannerOptions ?? {});
        continue;
      }
      const transport = this.#transportFor(device, open);
      const base = { id: device.id, transport, now: this.#now, schedule, backoff };
      switch (device.kind) {
        case 'printer': {
          if (this.printer !== null) throw new Error(`device '${device.id}': a terminal drives one ticket printer`);
          const profile = printerProfile(device.profile ?? DEFAULT_PRINTER_PROFILE);
          const driver = new PrinterDriver(transport, { replyTimeoutMs: options.printerReplyTimeoutMs ?? 1500, processIdConfirm: profile.processIdResponse });
          const link = new ManagedLink({ ...base, kind: 'printer', onConnected: async () => this.#reportPrinter(await driver.status()) });
          link.onHealth((h) => {
            if (h.state === 'fault') this.#pollPrinterSoon();
          });
          this.printer = { link, driver, profile };
          this.#add(link);
          break;
        }
        case 'keypad': {
          if (this.keypad !== null) throw new Error(`device '${device.id}': a counter has one rating keypad`);
          const driver = new KeypadDriver(transport, keypadProfileOf(device), { now: this.#now });
          const link = new ManagedLink({ ...base, kind: 'keypad', onConnected: async () => this.#keypadReconnected.emit() });
          this.keypad = { link, driver };
          this.#add(link);
          break;
        }
        case 'scanner': {
          const driver = new ScannerDriver(transport, scannerProfile(device.profile ?? defaultScannerProfile(device.uri)), { now: this.#now });
          const link = new ManagedLink({ ...base, kind: 'scanner' });
          this.scanners.push({ link, driver });
          this.#add(link);
          break;
        }
      }
    }
  }

  async start(): Promise<void> {
    await Promise.all([...this.links.map((link) => link.start()), this.cardReader?.start()]);
    this.#polling = this.printer !== null && this.#printerPollMs > 0;
    this.#pollPrinter();
  }

  async stop(): Promise<void> {
    this.#polling = false;
    this.#cancelPoll?.();
    this.#cancelPoll = null;
    await Promise.all([...this.links.map((link) => link.stop()), this.cardReader?.stop()]);
    await this.documentScanner?.scanner.close();
  }

  /** A SANE scanner: its health comes from probes (absent → retried with backoff) and from scan results. */
  #addDocumentScanner(device: DeviceConfig, timing: { now: () => number; schedule: Schedule; backoff: Backoff }, options: DocumentScannerServiceOptions): void {
    if (this.documentScanner !== null) throw new Error(`device '${device.id}': a terminal drives one document scanner`);
    const scanner = createDocumentScannerService(device.uri, { ...options, ...(device.profile !== undefined ? { profile: device.profile } : {}) });
    const transport = new SaneProbeTransport(device.uri, () => scanner.probe());
    const link = new ManagedLink({ ...timing, id: device.id, kind: 'documentScanner', transport });
    /** A scan's result keeps the scanner's health: ready after a good one, absent or in fault after a bad one. */
    const track = <T>(result: DeviceResult<T>): DeviceResult<T> => {
      if (result.ok) link.report('ready', null, null);
      else if (result.fault === 'disconnected' || result.fault === 'unavailable') transport.lost(result.detail ?? result.fault);
      // A cover left open, a jam, denied access or a hung scan stay visible until the next good scan;
      // an empty feeder, a busy scanner or a refused paper are not the device's condition.
      else if (['cover_open', 'offline', 'access_denied', 'timeout'].includes(result.fault)) link.report('fault', result.fault, result.detail);
      return result;
    };
    const service: DocumentScannerService = {
      scanDocument: async (request) => track(await scanner.scanDocument(request)),
      captureCardBack: async () => track(await scanner.captureCardBack()),
    };
    this.documentScanner = { link, scanner, service };
    this.#add(link);
  }

  /** Schedules the next status read: soon while the printer is in fault, else at the slow pace. */
  #pollPrinter(): void {
    const printer = this.printer;
    if (!this.#polling || printer === null) return;
    const ms = printer.link.health.state === 'fault' ? this.#printerFaultPollMs : this.#printerPollMs;
    this.#cancelPoll = this.#schedule(ms, () => {
      this.#cancelPoll = null;
      const read = printer.link.transport.isOpen ? printer.driver.status().then((r) => this.#reportPrinter(r)) : Promise.resolve();
      void read.finally(() => this.#pollPrinter());
    });
  }

  /** The printer just went into fault: the next read comes at the fault pace, not up to a slow period later. */
  #pollPrinterSoon(): void {
    if (this.#cancelPoll === null) return; // polling is off, or a read is in flight and reschedules itself
    this.#cancelPoll();
    this.#pollPrinter();
  }

  health(): DeviceHealth[] {
    return [...this.links.map((link) => link.health), ...(this.cardReader !== null ? [this.cardReader.health] : [])];
  }

  onHealth(listener: (health: DeviceHealth) => void): Unlisten {
    return this.#health.add(listener);
  }

  onKeypadReconnected(listener: () => void): Unlisten {
    return this.#keypadReconnected.add(listener);
  }

  /** Printer results update its health: ready, degraded (paper near end), fault, or absent. */
  reportPrinter(result: DeviceResult<PrinterStatus> | DeviceResult<null>): void {
    const status = this.printer?.driver.lastStatus ?? null;
    if (result.ok && result.value === null) {
      if (status !== null) this.#reportPrinter({ ok: true, value: status });
      return;
    }
    this.#reportPrinter(result as DeviceResult<PrinterStatus>);
  }

  #reportPrinter(result: DeviceResult<PrinterStatus>): void {
    const link = this.printer?.link;
    if (link === undefined) return;
    if (!result.ok) {
      if (result.fault === 'disconnected') link.report('absent', 'disconnected', result.detail);
      else link.report('fault', result.fault, result.detail);
      return;
    }
    const condition = printerCondition(result.value);
    if (condition === null) link.report('ready', null, null);
    else link.report(condition === 'paper_near_end' ? 'degraded' : 'fault', condition, null);
  }

  #add(link: ManagedLink): void {
    this.links.push(link);
    link.onHealth((health) => this.#health.emit(health));
  }

  #transportFor(device: DeviceConfig, open: (uri: string) => Transport): Transport {
    const uri = parseDeviceUri(device.uri);
    if (uri.scheme !== 'sim') return open(device.uri);
    if (uri.name !== device.kind)
      throw new Error(`device '${device.id}': simulator '${device.uri}' does not simulate a ${device.kind} (use sim:${device.kind})`);
    const transport = new MemoryTransport({ uri: device.uri });
    if (device.kind === 'printer') {
      const simulator = new PrinterSimulator(printerProfile(device.profile ?? DEFAULT_PRINTER_PROFILE));
      connectMemoryPrinter(simulator, transport);
      this.simulators.printer = simulator;
    } else if (device.kind === 'keypad') {
      const simulator = new KeypadSimulator(keypadProfileOf(device));
      connectMemoryKeypad(simulator, transport);
      this.simulators.keypad = simulator;
    } else {
      const simulator = new ScannerSimulator(scannerProfile(device.profile));
      connectMemoryScanner(simulator, transport);
      this.simulators.scanner = simulator;
    }
    return transport;
  }
}

function defaultScannerProfile(uri: string): string {
  return uri.startsWith('hid:') ? 'hid-pos' : 'serial-cr';
}
