/**
 * Estimated wait for a new ticket of a queue, from recent service times and open counters.
 *
 *   servers       = Σ over open counters serving the queue of weight(queue) / Σ weights of that counter
 *                   (all configured counters when none is open yet: they are expected to open)
 *   meanService   = mean of the last `recentServiceSample` service durations of the queue,
 *                   or the queue's defaultServiceMinutes when none exist
 *   peopleAhead   = waiting tickets of the queue that the policy serves before the new ticket
 *                   (a normal ticket waits behind every class; a priority ticket behind priority
 *                   and appointment tickets; an appointment behind earlier appointments), from
 *                   the queue's tally per rank (core/waiting-queue.ts)
 *   dossiersAhead = their dossiers: a representative's ticket (proxy mode) counts each one
 *   estimate      = ceil(dossiersAhead × meanService / servers) minutes
 *
 * A ticket transferred to one counter waits for that counter alone (ticketWait).
 */
import type { PriorityClass, Ticket, WaitEstimate } from '../common/domain.ts';
import type { CounterConfig, HallConfig, ServiceConfig } from '../common/hall-config.ts';
import { isEligibleAt } from './call-policy.ts';
import type { HallState } from './hall-state.ts';
import { aheadOf, queuedBefore, rankOf, type QueuePlace } from './waiting-queue.ts';

/**
 * The last estimate per state. Engine states are immutable (every command folds into a new one),
 * and an issue asks for its new ticket's estimate twice on the same state (the kiosk's answer and
 * the projected-wait alert): the second ask must not scan the open tickets again.
 */
const lastByState = new WeakMap<HallState, { readonly config: HallConfig; readonly key: string; readonly value: WaitEstimate }>();

export function estimateWait(
  config: HallConfig,
  state: HallState,
  serviceId: string,
  priority: PriorityClass = 'normal',
  before: QueuePlace | null = null,
): WaitEstimate {
  const key = `${serviceId}|${priority}|${before === null ? '' : `${before.queuedAt}|${before.seq}|${before.id}`}`;
  const last = lastByState.get(state);
  if (last !== undefined && last.config === config && last.key === key) return last.value;
  const value = computeEstimate(config, state, serviceId, priority, before);
  lastByState.set(state, { config, key, value });
  return value;
}

function computeEstimate(config: HallConfig, state: HallState, serviceId: string, priority: PriorityClass, before: QueuePlace | null): WaitEstimate {
  const service = config.services.find((s) => s.id === serviceId);
  if (!service) throw new Error(`unknown service ${serviceId}`);
  const serving = config.counters.filter((c) => c.services.some((s) => s.serviceId === serviceId));
  const open = serving.filter((c) => state.counters.get(c.id)?.state === 'open');
  const servers = open.length > 0 ? counterShare(open, serviceId) : counterShare(serving, serviceId);

  const queue = state.waiting.get(serviceId);
  const ahead = queue === undefined ? { people: 0, dossiers: 0 } : aheadOf(queue, priority, before);
  return estimateOf(serviceId, ahead, meanServiceOf(service, state), servers, open.length);
}

/**
 * The estimate of one waiting ticket. A ticket transferred to a counter (`targetCounterId`) waits
 * for that counter alone, which also calls its own queues' tickets: the tickets it may call
 * (call-policy.ts isEligibleAt) that the policy serves before this one, each dossier at its own
 * queue's mean service time, one server (counted as if the counter opens when it is closed).
 * Any other ticket: estimateWait of its queue.
 */
export function ticketWait(config: HallConfig, state: HallState, ticket: Ticket): WaitEstimate {
  const counter = ticket.targetCounterId === null ? undefined : config.counters.find((c) => c.id === ticket.targetCounterId);
  if (counter === undefined) return estimateWait(config, state, ticket.serviceId, ticket.priority, ticket);
  const means = new Map(config.services.map((s) => [s.id, meanServiceOf(s, state)]));
  const rank = rankOf(ticket.priority);
  let people = 0;
  let minutes = 0;
  for (const t of state.tickets.values()) {
    if (t.id === ticket.id || !isEligibleAt(t, counter)) continue;
    const r = rankOf(t.priority);
    if (r < rank || (r === rank && queuedBefore(t, ticket))) {
      people += 1;
      minutes += t.dossierCount * (means.get(t.serviceId)?.minutes ?? 0);
    }
  }
  const own = means.get(ticket.serviceId) ?? { minutes: 0, basis: 'default' as const };
  return {
    serviceId: ticket.serviceId,
    peopleAhead: people,
    estimatedWaitMinutes: Math.ceil(Math.round(minutes * 1000) / 1000),
    meanServiceMinutes: Math.round(own.minutes * 10) / 10,
    servers: 1,
    openCounters: state.counters.get(counter.id)?.state === 'open' ? 1 : 0,
    basis: own.basis,
  };
}

/** Mean of the queue's recent service durations (minutes), or its configured default when none exist. */
function meanServiceOf(service: ServiceConfig, state: HallState): { readonly minutes: number; readonly basis: WaitEstimate['basis'] } {
  const recent = state.recentServiceMs.get(service.id) ?? [];
  if (recent.length === 0) return { minutes: service.defaultServiceMinutes, basis: 'default' };
  return { minutes: recent.reduce((a, b) => a + b, 0) / recent.length / 60_000, basis: 'recent' };
}

function estimateOf(
  serviceId: string,
  ahead: { readonly people: number; readonly dossiers: number },
  mean: { readonly minutes: number; readonly basis: WaitEstimate['basis'] },
  servers: number,
  openCounters: number,
): WaitEstimate {
  const minutes = servers > 0 ? (ahead.dossiers * mean.minutes) / servers : ahead.dossiers * mean.minutes;
  return {
    serviceId,
    peopleAhead: ahead.people,
    estimatedWaitMinutes: Math.ceil(Math.round(minutes * 1000) / 1000),
    meanServiceMinutes: Math.round(mean.minutes * 10) / 10,
    servers: Math.round(servers * 100) / 100,
    openCounters,
    basis: mean.basis,
  };
}

/** The counters' capacity for one service: each counter by its weight for it over all its weights. */
function counterShare(counters: readonly CounterConfig[], serviceId: string): number {
  return counters.reduce((sum, c) => {
    const total = c.services.reduce((t, s) => t + s.weight, 0);
    const own = c.services.find((s) => s.serviceId === serviceId)?.weight ?? 0;
    return sum + own / total;
  }, 0);
}

/**
 * Per service, the open counters' capacity as the wait estimate counts it (a counter shared by two
 * services at equal weights gives each one half). Services without an open counter are absent.
 */
export function openCapacityByService(config: HallConfig, state: HallState): Map<string, number> {
  const open = config.counters.filter((c) => state.counters.get(c.id)?.state === 'open');
  const capacity = new Map<string, number>();
  for (const c of open) for (const s of c.services) capacity.set(s.serviceId, counterShare([c], s.serviceId) + (capacity.get(s.serviceId) ?? 0));
  return capacity;
}
