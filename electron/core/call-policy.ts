/**
 * Which waiting ticket a counter calls next. The policy, in order:
 *
 * 1. Eligibility: a waiting ticket is eligible at a counter when the counter serves its queue
 *    (or the ticket was transferred to that very counter), and it is not reserved for another counter.
 * 2. Appointments whose slot is due (slot start − appointmentEarlyMinutes ≤ now) go first,
 *    earliest slot first. An appointment that is not yet due is called only when nothing else waits.
 * 3. Priority (elderly, pregnant, disabled) and normal tickets interleave: while both wait, the
 *    counter calls `priorityRatio` priority tickets, then one normal ticket. Neither class starves.
 *    A priority counter (`priorityFirst`) always takes priority tickets first.
 * 4. Within the chosen class, FIFO per queue; across the counter's queues, the head ticket with the
 *    largest weight × time waited wins (weighted sharing without starvation), ties by earlier queue time.
 */
import type { Ticket } from '../common/domain.ts';
import type { CounterConfig, HallConfig } from '../common/hall-config.ts';
import type { HallState } from './hall-state.ts';
import { queuedBefore, queueOrder } from './waiting-queue.ts';

export function isEligibleAt(ticket: Ticket, counter: CounterConfig): boolean {
  if (ticket.status !== 'waiting') return false;
  if (ticket.targetCounterId !== null) return ticket.targetCounterId === counter.id;
  return counter.services.some((s) => s.serviceId === ticket.serviceId);
}

function weightOf(counter: CounterConfig, serviceId: string): number {
  // A ticket transferred to this counter for a queue it does not normally serve gets weight 1.
  return counter.services.find((s) => s.serviceId === serviceId)?.weight ?? 1;
}

function pickWeighted(counter: CounterConfig, candidates: readonly Ticket[], now: number): Ticket | null {
  const heads = new Map<string, Ticket>();
  for (const t of [...candidates].sort(queueOrder)) if (!heads.has(t.serviceId)) heads.set(t.serviceId, t);
  let best: Ticket | null = null;
  let bestScore = -Infinity;
  for (const head of heads.values()) {
    // +1 ms so a ticket issued this very millisecond still carries its weight.
    const score = weightOf(counter, head.serviceId) * (Math.max(0, now - head.queuedAt) + 1);
    if (score > bestScore || (score === bestScore && best !== null && queuedBefore(head, best))) {
      best = head;
      bestScore = score;
    }
  }
  return best;
}

export interface NextChoice {
  readonly ticket: Ticket;
  readonly reason: 'appointment-due' | 'priority' | 'normal' | 'appointment-early';
}

export function chooseNext(config: HallConfig, state: HallState, counterId: string, now: number): NextChoice | null {
  const counter = config.counters.find((c) => c.id === counterId);
  const counterState = state.counters.get(counterId);
  if (!counter || !counterState) return null;
  const eligible = [...state.tickets.values()].filter((t) => isEligibleAt(t, counter));
  if (eligible.length === 0) return null;

  const earlyMs = config.policy.appointmentEarlyMinutes * 60_000;
  const appointments = eligible.filter((t) => t.priority === 'appointment');
  const due = appointments
    .filter((t) => (t.slotStart ?? t.queuedAt) - earlyMs <= now)
    .sort((a, b) => (a.slotStart ?? a.queuedAt) - (b.slotStart ?? b.queuedAt) || queueOrder(a, b));
  if (due[0]) return { ticket: due[0], reason: 'appointment-due' };

  const priority = eligible.filter((t) => t.priority !== 'normal' && t.priority !== 'appointment');
  const normal = eligible.filter((t) => t.priority === 'normal');
  const takePriority = priority.length > 0 && (normal.length === 0 || counter.priorityFirst || counterState.priorityStreak < config.policy.priorityRatio);
  if (takePriority) {
    const t = pickWeighted(counter, priority, now);
    if (t) return { ticket: t, reason: 'priority' };
  }
  if (normal.length > 0) {
    const t = pickWeighted(counter, normal, now);
    if (t) return { ticket: t, reason: 'normal' };
  }
  const early = [...appointments].sort((a, b) => (a.slotStart ?? 0) - (b.slotStart ?? 0) || queueOrder(a, b))[0];
  return early ? { ticket: early, reason: 'appointment-early' } : null;
}
