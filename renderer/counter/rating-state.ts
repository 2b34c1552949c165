/**
 * The officer's view of the rating window (rating API): waiting while a window is open, rated once
 * `ticket.rated` arrives for that ticket (its value is stripped for counters and never shown),
 * timed out at closesAt. Pure: the screen feeds it the counter's window, the rated ticket ids and now.
 */
import type { RatingWindow } from '../shared/api/types.ts';

export type OfficerRatingState =
  | { readonly kind: 'none' }
  | { readonly kind: 'waiting'; readonly ticketId: string; readonly secondsLeft: number }
  | { readonly kind: 'rated'; readonly ticketId: string }
  | { readonly kind: 'timed_out'; readonly ticketId: string };

export function officerRatingState(window: RatingWindow | null, ratedTicketIds: ReadonlySet<string>, now: number): OfficerRatingState {
  if (window === null) return { kind: 'none' };
  if (ratedTicketIds.has(window.ticketId)) return { kind: 'rated', ticketId: window.ticketId };
  if (now >= window.closesAt) return { kind: 'timed_out', ticketId: window.ticketId };
  return { kind: 'waiting', ticketId: window.ticketId, secondsLeft: Math.ceil((window.closesAt - now) / 1000) };
}
