/**
 * The role APIs of the device contract (KioskDevices, CounterDevices, DisplayDevices) on top of a
 * DeviceManager: what the Electron preload and the Node device host both serve. Every call
 * resolves; device faults are results (device contract rules).
 *
 * The kiosk's card reader is the manager's (a `cardReader` device: pcsc: or sim:card), unless
 * `options.cardReader` gives another; a kiosk without one answers readCard with `unavailable` and
 * never reports a card. A document scanner is given in `options.documentScanner` the same way; it
 * also photographs the card's back for the MRZ key (card-back-mrz.ts), kept here until endSession.
 */
import type {
  CardBackScan,
  CardIdentity,
  CardPresence,
  CardReadRequest,
  CounterDevices,
  DeviceHealthApi,
  DeviceResult,
  DisplayDevices,
  DocumentScanRequest,
  KioskDevices,
  PrinterStatus,
  RatingPress,
  RoleDevices,
  ScannedPaper,
  ScanResult,
  TerminalRole,
  TicketPrintJob,
  Unsubscribe,
} from '../../electron/common/device-contract.ts';
import { Listeners } from '../common/transport.ts';
import { RatingWindow, type Schedule } from '../keypad/rating-window.ts';
import { encodeTicket } from '../printer/ticket-job.ts';
import { ticketLogo } from '../printer/ticket-logo.ts';
import type { DeviceManager } from '../manager/device-manager.ts';
import type { DocumentScannerService } from '../scanner/document/document-scanner-service.ts';
import { ocrMrz } from '../card-reader/mrz/ocr.ts';
import { type MrzReader, ScannedMrzKey } from './card-back-mrz.ts';
import type { TerminalIdentity } from './terminal-identity.ts';

/** The card-reader side a kiosk may be given. */
export interface CardReaderService {
  onCardPresence(listener: (presence: CardPresence) => void): Unsubscribe;
  readCard(request: CardReadRequest): Promise<DeviceResult<CardIdentity>>;
  endSession(): Promise<void>;
}

export interface RoleDevicesOptions {
  readonly cardReader?: CardReaderService;
  readonly documentScanner?: DocumentScannerService;
  /** OCR of the card back's MRZ; default tesseract.js offline (devices/card-reader/mrz/ocr.ts). */
  readonly readMrz?: MrzReader;
  readonly now?: () => number;
  readonly schedule?: Schedule;
}

const unavailable = (detail: string) => ({ ok: false, fault: 'unavailable', detail }) as const;

function healthApi(manager: DeviceManager, identity: TerminalIdentity): DeviceHealthApi {
  return {
    terminalInfo: async () => identity.info(),
    saveDeviceToken: async (token) => identity.saveToken(token),
    health: async () => manager.health(),
    onHealth: (listener) => manager.onHealth(listener),
  };
}

function onScan(manager: DeviceManager, listener: (scan: ScanResult) => void): Unsubscribe {
  const offs = manager.scanners.map(({ driver }) => driver.onScan(listener));
  return () => offs.forEach((off) => off());
}

async function scanDocument(options: RoleDevicesOptions, request: DocumentScanRequest): Promise<DeviceResult<ScannedPaper>> {
  return options.documentScanner ? options.documentScanner.scanDocument(request) : unavailable('no document scanner configured');
}

export function createKioskDevices(manager: DeviceManager, identity: TerminalIdentity, options: RoleDevicesOptions = {}): KioskDevices {
  const cardReader: CardReaderService | undefined = options.cardReader ?? manager.cardReader?.service;
  const scannedMrz = new ScannedMrzKey(() => options.documentScanner ?? null, options.readMrz ?? ocrMrz);
  return {
    ...healthApi(manager, identity),
    async printTicket(job: TicketPrintJob): Promise<DeviceResult<null>> {
      const printer = manager.printer;
      if (printer === null) return unavailable('no ticket printer configured');
      let bytes: Uint8Array;
      try {
        bytes = encodeTicket(job, printer.profile, { logo: ticketLogo(job.logoPng, printer.profile) });
      } catch (error) {
        return { ok: false, fault: 'protocol_error', detail: `ticket not printable: ${(error as Error).message}` };
      }
      const result = await printer.driver.print(bytes);
      manager.reportPrinter(result);
      return result;
    },
    async printerStatus(): Promise<DeviceResult<PrinterStatus>> {
      const printer = manager.printer;
      if (printer === null) return unavailable('no ticket printer configured');
      const result = await printer.driver.status();
      manager.reportPrinter(result);
      return result;
    },
    onScan: (listener) => onScan(manager, listener),
    onCardPresence: (listener) => cardReader?.onCardPresence(listener) ?? (() => undefined),
    async readCard(request: CardReadRequest): Promise<DeviceResult<CardIdentity>> {
      if (!cardReader) return unavailable('no card reader configured');
      const resolved = scannedMrz.resolve(request);
      return 'ok' in resolved ? resolved : cardReader.readCard(resolved);
    },
    scanCardBack: (): Promise<DeviceResult<CardBackScan>> => (cardReader ? scannedMrz.scan() : Promise.resolve(unavailable('no card reader configured'))),
    scanDocument: (request) => scanDocument(options, request),
    endSession: async () => {
      scannedMrz.wipe();
      await cardReader?.endSession();
    },
  };
}

/** The counter's device side: the page's API, plus the rated levels for the sender (never the page). */
export interface CounterDeviceSide extends CounterDevices {
  /** Every press within the window with its level: the device side sends it to the hall. */
  onRatingPress(listener: (press: RatingPress) => void): Unsubscribe;
  close(): void;
}

export function createCounterDevices(manager: DeviceManager, identity: TerminalIdentity, options: RoleDevicesOptions = {}): CounterDeviceSide {
  const ratings = new Listeners<RatingPress>();
  const keypad = manager.keypad;
  const window = new RatingWindow({
    setLeds: (on) => keypad?.driver.setLeds(on) ?? Promise.resolve(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  const offs = [
    window.onRating((press) => ratings.emit(press)),
    keypad?.driver.onPress((press) => window.handlePress(press)) ?? (() => undefined),
    manager.onKeypadReconnected(() => void window.keypadReconnected()),
  ];
  return {
    ...healthApi(manager, identity),
    async openRatingWindow(seconds: number): Promise<DeviceResult<null>> {
      if (keypad === null) return unavailable('no rating keypad configured');
      try {
        await window.open(seconds);
      } catch (error) {
        if (error instanceof RangeError) return { ok: false, fault: 'protocol_error', detail: error.message };
        // The window stays open: a keypad plugged back in within it still delivers the rating.
        const health = keypad.link.health;
        return { ok: false, fault: health.fault ?? 'disconnected', detail: 'keypad not reachable; the window stays open' };
      }
      return { ok: true, value: null };
    },
    closeRatingWindow: () => window.close(),
    onRating: (listener) => ratings.add((press) => listener({ at: press.at })),
    onRatingPress: (listener) => ratings.add(listener),
    scanDocument: (request) => scanDocument(options, request),
    onScan: (listener) => onScan(manager, listener),
    close: () => offs.forEach((off) => off()),
  };
}

export function createDisplayDevices(manager: DeviceManager, identity: TerminalIdentity): DisplayDevices {
  return healthApi(manager, identity);
}

export function createRoleDevices<R extends TerminalRole>(
  role: R,
  manager: DeviceManager,
  identity: TerminalIdentity,
  options: RoleDevicesOptions = {},
): RoleDevices[R] {
  const api =
    role === 'kiosk'
      ? createKioskDevices(manager, identity, options)
      : role === 'counter'
        ? createCounterDevices(manager, identity, options)
        : createDisplayDevices(manager, identity);
  return api as RoleDevices[R];
}
