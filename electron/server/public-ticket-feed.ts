/**
 * The public ticket page's data and live updates, for one ticket at a time:
 *   view(ticketId)        the page's view now (core/public-ticket.ts);
 *   stream(ticketId)      a server-sent event stream (text/event-stream) of that view: the view at
 *                         once, then again each time a committed command changes it (the queue
 *                         moves, the ticket is called), a comment line every 25 s to keep proxies
 *                         from closing it, and the end once the view is no longer live (final, or
 *                         the business day is over: then the last message is the `expired` view).
 * Only the one ticket's view crosses the stream: never another ticket, never an event.
 * At most `maxStreams` streams are kept open at once (hall-limits.ts); beyond that a stream sends
 * the view, a `busy` event and a longer `retry`, and ends: the browser asks again after
 * BUSY_RECONNECT_MS, which makes it a slow poll. A client that stops reading is dropped.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../common/errors.ts';
import { publicTicketView as publicTicketSchema, type PublicTicketView } from '../common/public-ticket-wire.ts';
import { publicTicketView } from '../core/public-ticket.ts';
import type { HallService } from './hall-service.ts';
import type { Logger } from './logger.ts';

export interface PublicTicketFeedLimits {
  /** Streams open at once, all tickets together. */
  readonly maxStreams: number;
  /** Interval of the keep-alive comment line. */
  readonly keepAliveMs: number;
}

export const DEFAULT_PUBLIC_FEED_LIMITS: PublicTicketFeedLimits = { maxStreams: 2_000, keepAliveMs: 25_000 };

/** How long the browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RECONNECT_MS = 5_000;
/** The same when the server follows as many streams as it may. */
const BUSY_RECONNECT_MS = 30_000;
/** Unsent bytes at which a client counts as not reading. */
const MAX_BUFFERED_BYTES = 64 * 1024;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Subscriber {
  readonly ticketId: string;
  readonly response: ServerResponse;
  /** The last view sent, without its `now`: a view is sent again only when it changed. */
  last: string;
  expiry: NodeJS.Timeout | null;
}

const withoutNow = (view: PublicTicketView): string => JSON.stringify({ ...view, now: 0 });

export class PublicTicketFeed {
  readonly #hall: HallService;
  readonly #log: Logger;
  readonly #limits: PublicTicketFeedLimits;
  readonly #subscribers = new Set<Subscriber>();
  readonly #keepAlive: NodeJS.Timeout;
  readonly #unsubscribe: () => void;

  constructor(hall: HallService, log: Logger, limits: PublicTicketFeedLimits = DEFAULT_PUBLIC_FEED_LIMITS) {
    this.#hall = hall;
    this.#log = log;
    this.#limits = limits;
    this.#unsubscribe = hall.onEvents(() => this.#refresh());
    this.#keepAlive = setInterval(() => {
      for (const s of this.#subscribers) this.#write(s, ': keep-alive\n\n');
    }, limits.keepAliveMs);
    this.#keepAlive.unref();
  }

  get streamCount(): number {
    return this.#subscribers.size;
  }

  /** The view of a ticket now, or null when the hall does not know it. */
  view(ticketId: string): PublicTicketView | null {
    const ticket = this.#hall.ticket(ticketId);
    return ticket ? publicTicketView(this.#hall.config, this.#hall.state, ticket, this.#hall.now()) : null;
  }

  /** The opener of a stream of the ticket's view (UNKNOWN_TICKET before the connection is taken over). */
  stream(ticketId: string): (response: ServerResponse, request: IncomingMessage) => void {
    const first = this.view(ticketId);
    if (!first) throw new DomainError('UNKNOWN_TICKET', {});
    return (response, request) => {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no', // nginx: pass each event on at once
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      const subscriber: Subscriber = { ticketId, response, last: withoutNow(first), expiry: null };
      const busy = first.live && this.#subscribers.size >= this.#limits.maxStreams;
      this.#write(subscriber, `retry: ${busy ? BUSY_RECONNECT_MS : RECONNECT_MS}\n\n`);
      this.#send(subscriber, first);
      if (busy) this.#write(subscriber, 'event: busy\ndata: {}\n\n');
      if (!first.live || busy) {
        response.end();
        return;
      }
      this.#subscribers.add(subscriber);
      // The business day can end without any event: the stream ends then by itself.
      subscriber.expiry = setTimeout(() => this.#refreshOne(subscriber, true), Math.min(MAX_TIMER_MS, Math.max(0, first.expiresAt - first.now)));
      subscriber.expiry.unref();
      const drop = (): void => this.#drop(subscriber);
      request.on('close', drop);
      response.on('close', drop);
      response.on('error', drop);
    };
  }

  close(): void {
    this.#unsubscribe();
    clearInterval(this.#keepAlive);
    for (const s of [...this.#subscribers]) {
      this.#drop(s);
      s.response.end();
    }
  }

  #refresh(): void {
    for (const s of [...this.#subscribers]) this.#refreshOne(s, false);
  }

  #refreshOne(subscriber: Subscriber, timerFired: boolean): void {
    if (!this.#subscribers.has(subscriber)) return;
    let view: PublicTicketView | null;
    try {
      view = this.view(subscriber.ticketId);
    } catch (error) {
      this.#log.error({ err: error instanceof Error ? error.message : String(error) }, 'public ticket view failed; stream closed');
      view = null;
    }
    if (view === null) {
      this.#drop(subscriber);
      subscriber.response.end();
      return;
    }
    const key = withoutNow(view);
    if (key !== subscriber.last) {
      subscriber.last = key;
      this.#send(subscriber, view);
    }
    if (!view.live) {
      this.#drop(subscriber);
      subscriber.response.end();
    } else if (timerFired) {
      // The hall's clock has not reached the end of the day yet (a clock set back): look again later.
      subscriber.expiry = setTimeout(() => this.#refreshOne(subscriber, true), Math.min(MAX_TIMER_MS, Math.max(1_000, view.expiresAt - view.now)));
      subscriber.expiry.unref();
    }
  }

  #send(subscriber: Subscriber, view: PublicTicketView): void {
    // Checked against the strict schema like the JSON route's answers: no field beyond the page's.
    this.#write(subscriber, `data: ${JSON.stringify(publicTicketSchema.parse(view))}\n\n`);
  }

  #write(subscriber: Subscriber, text: string): void {
    const { response } = subscriber;
    if (response.writableEnded || response.destroyed) return;
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      this.#drop(subscriber);
      response.destroy();
      return;
    }
    response.write(text);
  }

  #drop(subscriber: Subscriber): void {
    if (subscriber.expiry) clearTimeout(subscriber.expiry);
    subscriber.expiry = null;
    this.#subscribers.delete(subscriber);
  }
}
