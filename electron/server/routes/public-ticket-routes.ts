/**
 * The public ticket page's routes (renderer/ticket, served at /t/<token>): anyone may call them,
 * with the token from the ticket's QR. Read-only; limited per address (hall config
 * `publicTicketPage.requestsPerMinute`, both routes sharing one budget, counted before anything
 * else is done); an unknown token is 404 UNKNOWN_TICKET like any other (ticket-links.ts).
 * Nothing is logged per request: /metrics counts them by operation and status; refusals by the
 * rate limit are logged without the address.
 */
import { DomainError } from '../../common/errors.ts';
import { publicTicketParams, publicTicketView } from '../../common/public-ticket-wire.ts';
import { route, type Route } from '../http/route.ts';
import type { PublicTicketFeed } from '../public-ticket-feed.ts';
import type { TicketLinks } from '../ticket-links.ts';

export interface PublicTicketRouteDeps {
  readonly links: TicketLinks;
  readonly feed: PublicTicketFeed;
  /** Requests per address and minute, both routes together. */
  readonly requestsPerMinute: number;
}

export function publicTicketRoutes({ links, feed, requestsPerMinute }: PublicTicketRouteDeps): Route[] {
  const rateLimit = { max: requestsPerMinute, windowMs: 60_000, group: 'public-ticket' } as const;
  const ticketOf = (token: string): string => {
    const ticketId = links.resolve(token);
    if (ticketId === null) throw new DomainError('UNKNOWN_TICKET', {});
    return ticketId;
  };
  return [
    route({
      method: 'GET',
      path: '/api/v1/public/tickets/:token',
      operationId: 'getPublicTicket',
      tag: 'public',
      logs: [],
      summary:
        "The ticket page's data for the token on the ticket's QR: number, service, state, people ahead, estimated wait, " +
        'the counter when called. No ticket id, no personal data. Rate-limited per address.',
      access: {},
      params: publicTicketParams,
      rateLimit,
      success: { body: publicTicketView },
      handler: ({ params }) => {
        const view = feed.view(ticketOf(params.token));
        if (!view) throw new DomainError('UNKNOWN_TICKET', {});
        return { status: 200, body: view };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/public/tickets/:token/events',
      operationId: 'streamPublicTicket',
      tag: 'public',
      logs: [],
      summary:
        'Server-sent events of the same view: at once, then whenever it changes, until the ticket is final or its ' +
        'business day ends (the last message is then the expired view). When the hall follows as many pages as it may, the view comes ' +
        'once with a `busy` event and the stream ends; the browser asks again 30 s later.',
      access: {},
      params: publicTicketParams,
      rateLimit,
      success: { contentType: 'text/event-stream' },
      handler: ({ params }) => ({ status: 200, body: null, stream: { open: feed.stream(ticketOf(params.token)) } }),
    }),
  ];
}
