/**
 * The queue engine: every command is a pure decision `(config, state, command, ctx) → events`.
 * It validates against the current state and throws a DomainError when the command cannot apply;
 * it never mutates state. Callers persist the events in one transaction, then fold them with
 * `evolve` (see hall-state.ts). Clock and ids come from the injected context.
 */
import { DomainError } from '../common/errors.ts';
import type { IssueChannel, PriorityClass, ServiceOutcome, Ticket } from '../common/domain.ts';
import type { DomainEvent } from '../common/events.ts';
import type { HallConfig, ServiceConfig } from '../common/hall-config.ts';
import { businessDateOf } from './business-time.ts';
import { authorizeTicketAction, type TicketActor } from './authority.ts';
import { chooseNext, isEligibleAt } from './call-policy.ts';
import { decidePriority, type VerifiedBirthDate } from './priority.ts';
import { evolve, type HallState } from './hall-state.ts';
import { dayPlan, issueWindowAt } from './schedule.ts';

export interface EngineContext {
  readonly now: number;
  readonly newId: () => string;
}

export interface IssueTicketCommand {
  readonly serviceId: string;
  /** The class asked for; the ticket's class and basis are decided by `decidePriority` (priority.ts). */
  readonly priority: PriorityClass;
  /** The birth date of a chip the hall server verified itself, when the citizen's card was read. */
  readonly chip?: VerifiedBirthDate | null;
  readonly channel: IssueChannel;
  readonly personHash: string | null;
  readonly procedureId: string | null;
  readonly slotStart: number | null;
  readonly deviceId: string | null;
  /** Dossiers brought on the ticket (proxy mode); 1 when absent. */
  readonly dossierCount?: number;
}

export function ticketNumber(service: ServiceConfig, seq: number): string {
  const digits = Math.max(3, String(service.numberRange.to).length);
  return service.prefix + String(seq).padStart(digits, '0');
}

function serviceOf(config: HallConfig, serviceId: string): ServiceConfig {
  const service = config.services.find((s) => s.id === serviceId);
  if (!service) throw new DomainError('UNKNOWN_SERVICE', { serviceId, known: config.services.map((s) => s.id) });
  return service;
}

/**
 * End-of-day closing: when the business day of the open tickets has ended (its endOfDayAt has
 * passed, or the calendar moved on), every open ticket is closed as end-of-day and counters close.
 * Returns no events when nothing is due.
 */
export function closeDayIfDue(config: HallConfig, state: HallState, ctx: EngineContext): DomainEvent[] {
  const day = state.businessDate;
  if (day === null) return [];
  const today = businessDateOf(ctx.now, config.schedule.timeZone);
  const plan = dayPlan(config.schedule, day);
  const due = today > day || (plan.endOfDayAt !== null && ctx.now >= plan.endOfDayAt);
  if (!due) return []; // the common case, checked before scanning tickets: it runs on every issue
  const open = [...state.tickets.values()].filter((t) => t.businessDate <= day);
  // Counters opened or used on a later day already serve that day; only the ended day's counters close.
  const activeCounters = [...state.counters.values()].filter((c) => c.state !== 'closed' && businessDateOf(c.updatedAt, config.schedule.timeZone) <= day);
  if (open.length === 0 && activeCounters.length === 0) return [];
  const at = ctx.now;
  const events: DomainEvent[] = open
    .sort((a, b) => a.seq - b.seq || a.number.localeCompare(b.number))
    .map((t) => ({ type: 'ticket.end_of_day', at, ticketId: t.id, counterId: null, data: { number: t.number, businessDate: t.businessDate } }));
  events.push({ type: 'day.closed', at, ticketId: null, counterId: null, data: { businessDate: day, closedTickets: open.length } });
  for (const c of activeCounters) events.push({ type: 'counter.closed', at, ticketId: null, counterId: c.id, data: {} });
  return events;
}

export function issueTicket(config: HallConfig, state: HallState, cmd: IssueTicketCommand, ctx: EngineContext): DomainEvent[] {
  const service = serviceOf(config, cmd.serviceId);
  if (cmd.procedureId !== null && !config.procedures.some((p) => p.id === cmd.procedureId)) {
    throw new DomainError('UNKNOWN_PROCEDURE', { procedureId: cmd.procedureId });
  }
  if ((cmd.priority === 'appointment') !== (cmd.slotStart !== null)) {
    throw new DomainError('VALIDATION_FAILED', { field: 'slotStart', reason: 'appointment tickets and only they carry a slot start' });
  }
  const window = issueWindowAt(config.schedule, ctx.now);
  if (!window.open) throw new DomainError(window.code, { reopensAt: window.reopensAt });

  const dossierCount = cmd.dossierCount ?? 1;
  if (!Number.isInteger(dossierCount) || dossierCount < 1 || dossierCount > config.policy.maxDossiersPerTicket) {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'dossierCount',
      reason:
        config.policy.maxDossiersPerTicket === 1
          ? 'this hall issues one dossier per ticket'
          : `at most ${config.policy.maxDossiersPerTicket} dossiers per ticket`,
    });
  }

  const businessDate = window.plan.businessDate;
  const priority = decidePriority(cmd.priority, cmd.chip ?? null, config.policy.elderlyAge, businessDate);
  // Close the previous day first, so numbering restarts and no ticket is carried over silently.
  const closing = closeDayIfDue(config, state, ctx);
  let current = state;
  for (const e of closing) current = evolve(config, current, e).state;
  const sameDay = current.businessDate === businessDate;

  if (config.policy.onePerPersonPerService && cmd.personHash !== null) {
    const holder = [...current.tickets.values()].find((t) => t.personHash === cmd.personHash && t.serviceId === service.id);
    if (holder) throw new DomainError('DUPLICATE_OPEN_TICKET', { serviceId: service.id, number: holder.number });
  }
  const issued = sameDay ? (current.issuedCount.get(service.id) ?? 0) : 0;
  if (service.dailyQuota !== null && issued >= service.dailyQuota) {
    throw new DomainError('QUOTA_REACHED', { serviceId: service.id, dailyQuota: service.dailyQuota });
  }
  const last = sameDay ? current.lastSeq.get(service.id) : undefined;
  const seq = last === undefined ? service.numberRange.from : last + 1;
  if (seq > service.numberRange.to) {
    throw new DomainError('NUMBER_RANGE_EXHAUSTED', { serviceId: service.id, last: service.numberRange.to });
  }
  const ticket: Ticket = {
    id: ctx.newId(),
    businessDate,
    issuedServiceId: service.id,
    serviceId: service.id,
    seq,
    number: ticketNumber(service, seq),
    priority: priority.priority,
    priorityBasis: priority.basis,
    status: 'waiting',
    channel: cmd.channel,
    issuedAt: ctx.now,
    queuedAt: ctx.now,
    slotStart: cmd.slotStart,
    targetCounterId: null,
    counterId: null,
    officerId: null,
    firstCalledAt: null,
    lastCalledAt: null,
    callCount: 0,
    startedAt: null,
    finishedAt: null,
    outcome: null,
    closedAt: null,
    personHash: cmd.personHash,
    procedureId: cmd.procedureId,
    deviceId: cmd.deviceId,
    dossierCount,
    rating: null,
    ratedAt: null,
  };
  return [...closing, { type: 'ticket.issued', at: ctx.now, ticketId: ticket.id, counterId: null, data: { ticket } }];
}

// ---- counters --------------------------------------------------------------------------------

function counterOf(config: HallConfig, state: HallState, counterId: string) {
  const counterConfig = config.counters.find((c) => c.id === counterId);
  const counter = state.counters.get(counterId);
  if (!counterConfig || !counter) throw new DomainError('UNKNOWN_COUNTER', { counterId });
  return { counterConfig, counter };
}

function openCounterOf(config: HallConfig, state: HallState, counterId: string) {
  const found = counterOf(config, state, counterId);
  if (found.counter.state !== 'open') throw new DomainError('COUNTER_CLOSED', { counterId, state: found.counter.state });
  return found;
}

export function openCounter(config: HallConfig, state: HallState, counterId: string, officerId: string | null, ctx: EngineContext): DomainEvent[] {
  counterOf(config, state, counterId);
  return [{ type: 'counter.opened', at: ctx.now, ticketId: null, counterId, data: { officerId } }];
}

export function pauseCounter(config: HallConfig, state: HallState, counterId: string, reason: string, ctx: EngineContext): DomainEvent[] {
  const { counter } = openCounterOf(config, state, counterId);
  if (counter.currentTicketId !== null) throw new DomainError('COUNTER_BUSY', { counterId, ticketId: counter.currentTicketId });
  return [{ type: 'counter.paused', at: ctx.now, ticketId: null, counterId, data: { reason } }];
}

export function resumeCounter(config: HallConfig, state: HallState, counterId: string, ctx: EngineContext): DomainEvent[] {
  const { counter } = counterOf(config, state, counterId);
  if (counter.state !== 'paused') throw new DomainError('INVALID_TICKET_STATE', { counterId, state: counter.state, expected: 'paused' });
  return [{ type: 'counter.resumed', at: ctx.now, ticketId: null, counterId, data: {} }];
}

export function closeCounter(config: HallConfig, state: HallState, counterId: string, ctx: EngineContext): DomainEvent[] {
  const { counter } = counterOf(config, state, counterId);
  if (counter.currentTicketId !== null) throw new DomainError('COUNTER_BUSY', { counterId, ticketId: counter.currentTicketId });
  if (counter.state === 'closed') return [];
  return [{ type: 'counter.closed', at: ctx.now, ticketId: null, counterId, data: {} }];
}

// ---- calling and serving ---------------------------------------------------------------------

function currentTicketAt(state: HallState, counterId: string): Ticket {
  const id = state.counters.get(counterId)?.currentTicketId ?? null;
  const ticket = id === null ? undefined : state.tickets.get(id);
  if (!ticket) throw new DomainError('NO_CURRENT_TICKET', { counterId });
  return ticket;
}

function requireStatus(ticket: Ticket, allowed: readonly Ticket['status'][]): void {
  if (!allowed.includes(ticket.status)) {
    throw new DomainError('INVALID_TICKET_STATE', { ticketId: ticket.id, number: ticket.number, status: ticket.status, expected: allowed });
  }
}

export function callNext(config: HallConfig, state: HallState, counterId: string, ctx: EngineContext): DomainEvent[] {
  const { counter } = openCounterOf(config, state, counterId);
  if (counter.currentTicketId !== null) throw new DomainError('COUNTER_BUSY', { counterId, ticketId: counter.currentTicketId });
  const choice = chooseNext(config, state, counterId, ctx.now);
  if (!choice) throw new DomainError('NO_TICKET_WAITING', { counterId });
  const t = choice.ticket;
  return [
    {
      type: 'ticket.called',
      at: ctx.now,
      ticketId: t.id,
      counterId,
      data: { number: t.number, serviceId: t.serviceId, priority: t.priority, officerId: counter.officerId, callCount: t.callCount + 1, how: 'next' },
    },
  ];
}

/**
 * Call a chosen ticket (by id or by number, e.g. "A015"): waiting and eligible here, or held here
 * (a ticket held at another counter only by a supervisor: authority.ts). Without an actor (tests of
 * the queue rules alone) only the queue rules apply.
 */
export function callTicket(
  config: HallConfig,
  state: HallState,
  counterId: string,
  ref: { ticketId?: string; number?: string },
  ctx: EngineContext,
  actor?: TicketActor,
): DomainEvent[] {
  const { counter, counterConfig } = openCounterOf(config, state, counterId);
  if (counter.currentTicketId !== null) throw new DomainError('COUNTER_BUSY', { counterId, ticketId: counter.currentTicketId });
  const t = [...state.tickets.values()].find((x) => (ref.ticketId !== undefined ? x.id === ref.ticketId : x.number === ref.number));
  if (!t) throw new DomainError('UNKNOWN_TICKET', { ...ref });
  requireStatus(t, ['waiting', 'held']);
  if (actor) authorizeTicketAction(actor, t, 'call');
  const heldHere = t.status === 'held' && (t.counterId === counterId || actor?.staffRole === 'supervisor' || actor?.staffRole === 'admin');
  if (!heldHere && !isEligibleAt({ ...t, status: 'waiting' }, counterConfig)) {
    throw new DomainError('SERVICE_NOT_AT_COUNTER', { counterId, serviceId: t.serviceId, number: t.number });
  }
  return [
    {
      type: 'ticket.called',
      at: ctx.now,
      ticketId: t.id,
      counterId,
      data: { number: t.number, serviceId: t.serviceId, priority: t.priority, officerId: counter.officerId, callCount: t.callCount + 1, how: 'specific' },
    },
  ];
}

export function recall(config: HallConfig, state: HallState, counterId: string, ctx: EngineContext): DomainEvent[] {
  openCounterOf(config, state, counterId);
  const t = currentTicketAt(state, counterId);
  requireStatus(t, ['called']);
  return [{ type: 'ticket.recalled', at: ctx.now, ticketId: t.id, counterId, data: { number: t.number, callCount: t.callCount + 1 } }];
}

export function startService(config: HallConfig, state: HallState, counterId: string, ctx: EngineContext): DomainEvent[] {
  const { counter } = counterOf(config, state, counterId);
  const t = currentTicketAt(state, counterId);
  requireStatus(t, ['called']);
  return [{ type: 'service.started', at: ctx.now, ticketId: t.id, counterId, data: { number: t.number, officerId: counter.officerId } }];
}

/** Finish the service with its outcome and, when the officer names it, the procedure handled (it becomes the ticket's). */
export function finishService(
  config: HallConfig,
  state: HallState,
  counterId: string,
  outcome: ServiceOutcome,
  ctx: EngineContext,
  procedureId: string | null = null,
): DomainEvent[] {
  const { counter } = counterOf(config, state, counterId);
  const t = currentTicketAt(state, counterId);
  requireStatus(t, ['serving']);
  if (procedureId !== null && !config.procedures.some((p) => p.id === procedureId)) throw new DomainError('UNKNOWN_PROCEDURE', { procedureId });
  return [
    {
      type: 'service.finished',
      at: ctx.now,
      ticketId: t.id,
      counterId,
      data: {
        number: t.number,
        outcome,
        officerId: counter.officerId,
        serviceId: t.serviceId,
        serviceMs: Math.max(0, ctx.now - (t.startedAt ?? ctx.now)),
        ...(procedureId !== null ? { procedureId } : {}),
      },
    },
  ];
}

export function markNoShow(config: HallConfig, state: HallState, counterId: string, ctx: EngineContext): DomainEvent[] {
  counterOf(config, state, counterId);
  const t = currentTicketAt(state, counterId);
  requireStatus(t, ['called']);
  return [{ type: 'ticket.no_show', at: ctx.now, ticketId: t.id, counterId, data: { number: t.number } }];
}

/** Park the counter's current ticket (the citizen fetches a missing paper); it keeps its counter. */
export function holdTicket(config: HallConfig, state: HallState, counterId: string, ctx: EngineContext): DomainEvent[] {
  counterOf(config, state, counterId);
  const t = currentTicketAt(state, counterId);
  requireStatus(t, ['called', 'serving']);
  return [{ type: 'ticket.held', at: ctx.now, ticketId: t.id, counterId, data: { number: t.number } }];
}

/**
 * Put a held ticket back in its queue: at the front of its class ("first") or at the back ("last").
 * The event is logged at the acting counter (null from the dashboard); `heldAtCounterId` names the
 * counter that held it.
 */
export function returnTicket(
  _config: HallConfig,
  state: HallState,
  ticketId: string,
  position: 'first' | 'last',
  ctx: EngineContext,
  actor?: TicketActor,
): DomainEvent[] {
  const t = state.tickets.get(ticketId);
  if (!t) throw new DomainError('UNKNOWN_TICKET', { ticketId });
  requireStatus(t, ['held']);
  if (actor) authorizeTicketAction(actor, t, 'return');
  let queuedAt = ctx.now;
  if (position === 'first') {
    const sameQueue = [...state.tickets.values()].filter((x) => x.status === 'waiting' && x.serviceId === t.serviceId);
    queuedAt = Math.min(t.issuedAt, ...sameQueue.map((x) => x.queuedAt - 1));
  }
  return [
    {
      type: 'ticket.returned',
      at: ctx.now,
      ticketId,
      counterId: actor ? actor.counterId : t.counterId,
      data: { number: t.number, position, queuedAt, heldAtCounterId: t.counterId },
    },
  ];
}

export interface TransferTarget {
  readonly toServiceId: string | null;
  readonly toCounterId: string | null;
}

/**
 * Move a ticket to another queue and/or reserve it for a counter, keeping its original arrival
 * time. `ref` is the counter whose current ticket moves, or a waiting/held ticket id.
 */
export function transferTicket(
  config: HallConfig,
  state: HallState,
  ref: { counterId?: string; ticketId?: string },
  target: TransferTarget,
  ctx: EngineContext,
): DomainEvent[] {
  let t: Ticket | undefined;
  if (ref.counterId !== undefined) {
    counterOf(config, state, ref.counterId);
    t = currentTicketAt(state, ref.counterId);
  } else {
    t = ref.ticketId === undefined ? undefined : state.tickets.get(ref.ticketId);
    if (!t) throw new DomainError('UNKNOWN_TICKET', { ticketId: ref.ticketId });
  }
  requireStatus(t, ['called', 'serving', 'waiting', 'held']);
  if (target.toServiceId === null && target.toCounterId === null) {
    throw new DomainError('VALIDATION_FAILED', { field: 'toServiceId', reason: 'name a service, a counter, or both' });
  }
  const toServiceId = target.toServiceId === null ? t.serviceId : serviceOf(config, target.toServiceId).id;
  if (target.toCounterId !== null) counterOf(config, state, target.toCounterId);
  return [
    {
      type: 'ticket.transferred',
      at: ctx.now,
      ticketId: t.id,
      counterId: t.counterId,
      data: { number: t.number, fromServiceId: t.serviceId, toServiceId, toCounterId: target.toCounterId },
    },
  ];
}

/** Cancel a waiting or held ticket; the event names the officer and is logged at their counter. */
export function cancelTicket(
  _config: HallConfig,
  state: HallState,
  ticketId: string,
  reason: string | null,
  ctx: EngineContext,
  actor?: TicketActor,
): DomainEvent[] {
  const t = state.tickets.get(ticketId);
  if (!t) throw new DomainError('UNKNOWN_TICKET', { ticketId });
  requireStatus(t, ['waiting', 'held']);
  if (actor) authorizeTicketAction(actor, t, 'cancel');
  return [
    {
      type: 'ticket.cancelled',
      at: ctx.now,
      ticketId,
      counterId: actor?.counterId ?? null,
      data: { number: t.number, reason, staffId: actor?.staffId ?? null },
    },
  ];
}
