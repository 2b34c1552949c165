/**
 * The ticket page's state: the view of one ticket (common/public-ticket-wire.ts) kept current.
 *   1. GET /api/v1/public/tickets/<token> once (404: the page says the ticket is unknown);
 *   2. then the server-sent events of /events, which send the view whenever it changes; the
 *      browser reconnects a dropped stream by itself (the page says it is reconnecting);
 *   3. when the server cannot stream (busy, or refused by the rate limit) the page polls instead;
 *   4. everything stops once the view is no longer live (final, or expired at the end of the
 *      business day, timed with the server's clock, not the phone's).
 * Each call of the ticket (and each recall) fires `onCall` (call-alert.ts).
 */
import type { PublicTicketView } from '../shared/api/types.ts';
import { shouldAlert } from './call-alert.ts';

export type PageProblem = 'not_found' | 'busy' | 'offline' | null;

/** How often the page polls when it cannot stream. */
const POLL_MS = 20_000;

export interface TicketPagePorts {
  readonly onCall: () => void;
}

export class TicketPage {
  view = $state.raw<PublicTicketView | null>(null);
  problem = $state<PageProblem>(null);
  /** When the last view arrived, on the server's clock. */
  updatedAt = $state<number | null>(null);

  readonly #base: string;
  readonly #ports: TicketPagePorts;
  #source: EventSource | null = null;
  #poll: ReturnType<typeof setTimeout> | null = null;
  #expiry: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(token: string, ports: TicketPagePorts) {
    this.#base = `/api/v1/public/tickets/${encodeURIComponent(token)}`;
    this.#ports = ports;
  }

  /** Starts following the ticket; returns the stop function. */
  start(): () => void {
    void this.#load().then((ok) => {
      if (ok) this.#stream();
    });
    return () => this.stop();
  }

  stop(): void {
    this.#stopped = true;
    this.#source?.close();
    this.#source = null;
    if (this.#poll) clearTimeout(this.#poll);
    if (this.#expiry) clearTimeout(this.#expiry);
  }

  /** One GET; false when there is nothing to follow (unknown ticket, or no longer live). */
  async #load(): Promise<boolean> {
    try {
      const response = await fetch(this.#base, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (response.status === 404) {
        this.problem = 'not_found';
        this.stop();
        return false;
      }
      if (!response.ok) {
        this.problem = response.status === 429 || response.status === 503 ? 'busy' : 'offline';
        this.#pollLater();
        return false;
      }
      const view: PublicTicketView = await response.json();
      this.#apply(view);
      this.problem = null;
      return this.view?.live === true;
    } catch {
      this.problem = 'offline';
      this.#pollLater();
      return false;
    }
  }

  #stream(): void {
    if (this.#stopped) return;
    const source = new EventSource(`${this.#base}/events`);
    this.#source = source;
    let busy = false;
    source.onmessage = (message) => {
      busy = false;
      this.problem = null;
      const view: PublicTicketView = JSON.parse(String(message.data));
      this.#apply(view);
    };
    // The hall follows too many pages: it sent the view and ends; the browser asks again later.
    source.addEventListener('busy', () => {
      busy = true;
      this.problem = 'busy';
    });
    source.onerror = () => {
      if (this.#stopped || busy) return;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (busy, rate limit) or ended without a final view: poll instead.
        this.#source = null;
        this.problem = 'busy';
        this.#pollLater();
      } else {
        this.problem = 'offline'; // the browser reconnects by itself
      }
    };
  }

  #pollLater(): void {
    if (this.#stopped || this.#poll) return;
    this.#poll = setTimeout(() => {
      this.#poll = null;
      void this.#load().then((live) => {
        if (live) this.#pollLater();
      });
    }, POLL_MS);
  }

  #apply(next: PublicTicketView): void {
    const previous = this.view;
    this.view = next;
    this.updatedAt = next.now;
    if (shouldAlert(previous, next)) this.#ports.onCall();
    if (!next.live) {
      this.stop();
      return;
    }
    if (this.#expiry) clearTimeout(this.#expiry);
    // The end of the business day, even if the stream is lost by then.
    this.#expiry = setTimeout(() => this.#expire(), Math.max(0, Math.min(2 ** 31 - 1, next.expiresAt - next.now)));
  }

  #expire(): void {
    const view = this.view;
    if (view)
      this.view = { ...view, state: 'expired', peopleAhead: null, estimatedWaitMinutes: null, counterNumber: null, transferredToCounter: null, live: false };
    this.stop();
  }
}
