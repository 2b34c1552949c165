/**
 * Domain events: the facts the queue engine decides and the event log records.
 * Each state change is one or more of these, persisted in one transaction and then
 * broadcast on the stream with the log's sequence number.
 */
import type { PriorityClass, RatingLevel, ServiceOutcome, Ticket } from './domain.ts';
import type { Consent, PrivacyNotice } from './privacy-notice.ts';

/** The device and staff member whose request caused an event (none for the server's own steps). */
export interface EventActor {
  readonly deviceId: string | null;
  readonly staffId: string | null;
}

interface EventBase<T extends string, D> {
  readonly type: T;
  readonly at: number;
  readonly ticketId: string | null;
  readonly counterId: string | null;
  /** `actor` is stamped by the hall service on every event a request caused. */
  readonly data: D & { readonly actor?: EventActor };
}

export type TicketIssued = EventBase<'ticket.issued', { readonly ticket: Ticket }>;
export type TicketCalled = EventBase<
  'ticket.called',
  {
    readonly number: string;
    readonly serviceId: string;
    readonly priority: PriorityClass;
    readonly officerId: string | null;
    readonly callCount: number;
    /** 'next' for call-next, 'specific' for a ticket chosen by the officer. */
    readonly how: 'next' | 'specific';
  }
>;
export type TicketRecalled = EventBase<'ticket.recalled', { readonly number: string; readonly callCount: number }>;
export type ServiceStarted = EventBase<'service.started', { readonly number: string; readonly officerId: string | null }>;
export type ServiceFinished = EventBase<
  'service.finished',
  {
    readonly number: string;
    readonly outcome: ServiceOutcome;
    readonly officerId: string | null;
    readonly serviceId: string;
    readonly serviceMs: number;
    /** The procedure the officer handled, when named at the finish (absent in older logs): the ticket's from then on. */
    readonly procedureId?: string;
  }
>;
/** A citizen rated a finished service at the counter's rating device (within the rating window). */
export type TicketRated = EventBase<
  'ticket.rated',
  {
    readonly number: string;
    readonly counterId: string;
    readonly level: RatingLevel;
    readonly reason: string | null;
    /** When the key was pressed, for a rating that reached the hall later (at is its arrival). */
    readonly pressedAt?: number;
  }
>;
/**
 * The serving officer confirmed or cleared a declared priority (pregnant, disabled, elderly without a
 * verified chip). `priority` is the class the citizen declared; a cleared ticket is normal from then on.
 */
export type TicketPriorityReviewed = EventBase<
  'ticket.priority_reviewed',
  {
    readonly number: string;
    readonly priority: PriorityClass;
    readonly decision: 'confirmed' | 'cleared';
    readonly staffId: string | null;
  }
>;
export type TicketNoShow = EventBase<'ticket.no_show', { readonly number: string }>;
export type TicketHeld = EventBase<'ticket.held', { readonly number: string }>;
export type TicketReturned = EventBase<
  'ticket.returned',
  { readonly number: string; readonly position: 'first' | 'last'; readonly queuedAt: number; readonly heldAtCounterId?: string | null }
>;
export type TicketTransferred = EventBase<
  'ticket.transferred',
  {
    readonly number: string;
    readonly fromServiceId: string;
    readonly toServiceId: string;
    readonly toCounterId: string | null;
  }
>;
export type TicketCancelled = EventBase<'ticket.cancelled', { readonly number: string; readonly reason: string | null; readonly staffId?: string | null }>;
export type TicketClosedEndOfDay = EventBase<'ticket.end_of_day', { readonly number: string; readonly businessDate: string }>;
export type CounterOpened = EventBase<'counter.opened', { readonly officerId: string | null }>;
export type CounterPaused = EventBase<'counter.paused', { readonly reason: string }>;
export type CounterResumed = EventBase<'counter.resumed', Record<string, never>>;
export type CounterClosed = EventBase<'counter.closed', Record<string, never>>;
/** History imported from another queue system: written to the tickets table, recorded here once. */
export type HistoryImported = EventBase<
  'history.imported',
  {
    readonly importId: string;
    /** SHA-256 of the imported file's bytes. */
    readonly fileSha256: string;
    readonly rows: number;
    readonly skippedRows: number;
    readonly firstBusinessDate: string | null;
    readonly lastBusinessDate: string | null;
  }
>;
export type DayClosed = EventBase<'day.closed', { readonly businessDate: string; readonly closedTickets: number }>;

/**
 * A dossier's steps after its draft, recorded in the log in the transaction that changes its row;
 * ticketId is the dossier's queue ticket. They carry identifiers only, never personal data, and
 * leave the queue state as it is. `code` is the dossier's code (null only for a purged draft).
 */
export type DossierSubmitted = EventBase<
  'dossier.submitted',
  {
    readonly dossierId: string;
    readonly code: string;
    readonly procedureId: string;
    readonly channel: string;
  }
>;
export type DossierReceived = EventBase<
  'dossier.received',
  {
    readonly dossierId: string;
    readonly code: string | null;
    readonly staffId: string | null;
    /** Mẫu 01's number in the year's register and the due date of the result (absent in older logs). */
    readonly receiptNo?: string;
    readonly dueDate?: string | null;
  }
>;
/** The provincial one-stop system acknowledged its copy (first delivery only). */
export type DossierSynced = EventBase<'dossier.synced', { readonly dossierId: string; readonly code: string | null }>;
/** The retention period ended: personal data and papers were deleted. */
export type DossierPurged = EventBase<'dossier.purged', { readonly dossierId: string; readonly code: string | null }>;
/**
 * The officer's reception outcome other than receiving (TT 01/2018 Mẫu 02 and 03): the papers to
 * supplement, or the refusal. `receiptNo` is the form's number in the year's register.
 */
export type DossierSupplementRequested = EventBase<
  'dossier.supplement_requested',
  {
    readonly dossierId: string;
    readonly code: string | null;
    readonly staffId: string | null;
    readonly receiptNo: string;
  }
>;
export type DossierRefused = EventBase<
  'dossier.refused',
  {
    readonly dossierId: string;
    readonly code: string | null;
    readonly staffId: string | null;
    readonly receiptNo: string;
  }
>;
/** Personal data was read by staff: a dossier opened, or one of its papers downloaded (never its content). */
export type DossierViewed = EventBase<'dossier.viewed', { readonly dossierId: string; readonly code: string | null; readonly staffId: string | null }>;
export type PaperDownloaded = EventBase<
  'dossier.paper_downloaded',
  { readonly dossierId: string; readonly code: string | null; readonly paperId: string; readonly docTypeCode: string; readonly staffId: string | null }
>;
export type DossierEvent =
  | DossierSubmitted
  | DossierReceived
  | DossierSynced
  | DossierPurged
  | DossierSupplementRequested
  | DossierRefused
  | DossierViewed
  | PaperDownloaded;

/**
 * Supervision: an alert on what really happens on the floor was raised (wait, service or pause over
 * its limit, a device in fault), and a supervisor acknowledged an alert. Identifiers and figures
 * only; the queue state does not change.
 */
export type AlertRaised = EventBase<'alert.raised', { readonly alertId: string; readonly kind: string; readonly value: number; readonly target: number }>;
export type AlertAcknowledged = EventBase<'alert.acknowledged', { readonly alertId: string; readonly kind: string; readonly staffId: string }>;

/**
 * Administration on the dashboard (adminRoutes): a device enrolled (awaiting pairing) or revoked
 * (its token refused, its streams closed), a staff account created, disabled or enabled, a PIN
 * reset. Identifiers (and roles) only, never a pairing code or a PIN; the acting supervisor and
 * their device are `data.actor`. The same commands run from the CLI write no event (they run
 * beside the server, not through it); the CLI's output is their record.
 */
export type DeviceEnrolled = EventBase<'device.enrolled', { readonly deviceId: string; readonly role: string }>;
export type DeviceRevoked = EventBase<'device.revoked', { readonly deviceId: string; readonly role: string }>;
export type StaffCreated = EventBase<'staff.created', { readonly staffId: string; readonly role: string }>;
export type StaffDisabled = EventBase<'staff.disabled', { readonly staffId: string }>;
export type StaffEnabled = EventBase<'staff.enabled', { readonly staffId: string }>;
export type StaffPinReset = EventBase<'staff.pin_reset', { readonly staffId: string }>;
export type AdminEvent = DeviceEnrolled | DeviceRevoked | StaffCreated | StaffDisabled | StaffEnabled | StaffPinReset;

/**
 * A citizen agreed to a personal-data notice (NĐ 13/2023; common/privacy-notice.ts) before anything
 * was read: with the ticket it was given for (`identify`), or with a dossier's draft (`dossier`,
 * ticketId null until the dossier is submitted). The notice's version, not the person.
 */
export type ConsentGiven = EventBase<
  'consent.given',
  {
    readonly notice: PrivacyNotice;
    readonly version: string;
    readonly language: 'vi' | 'en';
    /** When the citizen agreed, by the terminal's clock; `at` is when the hall recorded it. */
    readonly givenAt: number;
    readonly dossierId: string | null;
  }
>;

export type DomainEvent =
  | TicketIssued
  | TicketCalled
  | TicketRecalled
  | ServiceStarted
  | ServiceFinished
  | TicketRated
  | TicketPriorityReviewed
  | TicketNoShow
  | TicketHeld
  | TicketReturned
  | TicketTransferred
  | TicketCancelled
  | TicketClosedEndOfDay
  | CounterOpened
  | CounterPaused
  | CounterResumed
  | CounterClosed
  | DayClosed
  | HistoryImported
  | DossierEvent
  | AlertRaised
  | AlertAcknowledged
  | AdminEvent
  | ConsentGiven;

export type DomainEventType = DomainEvent['type'];

/** An event as stored in the append-only log: numbered and hash-chained. */
export type StoredEvent = DomainEvent & {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
};

/** The consent.given event of a consent, for a ticket or a dossier's draft. */
export function consentGiven(consent: Consent, at: number, bound: { readonly ticketId: string | null; readonly dossierId: string | null }): ConsentGiven {
  const { notice, version, language, givenAt } = consent;
  return { type: 'consent.given', at, ticketId: bound.ticketId, counterId: null, data: { notice, version, language, givenAt, dossierId: bound.dossierId } };
}
