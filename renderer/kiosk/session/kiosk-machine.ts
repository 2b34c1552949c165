/**
 * The kiosk citizen's session as an explicit transition table: screens (states), events, guards.
 * Pure: `step(data, event)` gives the next session data, `end` (the session is over: the host
 * starts a new session from INITIAL, so nothing of this one survives), or `ignored` (the event
 * has no transition from this screen, or its guard refused it).
 *
 * Everything personal (identity, chosen procedure, issued ticket) lives in SessionData only;
 * screen-local input (the CAN digits, a search text) lives in the screen's component and goes
 * with it. An exit never clears fields one by one: the session is replaced whole.
 */
import type { CardIdentity, CardReadPurpose } from '../../../electron/common/device-contract.ts';
import type { Consent, PrivacyNotice } from '../../../electron/common/privacy-notice.ts';
import type { PriorityClass } from '../../../electron/common/domain.ts';
import type { IssueTicketResponse } from '../../shared/api/types.ts';
import type { ProcedureView } from '../../shared/api/types.ts';

export const SCREENS = [
  'home',
  'help',
  'identify',
  'consent',
  'card',
  'card-back',
  'scan',
  'field',
  'search',
  'procedure',
  'priority',
  'issuing',
  'ticket',
  'dossier',
  'status',
  'appointment',
] as const;
export type Screen = (typeof SCREENS)[number];

export const PRIORITY_CHOICES: readonly PriorityClass[] = ['normal', 'elderly', 'pregnant', 'disabled'];

export interface SessionData {
  readonly screen: Screen;
  /** Where "Quay lại" goes from help, consent, card, scan, priority (the screen that opened them); card-back goes back to card. */
  readonly returnTo: Screen;
  readonly identity: CardIdentity | null;
  readonly identifyBy: 'card' | 'qr' | null;
  /** The citizen's consent to the identify notice (NĐ 13/2023): nothing is read from a card without it, and the ticket's request carries it. */
  readonly identifyConsent: Consent | null;
  /**
   * What the card was read for: `ticket` (the quick path: the ID number, name and birth date the
   * identify notice names) or `dossier` (the declaration's data, under the dossier notice). A
   * dossier asked for after a read for a ticket (chip or QR) reads the card again.
   */
  readonly identifiedFor: 'ticket' | 'dossier' | null;
  readonly fieldId: string | null;
  /** The procedure chosen for guidance or the dossier; null on the quick path. */
  readonly procedure: ProcedureView | null;
  /** The queue the ticket goes to (the field's or the procedure's). */
  readonly serviceId: string | null;
  readonly priority: PriorityClass;
  /** Proxy mode: dossiers a representative brings on this ticket (1..policy.maxDossiersPerTicket). */
  readonly dossierCount: number;
  readonly issued: IssueTicketResponse | null;
  /** null while the printer has not answered; then whether the ticket came out on paper. */
  readonly printed: boolean | null;
  /** The hall server did not answer the issue request: the kiosk says so and keeps retrying. */
  readonly offline: boolean;
  /** The dossier was asked for before identification: it opens once the citizen is identified. */
  readonly dossierAfterIdentify: boolean;
  /** The citizen's consent to the dossier notice this session (asked once); the draft carries it. */
  readonly dossierConsent: Consent | null;
  /** A receipt or appointment code scanned on the start screen, for the screen it opens. */
  readonly scanned: { readonly code: string } | null;
  /** The error code of the last failed action on this screen (shown in the citizen's language). */
  readonly error: string | null;
}

export const INITIAL: SessionData = Object.freeze({
  screen: 'home',
  returnTo: 'home',
  identity: null,
  identifyBy: null,
  identifyConsent: null,
  identifiedFor: null,
  fieldId: null,
  procedure: null,
  serviceId: null,
  priority: 'normal',
  dossierCount: 1,
  issued: null,
  printed: null,
  offline: false,
  dossierAfterIdentify: false,
  dossierConsent: null,
  scanned: null,
  error: null,
});

export type KioskEvent =
  | { readonly type: 'identify'; readonly by: 'card' | 'qr' }
  | { readonly type: 'agree'; readonly consent: Consent }
  | { readonly type: 'use-card-back' }
  | { readonly type: 'decline' }
  | { readonly type: 'identified'; readonly identity: CardIdentity; readonly elderly: boolean }
  | { readonly type: 'choose-field'; readonly fieldId: string; readonly serviceId: string | null }
  | { readonly type: 'search' }
  | { readonly type: 'choose-procedure'; readonly procedure: ProcedureView }
  | { readonly type: 'ask-priority' }
  | { readonly type: 'set-priority'; readonly priority: PriorityClass }
  | { readonly type: 'set-dossier-count'; readonly count: number; readonly max: number }
  | { readonly type: 'take-number'; readonly serviceId?: string }
  | { readonly type: 'issue-offline' }
  | { readonly type: 'issued'; readonly response: IssueTicketResponse }
  | { readonly type: 'issue-failed'; readonly code: string }
  | { readonly type: 'printed'; readonly ok: boolean }
  | { readonly type: 'start-dossier' }
  | { readonly type: 'dossier-consent'; readonly consent: Consent }
  | { readonly type: 'dossier-exit' }
  | { readonly type: 'open-status' }
  | { readonly type: 'open-appointment' }
  | { readonly type: 'scanned-status'; readonly code: string }
  | { readonly type: 'scanned-appointment'; readonly code: string }
  | { readonly type: 'open-help' }
  | { readonly type: 'back' }
  | { readonly type: 'done' }
  | { readonly type: 'idle-timeout' };

export type EventType = KioskEvent['type'];
type EventOf<T extends EventType> = Extract<KioskEvent, { type: T }>;

/** One row of the table: where the event leads (a screen or the end of the session), when, and what it records. */
export interface Transition<T extends EventType = EventType> {
  readonly to: Screen | 'end' | ((data: SessionData, event: EventOf<T>) => Screen | 'end');
  readonly guard?: (data: SessionData, event: EventOf<T>) => boolean;
  readonly update?: (data: SessionData, event: EventOf<T>) => Partial<SessionData>;
}

type Row = { readonly [T in EventType]?: Transition<T> };

const identified: Transition<'identified'> = {
  to: (d) => (d.dossierAfterIdentify && d.procedure !== null ? 'dossier' : 'home'),
  // Nothing read from a card is taken without the consent to the notice of its purpose.
  guard: (d) => consentFor(d) !== null,
  update: (d, e) => ({
    identity: e.identity,
    priority: e.elderly ? 'elderly' : 'normal',
    identifiedFor: d.dossierAfterIdentify ? 'dossier' : 'ticket',
    dossierAfterIdentify: false,
  }),
};
const identify: Transition<'identify'> = { to: 'consent', update: (d, e) => ({ identifyBy: e.by, returnTo: d.screen }) };
const chooseProcedure: Transition<'choose-procedure'> = { to: 'procedure', update: (_d, e) => ({ procedure: e.procedure, serviceId: e.procedure.serviceId }) };
const toReturn = { to: (d: SessionData) => d.returnTo } as const;
const scannedStatus: Transition<'scanned-status'> = { to: 'status', update: (_d, e) => ({ scanned: { code: e.code } }) };
const scannedAppointment: Transition<'scanned-appointment'> = { to: 'appointment', update: (_d, e) => ({ scanned: { code: e.code } }) };
const issued: Transition<'issued'> = { to: 'ticket', update: (_d, e) => ({ issued: e.response, printed: null, offline: false }) };

/** The notice the consent screen shows: the dossier's when the card is read for a dossier, else the identify one. */
export function consentNoticeFor(d: SessionData): PrivacyNotice {
  return d.dossierAfterIdentify ? 'dossier' : 'identify';
}

function consentFor(d: SessionData): Consent | null {
  return consentNoticeFor(d) === 'dossier' ? d.dossierConsent : d.identifyConsent;
}

/**
 * What a card read is for, so the reader hands over no more (device-contract.ts CardReadPurpose):
 * the identify notice's fields for a ticket, the declaration's data for a dossier.
 */
export function cardReadPurposeFor(d: SessionData): CardReadPurpose {
  return consentNoticeFor(d);
}

/** Whether the identity holds what a dossier's declaration needs: a card (chip or QR) read for a dossier. */
function hasDossierData(d: SessionData): boolean {
  return d.identity !== null && d.identifiedFor === 'dossier';
}

export const TRANSITIONS: { readonly [S in Screen]: Row } = {
  home: {
    identify,
    'choose-field': { to: 'field', update: (_d, e) => ({ fieldId: e.fieldId, serviceId: e.serviceId, procedure: null }) },
    search: { to: 'search', update: () => ({ fieldId: null, procedure: null }) },
    'open-status': { to: 'status', update: () => ({ scanned: null }) },
    'open-appointment': { to: 'appointment', update: () => ({ scanned: null }) },
    'scanned-status': scannedStatus,
    'scanned-appointment': scannedAppointment,
    // An identified citizen ends the session from the start screen; an anonymous one has nothing to end.
    back: { to: 'end', guard: (d) => d.identity !== null },
  },
  help: { back: toReturn },
  identify: { identify, back: { to: 'procedure', update: () => ({ dossierAfterIdentify: false }) } },
  consent: {
    agree: {
      to: (d) => (d.identifyBy === 'card' ? 'card' : 'scan'),
      guard: (d, e) => e.consent.notice === consentNoticeFor(d),
      update: (_d, e) => (e.consent.notice === 'dossier' ? { dossierConsent: e.consent } : { identifyConsent: e.consent }),
    },
    decline: toReturn,
    back: toReturn,
  },
  // The CAN failed or the citizen prefers the photo of the card's back (MRZ → BAC); its key stays
  // on the device side and is wiped with the session (endSession), like the chip's data.
  card: { identified, 'use-card-back': { to: 'card-back' }, back: toReturn },
  'card-back': { identified, back: { to: 'card' } },
  scan: { identified, back: toReturn },
  field: {
    'choose-procedure': chooseProcedure,
    'take-number': {
      to: 'issuing',
      guard: (d, e) => (e.serviceId ?? d.serviceId) !== null,
      update: (d, e) => ({ serviceId: e.serviceId ?? d.serviceId, returnTo: 'field' }),
    },
    // With one queue the priority step takes the number; with several it goes back here, where the
    // citizen picks the queue and the number carries the priority.
    'ask-priority': { to: 'priority', update: () => ({ returnTo: 'field' }) },
    back: { to: 'home', update: () => ({ fieldId: null, serviceId: null }) },
  },
  search: { 'choose-procedure': chooseProcedure, back: { to: 'home' } },
  procedure: {
    'ask-priority': { to: 'priority', update: () => ({ returnTo: 'procedure' }) },
    'start-dossier': { to: (d) => (hasDossierData(d) ? 'dossier' : 'identify'), update: (d) => ({ dossierAfterIdentify: !hasDossierData(d) }) },
    back: { to: (d) => (d.fieldId !== null ? 'field' : 'search'), update: () => ({ procedure: null }) },
  },
  priority: {
    'set-priority': { to: 'priority', guard: (_d, e) => PRIORITY_CHOICES.includes(e.priority), update: (_d, e) => ({ priority: e.priority }) },
    'set-dossier-count': {
      to: 'priority',
      guard: (_d, e) => Number.isInteger(e.count) && e.count >= 1 && e.count <= e.max,
      update: (_d, e) => ({ dossierCount: e.count }),
    },
    'take-number': { to: 'issuing', guard: (d) => d.serviceId !== null, update: () => ({ returnTo: 'priority' }) },
    back: toReturn,
  },
  issuing: {
    'issue-offline': { to: 'issuing', update: () => ({ offline: true }) },
    issued,
    'issue-failed': { to: (d) => d.returnTo, update: (_d, e) => ({ error: e.code, offline: false }) },
  },
  ticket: { printed: { to: 'ticket', update: (_d, e) => ({ printed: e.ok }) }, done: { to: 'end' } },
  dossier: {
    'dossier-consent': { to: 'dossier', guard: (_d, e) => e.consent.notice === 'dossier', update: (_d, e) => ({ dossierConsent: e.consent }) },
    'dossier-exit': { to: 'procedure' },
    done: { to: 'end' },
  },
  // A code scanned while the lookup or the check-in is open goes to that screen (its lookup/checkIn).
  status: { back: { to: 'end' } },
  appointment: { issued, back: { to: 'end' } },
};

/**
 * Events every screen accepts. Help is one tap away everywhere except while a ticket is being
 * issued (the answer is on its way) and on the help screen itself; the idle timeout ends every
 * session that holds anything (the untouched start screen has nothing to wipe).
 */
export const ANYWHERE: Row = {
  'open-help': { to: 'help', guard: (d) => d.screen !== 'help' && d.screen !== 'issuing', update: (d) => ({ returnTo: d.screen }) },
  'idle-timeout': { to: 'end', guard: (d) => !isPristine(d) },
};

/**
 * Events the kiosk raises by itself (the hall's and the printer's answers, the timeout); every
 * other event comes from the citizen (a tap, a card, a scan) and counts as activity, so a tap
 * that reaches the kiosk without a pointer event (assistive technology) still holds the session.
 */
const KIOSK_EVENTS: ReadonlySet<EventType> = new Set<EventType>(['issue-offline', 'issued', 'issue-failed', 'printed', 'idle-timeout']);

export function isCitizenEvent(type: EventType): boolean {
  return !KIOSK_EVENTS.has(type);
}

/**
 * The untouched start screen: nothing to wipe, no idle timeout. Every field but where "Quay lại"
 * goes is as a new session has it: a citizen who chose a priority, agreed to a notice or scanned
 * the card's back and came back to the start leaves a session that times out and is wiped (the
 * device side's scanned MRZ key with it), never one the next citizen inherits.
 */
export function isPristine(d: SessionData): boolean {
  return (Object.keys(INITIAL) as (keyof SessionData)[]).every((k) => k === 'returnTo' || d[k] === INITIAL[k]);
}

export type StepResult =
  | { readonly kind: 'next'; readonly data: SessionData }
  | { readonly kind: 'end'; readonly reason: EventType }
  | { readonly kind: 'ignored' };

export function transitionOf(screen: Screen, type: EventType): Transition | undefined {
  return (TRANSITIONS[screen][type] ?? ANYWHERE[type]) as Transition | undefined;
}

export function step(data: SessionData, event: KioskEvent): StepResult {
  const t = transitionOf(data.screen, event.type) as Transition<typeof event.type> | undefined;
  if (t === undefined) return { kind: 'ignored' };
  const e = event as never;
  if (t.guard && !t.guard(data, e)) return { kind: 'ignored' };
  const to = typeof t.to === 'function' ? t.to(data, e) : t.to;
  if (to === 'end') return { kind: 'end', reason: event.type };
  const changes = t.update?.(data, e) ?? {};
  // A new screen starts without the previous screen's error; a screen's own update may set one.
  return { kind: 'next', data: { ...data, error: null, ...changes, screen: to } };
}
