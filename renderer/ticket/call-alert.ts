/**
 * When the page alerts its holder (vibration and a short sound): each time the ticket is called,
 * a recall included, but not for a call the page found already made when it opened. Pure.
 */
import type { PublicTicketView } from '../shared/api/types.ts';

type CallFacts = Pick<PublicTicketView, 'state' | 'callCount'>;

export function shouldAlert(previous: CallFacts | null, next: CallFacts): boolean {
  if (previous === null || next.state !== 'called') return false;
  return previous.state !== 'called' || next.callCount > previous.callCount;
}
