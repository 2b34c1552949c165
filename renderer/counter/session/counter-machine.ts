/**
 * The counter's serving flow as an explicit transition table: phases (states), the officer's
 * actions (events) and their guards. The hall server holds the truth: the phase is read from the
 * counter in the hall's snapshot (`phaseOf`), and an action the table allows is sent to the server,
 * which moves the counter; the next snapshot gives the new phase. Pure: no I/O here.
 *
 *   closed  --open-->  idle  --call-next / call-->  called  --start-->  serving  --finish-->  idle
 *   called  --no-show / hold / transfer-->  idle        serving  --hold / transfer-->  idle
 *   idle, called, serving  --pause-->  paused  --resume-->  idle (or back to its ticket)
 *   idle, paused  --close-->  closed       called, serving  --recall / priority-review-->  (same)
 */
import type { CounterAction } from '../../shared/hall-api.ts';
import type { CounterWithRating } from '../../shared/api/types.ts';

export const PHASES = ['closed', 'paused', 'idle', 'called', 'serving'] as const;
export type Phase = (typeof PHASES)[number];

/** What an action carries (the screen's fields). */
export interface ActionInput {
  /** pause: the reason typed by the officer. */
  readonly reason?: string;
  /** call: a ticket number typed, or a ticket chosen in the queue. */
  readonly number?: string;
  readonly ticketId?: string;
  /** finish: the outcome chosen, and the procedure handled when the officer names it (the ticket counts under it). */
  readonly outcome?: string;
  readonly procedureId?: string;
  /**
   * transfer: the queue the citizen is sent to, or the counter the ticket is reserved for (only
   * that counter may call it), or both; at least one (the hall refuses a transfer naming neither).
   */
  readonly toServiceId?: string;
  readonly toCounterId?: string;
  /** priority-review: the officer checked the papers of a declared priority. */
  readonly decision?: 'confirmed' | 'cleared';
}

/** One row of the table: the phase the server is expected to move the counter to, and when the action is allowed. */
export interface Transition {
  readonly to: Phase | 'same';
  readonly guard?: (input: ActionInput) => boolean;
}

const filled = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

const pause: Transition = { to: 'paused', guard: (i) => filled(i.reason) };
const transfer: Transition = { to: 'idle', guard: (i) => filled(i.toServiceId) || filled(i.toCounterId) };
const priorityReview: Transition = { to: 'same', guard: (i) => i.decision === 'confirmed' || i.decision === 'cleared' };

export const TRANSITIONS: { readonly [P in Phase]: Partial<Record<CounterAction, Transition>> } = {
  closed: { open: { to: 'idle' } },
  paused: { resume: { to: 'idle' }, close: { to: 'closed' } },
  idle: {
    'call-next': { to: 'called' },
    call: { to: 'called', guard: (i) => filled(i.number) || filled(i.ticketId) },
    pause,
    close: { to: 'closed' },
  },
  called: {
    start: { to: 'serving' },
    recall: { to: 'same' },
    'no-show': { to: 'idle' },
    hold: { to: 'idle' },
    transfer,
    pause,
    'priority-review': priorityReview,
  },
  serving: {
    finish: { to: 'idle', guard: (i) => filled(i.outcome) },
    recall: { to: 'same' },
    hold: { to: 'idle' },
    transfer,
    pause,
    'priority-review': priorityReview,
  },
};

/** The counter's phase from the hall's snapshot (null: the counter is not in it yet, taken as closed). */
export function phaseOf(counter: CounterWithRating | null): Phase {
  if (counter === null || counter.state === 'closed') return 'closed';
  if (counter.state === 'paused') return 'paused';
  const current = counter.current;
  if (current === null) return 'idle';
  return current.status === 'serving' ? 'serving' : 'called';
}

export function transitionOf(phase: Phase, action: CounterAction): Transition | undefined {
  return TRANSITIONS[phase][action];
}

/** Whether the officer may take `action` now: the table has it for this phase and its guard passes. */
export function allowed(phase: Phase, action: CounterAction, input: ActionInput = {}): boolean {
  const t = transitionOf(phase, action);
  return t !== undefined && (t.guard?.(input) ?? true);
}
