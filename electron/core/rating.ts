/**
 * Citizen ratings (rating API): the window that opens when a service finishes at a counter, and
 * the decision of a submitted rating. Pure: the clock comes in through the engine context.
 *
 * Contract:
 * - The window of a counter is its last finished ticket, open while now ≤ closesAt
 *   (finish + policy.ratingWindowSeconds). A newer finish at the counter replaces it.
 * - A rating outside an open window fails with `rating_window_closed`; a second rating of the same
 *   ticket with `already_rated`. A window that closes unrated logs nothing.
 * - A rating given at `pressedAt` (a keypad's press that reached the hall late) is judged at that
 *   moment: it counts when the press fell inside the window, even if the window has closed since,
 *   as long as no newer finish at the counter replaced it. The event keeps both times.
 * - With policy.ratingLevels = 3 only very_satisfied / satisfied / dissatisfied are accepted.
 */
import { DomainError } from '../common/errors.ts';
import { RATING_LEVELS_WITH_REASON, ratingChoices, type RatingLevel } from '../common/domain.ts';
import type { DomainEvent } from '../common/events.ts';
import type { HallConfig } from '../common/hall-config.ts';
import type { RatingWindowView } from '../common/wire.ts';
import type { HallState, RatingWindow } from './hall-state.ts';
import type { EngineContext } from './queue-engine.ts';

export interface RatingInput {
  readonly level: RatingLevel;
  readonly reason?: string | null;
  /** When the citizen gave it, if earlier than now (epoch ms, the hall's clock). */
  readonly pressedAt?: number;
}

/** The open, unrated window of a counter at `now`, or null. */
export function openRatingWindow(state: HallState, counterId: string, now: number): RatingWindow | null {
  const window = state.ratingWindows.get(counterId);
  if (!window || now > window.closesAt || window.ticket.rating !== null) return null;
  return window;
}

/** What the snapshot shows of a counter's window: null once closed or rated. */
export function ratingWindowView(state: HallState, counterId: string, now: number): RatingWindowView | null {
  const window = openRatingWindow(state, counterId, now);
  return window ? { ticketId: window.ticket.id, closesAt: window.closesAt } : null;
}

export function submitRating(config: HallConfig, state: HallState, counterId: string, input: RatingInput, ctx: EngineContext): DomainEvent[] {
  if (!config.counters.some((c) => c.id === counterId)) throw new DomainError('UNKNOWN_COUNTER', { counterId });
  const allowed = ratingChoices(config.policy.ratingLevels);
  if (!allowed.includes(input.level)) {
    throw new DomainError('VALIDATION_FAILED', {
      issues: [{ path: 'level', message: `this hall rates on ${config.policy.ratingLevels} levels: ${allowed.join(', ')}` }],
    });
  }
  const reason = input.reason?.normalize('NFC') ?? null;
  if (reason !== null && !RATING_LEVELS_WITH_REASON.includes(input.level)) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'reason', message: 'a reason is allowed only with dissatisfied or very_dissatisfied' }] });
  }
  const window = state.ratingWindows.get(counterId);
  const givenAt = Math.min(input.pressedAt ?? ctx.now, ctx.now);
  const opensAt = window?.ticket.finishedAt ?? Number.NEGATIVE_INFINITY;
  if (!window || givenAt > window.closesAt || givenAt < opensAt) throw new DomainError('rating_window_closed', { counterId });
  if (window.ticket.rating !== null) throw new DomainError('already_rated', { ticketId: window.ticket.id });
  return [
    {
      type: 'ticket.rated',
      at: ctx.now,
      ticketId: window.ticket.id,
      counterId,
      data: { number: window.ticket.number, counterId, level: input.level, reason, ...(givenAt < ctx.now ? { pressedAt: givenAt } : {}) },
    },
  ];
}
