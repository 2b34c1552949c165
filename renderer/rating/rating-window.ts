/**
 * When the rating screen asks: the counter's window from the snapshot (rating API: ratingWindow)
 * or, until the server publishes it, a window the screen opens itself on `service.finished` at its
 * counter for ratingWindowSeconds. Closed once closesAt has passed.
 */
import type { StreamEvent } from '../../electron/common/wire.ts';
import type { RatingWindow } from '../shared/api/types.ts';

export function windowFromEvent(event: StreamEvent, counterId: string, windowSeconds: number): RatingWindow | null {
  if (event.type !== 'service.finished' || event.counterId !== counterId || event.ticketId === null) return null;
  return { ticketId: event.ticketId, closesAt: event.at + windowSeconds * 1000 };
}

export function isOpen(window: RatingWindow | null, now: number): window is RatingWindow {
  return window !== null && now < window.closesAt;
}
