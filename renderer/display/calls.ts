/** Which stream events the display announces: every call and every recall, at the counter's number. */
import type { StreamEvent } from '../../electron/common/wire.ts';
import type { Announcement } from '../shared/announcer.ts';

export function callsFromEvent(event: StreamEvent, counters: readonly { readonly id: string; readonly number: number }[]): Announcement[] {
  if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') return [];
  const number = (event.data as { number?: unknown } | null)?.number;
  const counter = counters.find((c) => c.id === event.counterId);
  if (typeof number !== 'string' || counter === undefined) return [];
  return [{ number, counterNumber: counter.number }];
}
