/**
 * What the terminal needs from the device manager (devices/manager), declared here so the main
 * process is written and tested against it; the composition root binds it to the real manager.
 * The manager is built from the terminal config's device list and owns transports, drivers,
 * reconnects and health. Faults are results, never throws (device-contract.ts).
 */
import type {
  CardBackScan,
  CardPresence,
  CardReadRequest,
  CardIdentity,
  DeviceHealth,
  DeviceKind,
  DeviceResult,
  DocumentScanRequest,
  PrinterStatus,
  RatingPress,
  ScannedPaper,
  ScanResult,
  TicketPrintJob,
  Unsubscribe,
} from '../common/device-contract.ts';

/** One configured device, as the manager takes it. */
export interface DeviceSpec {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly uri: string;
  readonly profile?: string;
}

export interface DeviceEvents {
  health: DeviceHealth;
  scan: ScanResult;
  cardPresence: CardPresence;
  rating: RatingPress;
}

export interface DeviceManagerPort {
  health(): Promise<readonly DeviceHealth[]>;
  printTicket(job: TicketPrintJob): Promise<DeviceResult<null>>;
  printerStatus(): Promise<DeviceResult<PrinterStatus>>;
  readCard(request: CardReadRequest): Promise<DeviceResult<CardIdentity>>;
  scanCardBack(): Promise<DeviceResult<CardBackScan>>;
  scanDocument(request: DocumentScanRequest): Promise<DeviceResult<ScannedPaper>>;
  endSession(): Promise<void>;
  openRatingWindow(seconds: number): Promise<DeviceResult<null>>;
  closeRatingWindow(): Promise<void>;
  on<E extends keyof DeviceEvents>(event: E, listener: (payload: DeviceEvents[E]) => void): Unsubscribe;
  /** Closes every transport; the app calls it before quitting. */
  close(): Promise<void>;
}

export type DeviceManagerFactory = (devices: readonly DeviceSpec[]) => DeviceManagerPort;
