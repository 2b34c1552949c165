/**
 * One service's waiting tickets, with a tally per call rank, so that the wait estimate of a new
 * ticket costs the same with ten people waiting as with three thousand (core/wait-estimate.ts).
 *
 * Rank is the class order of the call policy: appointments, then the priority classes, then
 * normal tickets. Within a rank the earlier ticket is the one queued first (queuedAt, then seq,
 * then id: `queueOrder`, a total order, which the call policy sorts by too). Each rank
 * keeps its count, its dossiers and its newest ticket; the newest is found again by a walk of the
 * rank only when it leaves (its call, a cancel, a transfer), which the first-come order makes rare.
 *
 * Immutable like HallState: every change returns a new queue sharing the rest.
 */
import type { PriorityClass, Ticket } from '../common/domain.ts';
import { PersistentMap } from './persistent-map.ts';

/** 0 appointment, 1 elderly/pregnant/disabled, 2 normal. */
export type WaitingRank = 0 | 1 | 2;

const RANK: Readonly<Record<PriorityClass, WaitingRank>> = { appointment: 0, elderly: 1, pregnant: 1, disabled: 1, normal: 2 };

export const rankOf = (priority: PriorityClass): WaitingRank => RANK[priority];

/** The place of a ticket in its queue: when it was queued, with its number and id to break ties. */
export interface QueuePlace {
  readonly id: string;
  readonly queuedAt: number;
  readonly seq: number;
}

/** First-come order (a sort comparator): earlier queue time first, then the lower number, then the id. */
export function queueOrder(a: QueuePlace, b: QueuePlace): number {
  return a.queuedAt - b.queuedAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether `a` was queued before `b` (never when they are the same ticket). */
export function queuedBefore(a: QueuePlace, b: QueuePlace): boolean {
  return queueOrder(a, b) < 0;
}

export interface RankTally {
  readonly count: number;
  readonly dossiers: number;
  /** The rank's last ticket in queue order; null when the rank is empty. */
  readonly newest: Ticket | null;
}

export interface WaitingQueue {
  readonly tickets: PersistentMap<string, Ticket>;
  readonly ranks: readonly [RankTally, RankTally, RankTally];
}

const EMPTY_TALLY: RankTally = { count: 0, dossiers: 0, newest: null };
export const EMPTY_QUEUE: WaitingQueue = { tickets: PersistentMap.empty(), ranks: [EMPTY_TALLY, EMPTY_TALLY, EMPTY_TALLY] };

function withRank(ranks: WaitingQueue['ranks'], rank: WaitingRank, tally: RankTally): WaitingQueue['ranks'] {
  const next: [RankTally, RankTally, RankTally] = [ranks[0], ranks[1], ranks[2]];
  next[rank] = tally;
  return next;
}

/** The queue with `ticket` added (it must not be in it). */
export function withTicket(queue: WaitingQueue, ticket: Ticket): WaitingQueue {
  const rank = rankOf(ticket.priority);
  const t = queue.ranks[rank];
  const newest = t.newest === null || queuedBefore(t.newest, ticket) ? ticket : t.newest;
  return {
    tickets: queue.tickets.set(ticket.id, ticket),
    ranks: withRank(queue.ranks, rank, { count: t.count + 1, dossiers: t.dossiers + ticket.dossierCount, newest }),
  };
}

/** The queue without `ticket` (as it is stored in the queue). */
export function withoutTicket(queue: WaitingQueue, ticket: Ticket): WaitingQueue {
  const rank = rankOf(ticket.priority);
  const t = queue.ranks[rank];
  const tickets = queue.tickets.delete(ticket.id);
  const newest = t.newest?.id === ticket.id ? newestOf(tickets, rank) : t.newest;
  return { tickets, ranks: withRank(queue.ranks, rank, { count: t.count - 1, dossiers: t.dossiers - ticket.dossierCount, newest }) };
}

/**
 * The queue with a ticket's row replaced by `after`, which keeps its place and rank (a change of
 * fields that do not order it): no walk even when it is the newest.
 */
export function withTicketUpdated(queue: WaitingQueue, before: Ticket, after: Ticket): WaitingQueue {
  const rank = rankOf(after.priority);
  if (rankOf(before.priority) !== rank || before.queuedAt !== after.queuedAt || before.seq !== after.seq)
    return withTicket(withoutTicket(queue, before), after);
  const t = queue.ranks[rank];
  return {
    tickets: queue.tickets.set(after.id, after),
    ranks: withRank(queue.ranks, rank, {
      count: t.count,
      dossiers: t.dossiers - before.dossierCount + after.dossierCount,
      newest: t.newest?.id === after.id ? after : t.newest,
    }),
  };
}

/** A queue of these tickets (a state loaded from its rows): one pass, the map built at once. */
export function queueOf(tickets: Iterable<Ticket>): WaitingQueue {
  const list = [...tickets];
  const ranks: [RankTally, RankTally, RankTally] = [EMPTY_TALLY, EMPTY_TALLY, EMPTY_TALLY];
  for (const t of list) {
    const rank = rankOf(t.priority);
    const r = ranks[rank];
    ranks[rank] = { count: r.count + 1, dossiers: r.dossiers + t.dossierCount, newest: r.newest === null || queuedBefore(r.newest, t) ? t : r.newest };
  }
  return { tickets: PersistentMap.from(list.map((t) => [t.id, t] as const)), ranks };
}

function newestOf(tickets: PersistentMap<string, Ticket>, rank: WaitingRank): Ticket | null {
  let newest: Ticket | null = null;
  tickets.forEach((t) => {
    if (rankOf(t.priority) === rank && (newest === null || queuedBefore(newest, t))) newest = t;
  });
  return newest;
}

/**
 * The tickets and dossiers called before a ticket at `place` of `priority`: every lower rank, and
 * the same rank's tickets queued before it (a place after every waiting ticket when null).
 */
export function aheadOf(queue: WaitingQueue, priority: PriorityClass, place: QueuePlace | null): { people: number; dossiers: number } {
  const rank = rankOf(priority);
  let people = 0;
  let dossiers = 0;
  for (let r = 0; r < rank; r++) {
    people += queue.ranks[r as WaitingRank].count;
    dossiers += queue.ranks[r as WaitingRank].dossiers;
  }
  const same = queue.ranks[rank];
  if (place === null || same.newest === null || queuedBefore(same.newest, place)) {
    return { people: people + same.count, dossiers: dossiers + same.dossiers };
  }
  if (same.newest.id === place.id) return { people: people + same.count - 1, dossiers: dossiers + same.dossiers - same.newest.dossierCount };
  // A place before the newest (an older ticket's status): its rank is walked.
  queue.tickets.forEach((t) => {
    if (rankOf(t.priority) === rank && queuedBefore(t, place)) {
      people += 1;
      dossiers += t.dossierCount;
    }
  });
  return { people, dossiers };
}
