/**
 * The device contract: what a terminal's renderer may ask of the devices attached to its machine,
 * and what those devices tell it. Declared once here; served by the Electron preload (one typed
 * API per role) and, in browser mode, by the Node device host over a loopback WebSocket using the
 * envelope at the end of this file. The renderer's device client uses whichever bridge exists.
 *
 * Pure types and constants: no I/O, no imports beyond the language and common.
 * Contract rules:
 * - Every call resolves with a result object; device faults are results (`ok: false` with a
 *   stable code), never thrown, so a screen always knows what to show.
 * - A print resolves `ok: true` only after the printer confirmed the job (status read back);
 *   the kiosk hands out an e-ticket otherwise.
 * - Personal data (card reads) crosses the bridge only as the answer to the call that asked
 *   for it; it is never part of an event, a health report or a log.
 */
import type { TicketQr } from './ticket-link.ts';
import type { PriorityClass, RatingLevel } from './domain.ts';

export const DEVICE_KINDS = ['printer', 'keypad', 'scanner', 'cardReader', 'documentScanner'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** ready: usable. degraded: usable with a warning (paper near end). fault: attached but unusable. absent: not connected. */
export const DEVICE_STATES = ['ready', 'degraded', 'fault', 'absent'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** Stable fault codes; screens map them to Vietnamese messages, logs print them as they are. */
export const DEVICE_FAULTS = [
  'paper_near_end',
  'paper_out',
  'cover_open',
  'offline',
  'disconnected',
  'timeout',
  'busy',
  'protocol_error',
  'card_removed',
  'card_unsupported',
  'access_denied',
  'wrong_can',
  'unreadable',
  'unavailable',
] as const;
export type DeviceFault = (typeof DEVICE_FAULTS)[number];

/** One device's health, as the manager reports it to the terminal and the hall server. */
export interface DeviceHealth {
  readonly kind: DeviceKind;
  /** The configured id of the device on this terminal, e.g. "printer". */
  readonly id: string;
  readonly state: DeviceState;
  /** Present when state is degraded or fault. */
  readonly fault: DeviceFault | null;
  /** Short English detail for logs and the dashboard; never personal data. */
  readonly detail: string | null;
  /** UTC epoch milliseconds of the last change. */
  readonly since: number;
}

export type DeviceResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly fault: DeviceFault; readonly detail: string | null };

// ── Ticket printer ──────────────────────────────────────────────────────────────────────────

/** What a queue ticket shows. The layout (devices/printer) is a pure function of this. */
export interface TicketPrintJob {
  readonly hallName: string;
  readonly serviceName: string;
  /** Display number, e.g. "A015". */
  readonly number: string;
  readonly priority: PriorityClass;
  /** The priority is the citizen's declaration, for the officer to confirm (core/priority.ts); absent = not declared. */
  readonly priorityDeclared?: boolean;
  readonly peopleAhead: number;
  /** Estimated wait in whole minutes; null when unknown. */
  readonly estimatedWaitMin: number | null;
  /** UTC epoch milliseconds; printed dd/mm/yyyy HH:mm in the hall time zone. */
  readonly issuedAt: number;
  readonly timeZone: string;
  /**
   * The ticket's QR (common/ticket-link.ts): its public page under the hall's publicBaseUrl, or,
   * without one, only the ticket code; the ticket says which.
   */
  readonly qr: TicketQr;
  readonly footer: string | null;
  /**
   * The receipt (biên nhận hồ sơ) of a dossier submitted at the kiosk, printed on the same slip
   * with a QR of its code for the counter to scan; absent on a plain ticket.
   * code: `<agency code>-YYMMDD-NNNN`; papers: how many papers were handed in (thành phần hồ sơ);
   * submittedAt: UTC epoch milliseconds, printed dd/mm/yyyy HH:mm in timeZone.
   */
  readonly dossier?: { readonly code: string; readonly procedure: string; readonly papers: number; readonly submittedAt: number };
  /** The hall's logo (getHallLogo's PNG, base64), printed at the top in black and white; absent for none. */
  readonly logoPng?: string;
}

export interface PrinterStatus {
  readonly online: boolean;
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
  readonly coverOpen: boolean;
}

// ── Rating keypad ───────────────────────────────────────────────────────────────────────────

/** A key press of the rating keypad within the window: the device side sends it to the hall. */
export interface RatingPress {
  readonly level: RatingLevel;
  /** UTC epoch milliseconds of the key press. */
  readonly at: number;
}

/**
 * What the counter's page learns of a keypad rating: that the citizen pressed a key, never which
 * one (the officer can neither see nor enter a rating, PRODUCT "Counter and rating").
 */
export interface RatingKeyPress {
  /** UTC epoch milliseconds of the key press. */
  readonly at: number;
}

// ── 2D scanners ─────────────────────────────────────────────────────────────────────────────

export const SCAN_KINDS = ['cccd_qr', 'appointment_qr', 'dossier_code', 'ticket_qr', 'unknown'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

/** A decoded 2D code. The raw text of a CCCD QR is personal data: delivered only to the active screen. */
export interface ScanResult {
  readonly kind: ScanKind;
  readonly text: string;
  readonly at: number;
}

// ── CCCD card reader ────────────────────────────────────────────────────────────────────────

export const CARD_DATA_GROUPS = [1, 2, 13] as const;
export type CardDataGroup = (typeof CARD_DATA_GROUPS)[number];

/**
 * How the chip is opened: PACE with the CAN printed on the front, or BAC with the MRZ key
 * (document number, birth date and expiry as YYMMDD) typed in or, as `scanned-mrz`, the key the
 * device side read from a photo of the card's back (scanCardBack). The scanned key never crosses
 * the bridge: the page only says "use the key you scanned".
 */
export type CardAccessKey =
  | { readonly kind: 'can'; readonly can: string }
  | { readonly kind: 'mrz'; readonly documentNumber: string; readonly dateOfBirth: string; readonly dateOfExpiry: string }
  | { readonly kind: 'scanned-mrz' };

/**
 * What a card is read for, and so what of it leaves the card reader (NĐ 13/2023: no more than the
 * purpose needs): `identify` (a queue ticket and its priority) keeps the ID number, the full name
 * and the date of birth, the fields the identify notice names, with the chip's SOD and DG1 for the
 * hall's own check; every other field is dropped at the reader. `dossier` keeps what a declaration
 * is prefilled from (never ethnicity or religion). Absent: `identify`, the least.
 */
export type CardReadPurpose = 'identify' | 'dossier';

export interface CardReadRequest {
  readonly key: CardAccessKey;
  readonly dataGroups: readonly CardDataGroup[];
  readonly purpose?: CardReadPurpose;
}

/** verified: hashes and chain valid; chain_untrusted: hashes valid, no trusted CSCA; failed: a hash or signature is wrong; unauthenticated: QR or OCR source. */
export const AUTHENTICITY = ['verified', 'chain_untrusted', 'failed', 'unauthenticated'] as const;
export type Authenticity = (typeof AUTHENTICITY)[number];

/** Identity as the kiosk uses it. Dates are dd/mm/yyyy as printed on the card. */
export interface CardIdentity {
  readonly idNumber: string;
  readonly fullName: string;
  readonly dateOfBirth: string;
  readonly sex: 'Nam' | 'Nữ' | null;
  readonly nationality: string | null;
  readonly placeOfOrigin: string | null;
  readonly placeOfResidence: string | null;
  readonly dateOfIssue: string | null;
  readonly dateOfExpiry: string | null;
  readonly oldIdNumber: string | null;
  /** JPEG bytes of the face image (DG2), when asked for. */
  readonly photoJpeg: Uint8Array | null;
  readonly source: 'chip' | 'qr' | 'mrz';
  readonly authenticity: Authenticity;
  /**
   * The chip's EF.SOD and DG1 as read (base64), for the hall server to verify itself before it
   * grants the elderly priority (issueTicket `chip`); null when the identity did not come from a
   * chip, or DG1 was not read. DG13 is not among them: its ethnicity and religion stay in the
   * reader. Part of the session's personal data: wiped with it.
   */
  readonly chipFiles: { readonly sod: string; readonly dg1: string } | null;
}

/**
 * What scanCardBack tells the page: that the MRZ was read with every check digit right, and how
 * sure the OCR was; never the MRZ itself (it stays on the device side until endSession).
 */
export interface CardBackScan {
  /** OCR confusions the check digits repaired (0 when the OCR read it right). */
  readonly repairs: number;
  /** Tesseract's mean confidence over the image, 0–100. */
  readonly confidence: number;
}

/** Card presence on a reader; carries no personal data. */
export interface CardPresence {
  readonly present: boolean;
  readonly reader: string;
}

// ── Document scanner (SANE) ─────────────────────────────────────────────────────────────────

/** One paper (thành phần hồ sơ) to digitise: it becomes one PDF coded `<idNumber>.<docTypeCode>`. */
export interface DocumentScanRequest {
  /** Document-type code of the paper (mã loại giấy tờ). */
  readonly docTypeCode: string;
  /** 12-digit personal ID of the dossier's owner; the first part of the file code. */
  readonly idNumber: string;
  /** Pages the citizen confirmed the paper has; a scan that yields another count is refused. */
  readonly pages: number;
  /** 1-based page numbers carrying a sticky note: captured twice (with the note, then lifted). */
  readonly notedPages?: readonly number[];
  /** Resolution; default 200 (the floor for administrative papers), 300 by site configuration. */
  readonly dpi?: 200 | 300;
}

export type ScanPageWarning = 'blank_page' | 'skewed';

export interface ScannedPage {
  /** 1-based position in the PDF. */
  readonly index: number;
  /** The paper page it shows (a noted page appears twice). */
  readonly paperPage: number;
  readonly warnings: readonly ScanPageWarning[];
  /** Small PNG preview for the review screen, base64. */
  readonly previewPngBase64: string;
}

/** A digitised paper: one PDF with a text layer from Vietnamese OCR. */
export interface ScannedPaper {
  /** `<idNumber>.<docTypeCode>` (the digitised-document code). */
  readonly code: string;
  readonly docTypeCode: string;
  /** The PDF bytes, base64 (the device wire is JSON). */
  readonly pdfBase64: string;
  /** SHA-256 of the PDF bytes, lower-case hex. */
  readonly sha256: string;
  readonly dpi: number;
  readonly colour: boolean;
  readonly pages: readonly ScannedPage[];
  /** Mean OCR confidence 0–100 over the pages. */
  readonly ocrConfidence: number;
}

// ── Role APIs ───────────────────────────────────────────────────────────────────────────────

export type Unsubscribe = () => void;

/** Who this terminal is. The device token authenticates the renderer to the hall server. */
export interface TerminalInfo {
  readonly role: TerminalRole;
  /** The counter a counter terminal is bound to; null for other roles. */
  readonly counterId: string | null;
  /** null until the terminal is enrolled: the app then shows the pairing-code screen. */
  readonly deviceToken: string | null;
}

/** Every role: who am I, keep my token, and the health of my devices. */
export interface DeviceHealthApi {
  terminalInfo(): Promise<TerminalInfo>;
  /** Persists the token returned by pairDevice (main process or device host keeps it, never the page). */
  saveDeviceToken(token: string): Promise<void>;
  health(): Promise<readonly DeviceHealth[]>;
  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe;
}

export interface KioskDevices extends DeviceHealthApi {
  printTicket(job: TicketPrintJob): Promise<DeviceResult<null>>;
  printerStatus(): Promise<DeviceResult<PrinterStatus>>;
  onScan(listener: (scan: ScanResult) => void): Unsubscribe;
  onCardPresence(listener: (presence: CardPresence) => void): Unsubscribe;
  readCard(request: CardReadRequest): Promise<DeviceResult<CardIdentity>>;
  /**
   * "Chụp mặt sau thẻ": captures the card's back on the document scanner (or camera), reads its
   * MRZ by OCR on the device side and keeps the MRZ key for the next readCard with key
   * `scanned-mrz` (BAC). Faults: `unreadable` (no MRZ with right check digits in the image, scan
   * again), the scanner's own faults, `unavailable` (no scanner). A new scan replaces the key.
   */
  scanCardBack(): Promise<DeviceResult<CardBackScan>>;
  /** Scans one paper through the document scanner (SANE) into a PDF with an OCR text layer. */
  scanDocument(request: DocumentScanRequest): Promise<DeviceResult<ScannedPaper>>;
  /** Ends the citizen's session on the device side: card buffers, the scanned MRZ key and pending scans are wiped. */
  endSession(): Promise<void>;
}

export interface CounterDevices extends DeviceHealthApi {
  /** Lights the keypad (where it can) and delivers the next press within the window. */
  openRatingWindow(seconds: number): Promise<DeviceResult<null>>;
  closeRatingWindow(): Promise<void>;
  onRating(listener: (press: RatingKeyPress) => void): Unsubscribe;
  onScan(listener: (scan: ScanResult) => void): Unsubscribe;
  /** Scans one paper through the counter's document scanner, when it has one. */
  scanDocument(request: DocumentScanRequest): Promise<DeviceResult<ScannedPaper>>;
}

export type DisplayDevices = DeviceHealthApi;

export interface RoleDevices {
  readonly kiosk: KioskDevices;
  readonly counter: CounterDevices;
  readonly display: DisplayDevices;
}
export type TerminalRole = keyof RoleDevices;

// ── Wire envelope (device host over a loopback WebSocket; also the IPC channel payloads) ────

export const DEVICE_PROTOCOL_VERSION = 1;

/** The preload exposes the role's API on `window[BRIDGE_GLOBAL]` (contextBridge.exposeInMainWorld). */
export const BRIDGE_GLOBAL = 'hallBridge';
/**
 * Browser mode: the page URL carries the device host's address in this query parameter,
 * e.g. `/kiosk/?deviceHost=ws://127.0.0.1:7410/devices`; the host listens on loopback only.
 */
export const DEVICE_HOST_QUERY_PARAM = 'deviceHost';

/** Methods a role may call: the non-listener members of its API. */
export type DeviceMethod<R extends TerminalRole> = {
  [K in keyof RoleDevices[R]]: K extends `on${string}` ? never : K;
}[keyof RoleDevices[R]];

export type DeviceHostMessage =
  | { readonly type: 'hello'; readonly version: number; readonly role: TerminalRole }
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly args: readonly unknown[] };

export type DeviceHostReply =
  | { readonly type: 'welcome'; readonly version: number; readonly role: TerminalRole }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number | null; readonly message: string }
  | { readonly type: 'event'; readonly name: 'health' | 'scan' | 'cardPresence' | 'rating'; readonly payload: unknown };
