/**
 * The engine's view of the hall: open tickets, counters, today's number sequences and
 * recent service times. `evolve` folds one event into a new state without mutating the old
 * one, so a command whose transaction fails leaves the live state untouched; the open tickets
 * are a PersistentMap so that this costs O(√n), not a copy of every open ticket.
 */
import { PRIORITY_GROUP, type CounterState, type Ticket } from '../common/domain.ts';
import type { DomainEvent } from '../common/events.ts';
import type { HallConfig } from '../common/hall-config.ts';
import { PersistentMap } from './persistent-map.ts';
import { EMPTY_QUEUE, queueOf, withoutTicket, withTicket, withTicketUpdated, type WaitingQueue } from './waiting-queue.ts';

export interface HallState {
  /** Business date the sequences and open tickets belong to; null before the first ticket. */
  readonly businessDate: string | null;
  /** Open tickets only (waiting, called, serving, held); persistent, so an update shares the rest. */
  readonly tickets: PersistentMap<string, Ticket>;
  /**
   * The waiting tickets of each service (the same objects as in `tickets`), with their tally per
   * call rank: what a wait estimate counts, without a scan of the open tickets on each issue.
   */
  readonly waiting: ReadonlyMap<string, WaitingQueue>;
  readonly counters: ReadonlyMap<string, CounterState>;
  /** Last sequence used per issuing service on `businessDate`. */
  readonly lastSeq: ReadonlyMap<string, number>;
  /** Tickets issued per service on `businessDate` (daily quota). */
  readonly issuedCount: ReadonlyMap<string, number>;
  /** Most recent service durations (ms) per service, newest last. */
  readonly recentServiceMs: ReadonlyMap<string, readonly number[]>;
  /** Per counter, the last finished ticket and when its rating window closes (core/rating.ts). */
  readonly ratingWindows: ReadonlyMap<string, RatingWindow>;
}

/** The window in which the citizen of a finished service may rate it; kept after rating (already rated). */
export interface RatingWindow {
  /** The finished ticket as it is stored (rating filled in once rated). */
  readonly ticket: Ticket;
  readonly closesAt: number;
}

export function initialState(config: HallConfig): HallState {
  const counters = new Map<string, CounterState>();
  for (const c of config.counters) {
    counters.set(c.id, { id: c.id, state: 'closed', officerId: null, pauseReason: null, currentTicketId: null, priorityStreak: 0, updatedAt: 0 });
  }
  return {
    businessDate: null,
    tickets: PersistentMap.empty(),
    waiting: new Map(),
    counters,
    lastSeq: new Map(),
    issuedCount: new Map(),
    recentServiceMs: new Map(),
    ratingWindows: new Map(),
  };
}

/** Result of folding an event: the new state and the final row of any ticket the event touched. */
export interface Evolution {
  readonly state: HallState;
  readonly ticket: Ticket | null;
  readonly counter: CounterState | null;
}

const isOpen = (t: Ticket): boolean => t.status === 'waiting' || t.status === 'called' || t.status === 'serving' || t.status === 'held';

export function evolve(config: HallConfig, state: HallState, event: DomainEvent): Evolution {
  switch (event.type) {
    case 'ticket.issued': {
      const t = withDefaults(event.data.ticket);
      const sameDay = state.businessDate === t.businessDate;
      const lastSeq = new Map(sameDay ? state.lastSeq : []);
      const issuedCount = new Map(sameDay ? state.issuedCount : []);
      lastSeq.set(t.issuedServiceId, Math.max(t.seq, lastSeq.get(t.issuedServiceId) ?? 0));
      issuedCount.set(t.issuedServiceId, (issuedCount.get(t.issuedServiceId) ?? 0) + 1);
      const tickets = state.tickets.set(t.id, t);
      const waiting = withWaiting(state.waiting, state.tickets.get(t.id), t);
      return { state: { ...state, businessDate: t.businessDate, tickets, waiting, lastSeq, issuedCount }, ticket: t, counter: null };
    }
    case 'day.closed': {
      const counters = new Map<string, CounterState>();
      for (const [id, c] of state.counters) counters.set(id, { ...c, currentTicketId: null, priorityStreak: 0, updatedAt: event.at });
      return { state: { ...state, counters }, ticket: null, counter: null };
    }
    case 'counter.opened':
    case 'counter.paused':
    case 'counter.resumed':
    case 'counter.closed': {
      const c = counterOf(state, event.counterId);
      const next: CounterState =
        event.type === 'counter.opened'
          ? { ...c, state: 'open', officerId: event.data.officerId, pauseReason: null, updatedAt: event.at }
          : event.type === 'counter.paused'
            ? { ...c, state: 'paused', pauseReason: event.data.reason, updatedAt: event.at }
            : event.type === 'counter.resumed'
              ? { ...c, state: 'open', pauseReason: null, updatedAt: event.at }
              : { ...c, state: 'closed', officerId: null, pauseReason: null, priorityStreak: 0, updatedAt: event.at };
      return { state: { ...state, counters: new Map(state.counters).set(next.id, next) }, ticket: null, counter: next };
    }
    case 'service.finished': {
      // The finish opens the counter's rating window (replacing the previous one).
      const step = evolveTicket(config, state, event);
      if (!step.ticket || event.counterId === null) return step;
      const window: RatingWindow = { ticket: step.ticket, closesAt: event.at + config.policy.ratingWindowSeconds * 1000 };
      return { ...step, state: { ...step.state, ratingWindows: new Map(step.state.ratingWindows).set(event.counterId, window) } };
    }
    case 'history.imported':
      // Imported history is closed tickets of past days: the live state does not change.
      return { state, ticket: null, counter: null };
    case 'dossier.submitted':
    case 'dossier.received':
    case 'dossier.synced':
    case 'dossier.purged':
    case 'dossier.supplement_requested':
    case 'dossier.refused':
    case 'dossier.viewed':
    case 'dossier.paper_downloaded':
      // A dossier's steps are recorded for the audit trail; its ticket moves by its own events.
      return { state, ticket: null, counter: null };
    case 'alert.raised':
    case 'alert.acknowledged':
      // Supervision is recorded for the audit trail; the queue does not change.
      return { state, ticket: null, counter: null };
    case 'consent.given':
      // A consent is recorded for the audit trail (NĐ 13/2023); the queue does not change.
      return { state, ticket: null, counter: null };
    case 'device.enrolled':
    case 'device.revoked':
    case 'staff.created':
    case 'staff.disabled':
    case 'staff.enabled':
    case 'staff.pin_reset':
      // Administration is recorded for the audit trail; the queue does not change.
      return { state, ticket: null, counter: null };
    case 'ticket.rated': {
      const counterId = event.data.counterId;
      const window = state.ratingWindows.get(counterId);
      if (!window || window.ticket.id !== event.ticketId) throw new Error(`ticket.rated names a ticket without a rating window: ${String(event.ticketId)}`);
      const ticket: Ticket = { ...window.ticket, rating: event.data.level, ratedAt: event.at };
      const ratingWindows = new Map(state.ratingWindows).set(counterId, { ...window, ticket });
      return { state: { ...state, ratingWindows }, ticket, counter: null };
    }
    default:
      return evolveTicket(config, state, event);
  }
}

/**
 * A ticket as logged by an earlier version: before proxy mode it carried no dossier count (it brought
 * one); before the hall decided priority it carried no basis (any priority class was the kiosk's word).
 */
function withDefaults(logged: Ticket): Ticket {
  const t = logged as Ticket & { dossierCount?: number; priorityBasis?: Ticket['priorityBasis'] };
  if (t.dossierCount !== undefined && t.priorityBasis !== undefined) return logged;
  return {
    ...logged,
    dossierCount: t.dossierCount ?? 1,
    priorityBasis: t.priorityBasis ?? (PRIORITY_GROUP.includes(logged.priority) ? 'declared' : 'none'),
  };
}

function counterOf(state: HallState, id: string | null): CounterState {
  const c = id === null ? undefined : state.counters.get(id);
  if (!c) throw new Error(`event names unknown counter ${String(id)}`);
  return c;
}

type TicketEvent = Exclude<
  DomainEvent,
  {
    type:
      | 'ticket.issued'
      | 'day.closed'
      | 'ticket.rated'
      | 'history.imported'
      | `counter.${string}`
      | `dossier.${string}`
      | `alert.${string}`
      | `device.${string}`
      | `staff.${string}`
      | 'consent.given';
  }
>;

function evolveTicket(config: HallConfig, state: HallState, event: TicketEvent): Evolution {
  const current = event.ticketId === null ? undefined : state.tickets.get(event.ticketId);
  if (!current) throw new Error(`event ${event.type} names a ticket that is not open: ${String(event.ticketId)}`);
  const at = event.at;
  let ticket: Ticket;
  /** The counter's current ticket after the event: kept, set or released. */
  let counterTicket: 'set' | 'release' | 'keep' = 'keep';
  let recent = state.recentServiceMs;
  let streakChange: ((streak: number) => number) | null = null;
  switch (event.type) {
    case 'ticket.called':
      ticket = {
        ...current,
        status: 'called',
        counterId: event.counterId,
        officerId: event.data.officerId,
        firstCalledAt: current.firstCalledAt ?? at,
        lastCalledAt: at,
        callCount: event.data.callCount,
      };
      counterTicket = 'set';
      // Appointments are outside the interleave; a priority call extends the streak, a normal one resets it.
      if (current.priority !== 'appointment') {
        const isPriority = current.priority !== 'normal';
        streakChange = (s) => (isPriority ? s + 1 : 0);
      }
      break;
    case 'ticket.recalled':
      ticket = { ...current, lastCalledAt: at, callCount: event.data.callCount };
      break;
    case 'ticket.priority_reviewed':
      ticket = event.data.decision === 'confirmed' ? { ...current, priorityBasis: 'confirmed' } : { ...current, priority: 'normal', priorityBasis: 'cleared' };
      break;
    case 'service.started':
      ticket = { ...current, status: 'serving', startedAt: at, officerId: event.data.officerId ?? current.officerId };
      break;
    case 'service.finished': {
      ticket = {
        ...current,
        status: 'done',
        finishedAt: at,
        closedAt: at,
        outcome: event.data.outcome,
        procedureId: event.data.procedureId ?? current.procedureId,
      };
      counterTicket = 'release';
      const sample = config.policy.recentServiceSample;
      const list = [...(state.recentServiceMs.get(event.data.serviceId) ?? []), event.data.serviceMs].slice(-sample);
      recent = new Map(state.recentServiceMs).set(event.data.serviceId, list);
      break;
    }
    case 'ticket.no_show':
      ticket = { ...current, status: 'no_show', closedAt: at };
      counterTicket = 'release';
      break;
    case 'ticket.held':
      ticket = { ...current, status: 'held' };
      counterTicket = 'release';
      break;
    case 'ticket.returned':
      ticket = { ...current, status: 'waiting', queuedAt: event.data.queuedAt, counterId: null };
      break;
    case 'ticket.transferred':
      // The original arrival (queuedAt = issuedAt) is kept, so the ticket is not sent to the back.
      ticket = {
        ...current,
        status: 'waiting',
        serviceId: event.data.toServiceId,
        targetCounterId: event.data.toCounterId,
        counterId: null,
        startedAt: null,
        queuedAt: current.issuedAt,
      };
      counterTicket = current.counterId !== null && state.counters.get(current.counterId)?.currentTicketId === current.id ? 'release' : 'keep';
      break;
    case 'ticket.cancelled':
      ticket = { ...current, status: 'cancelled', closedAt: at };
      break;
    case 'ticket.end_of_day':
      ticket = { ...current, status: 'end_of_day', closedAt: at };
      break;
  }
  const tickets = isOpen(ticket) ? state.tickets.set(ticket.id, ticket) : state.tickets.delete(ticket.id);
  const waiting = withWaiting(state.waiting, current, ticket);

  let counters = state.counters;
  let counter: CounterState | null = null;
  const counterId = event.type === 'ticket.transferred' ? current.counterId : event.counterId;
  if ((counterTicket !== 'keep' || streakChange) && counterId !== null) {
    const c = counterOf(state, counterId);
    counter = {
      ...c,
      currentTicketId: counterTicket === 'set' ? ticket.id : counterTicket === 'release' ? null : c.currentTicketId,
      priorityStreak: streakChange ? streakChange(c.priorityStreak) : c.priorityStreak,
      updatedAt: at,
    };
    counters = new Map(state.counters).set(counter.id, counter);
  }
  return { state: { ...state, tickets, waiting, counters, recentServiceMs: recent }, ticket, counter };
}

/** The waiting tickets of each service among these open tickets (a state loaded from its rows). */
export function waitingByService(tickets: Iterable<Ticket>): Map<string, WaitingQueue> {
  const byService = new Map<string, Ticket[]>();
  for (const t of tickets) {
    if (t.status !== 'waiting') continue;
    const list = byService.get(t.serviceId) ?? [];
    list.push(t);
    byService.set(t.serviceId, list);
  }
  return new Map([...byService].map(([serviceId, list]) => [serviceId, queueOf(list)]));
}

/** The waiting index after one ticket changed from `before` (absent when new) to `after`. */
function withWaiting(waiting: ReadonlyMap<string, WaitingQueue>, before: Ticket | undefined, after: Ticket): ReadonlyMap<string, WaitingQueue> {
  const from = before?.status === 'waiting' ? before.serviceId : null;
  const to = after.status === 'waiting' ? after.serviceId : null;
  if (from === null && to === null) return waiting;
  const next = new Map(waiting);
  if (before !== undefined && from !== null && from === to) {
    next.set(to, withTicketUpdated(next.get(to) ?? EMPTY_QUEUE, before, after));
    return next;
  }
  if (before !== undefined && from !== null) {
    const left = withoutTicket(next.get(from) ?? EMPTY_QUEUE, before);
    if (left.tickets.size > 0) next.set(from, left);
    else next.delete(from);
  }
  if (to !== null) next.set(to, withTicket(next.get(to) ?? EMPTY_QUEUE, after));
  return next;
}

/** The state after a command's events, and the final rows of every ticket and counter they touched. */
export interface Fold {
  readonly state: HallState;
  readonly tickets: readonly Ticket[];
  readonly counters: readonly CounterState[];
}

export function foldEvents(config: HallConfig, state: HallState, events: readonly DomainEvent[]): Fold {
  let next = state;
  const tickets = new Map<string, Ticket>();
  const counters = new Map<string, CounterState>();
  for (const e of events) {
    const step = evolve(config, next, e);
    next = step.state;
    if (step.ticket) tickets.set(step.ticket.id, step.ticket);
    if (step.counter) counters.set(step.counter.id, step.counter);
  }
  // day.closed resets every counter's current ticket: all counter rows change then.
  if (events.some((e) => e.type === 'day.closed')) for (const c of next.counters.values()) counters.set(c.id, c);
  return { state: next, tickets: [...tickets.values()], counters: [...counters.values()] };
}
