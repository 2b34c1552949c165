/** Issuing tickets (kiosks, counters), the public status page data, cancel and return. */
import type { z } from 'zod';
import { toPublicTicket, type PriorityClass } from '../../common/domain.ts';
import { DomainError } from '../../common/errors.ts';
import { consentGiven, type DomainEvent } from '../../common/events.ts';
import type { Consent } from '../../common/privacy-notice.ts';
import { cancelTicketRequest, issueTicketRequest, returnTicketRequest, type IssueTicketResponse, type TicketStatusResponse } from '../../common/wire.ts';
import { cancelTicket, issueTicket, returnTicket } from '../../core/queue-engine.ts';
import { issueTicketResponse, seqResponse, ticketStatusResponse } from '../../common/hall-responses.ts';
import { estimateWait, ticketWait } from '../../core/wait-estimate.ts';
import { route, type Route, type RouteResult } from '../http/route.ts';
import { personHash } from '../secrets.ts';
import { ticketActorOf, type Caller } from '../access.ts';
import type { RouteDeps } from './deps.ts';

const STAFF = ['officer', 'supervisor', 'admin'] as const;

/** The issue's events, preceded by the citizen's consent (bound to the new ticket) when one came with the request. */
function withConsent(consent: Consent | undefined, at: number, events: DomainEvent[]): DomainEvent[] {
  const issued = events.find((e) => e.type === 'ticket.issued');
  if (consent === undefined || issued === undefined) return events;
  return [consentGiven(consent, at, { ticketId: issued.ticketId, dossierId: null }), ...events];
}

export function ticketRoutes(deps: RouteDeps): Route[] {
  const { hall } = deps;
  const issue = (body: z.output<typeof issueTicketRequest>, caller: Caller): RouteResult => {
    const chip = body.chip === undefined ? null : deps.chips.check(body.chip);
    const verified = chip?.status === 'verified' ? chip : null;
    if (verified !== null && body.idNumber !== undefined && body.idNumber !== verified.idNumber) {
      throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'idNumber', message: 'the ID number differs from the one on the card’s chip' }] });
    }
    const idNumber = verified?.idNumber ?? body.idNumber;
    const hash = idNumber === undefined ? null : personHash(deps.personKey, idNumber);
    const priority: PriorityClass = body.priority;
    const { consent } = body;
    const [issued] = hall
      .execute((config, state, ctx) =>
        withConsent(
          consent,
          ctx.now,
          issueTicket(
            config,
            state,
            {
              serviceId: body.serviceId,
              priority,
              chip: verified === null ? null : { dateOfBirth: verified.dateOfBirth },
              channel: priority === 'appointment' ? 'appointment' : caller.device?.role === 'counter' ? 'counter' : 'kiosk',
              personHash: hash,
              procedureId: body.procedureId ?? null,
              slotStart: body.slotStart ?? null,
              deviceId: caller.device?.id ?? null,
              dossierCount: body.dossierCount,
            },
            ctx,
          ),
        ),
      )
      .filter((e) => e.type === 'ticket.issued');
    if (!issued || issued.type !== 'ticket.issued') throw new DomainError('INTERNAL');
    const ticket = issued.data.ticket;
    const estimate = estimateWait(hall.config, hall.state, ticket.serviceId, ticket.priority, ticket);
    const response: IssueTicketResponse = { ticket: toPublicTicket(ticket), estimate, ...deps.ticketLinks.linkOf(ticket.id) };
    return { status: 201, body: response };
  };
  return [
    route({
      method: 'POST',
      path: '/api/v1/tickets',
      operationId: 'issueTicket',
      tag: 'tickets',
      logs: ['ticket.issued', 'consent.given'],
      logLines: ['a chip sent with a ticket did not verify; its priority counts as declared'],
      summary:
        'Issue a queue ticket (kiosk, or an officer logged in at a counter for a walk-in). Returns the number and the estimated wait. An ID number or a chip comes only with the citizen’s consent to the identify notice, recorded with the ticket.',
      access: { devices: ['kiosk', 'counter'] },
      success: { status: 201, body: issueTicketResponse },
      body: issueTicketRequest,
      handler: ({ body, caller, sessionToken }) => {
        // A counter terminal issues only for the officer logged in at it.
        const staff = caller.device?.role === 'counter' ? deps.access.staffForSession(caller.device, sessionToken) : null;
        // The device's issue limit (device-flooding.ts); a replay of an Idempotency-Key never gets here.
        deps.issueLimiter.admit(caller.device);
        if (staff) return hall.actingAs({ deviceId: caller.device?.id ?? null, staffId: staff.id }, () => issue(body, caller));
        return issue(body, caller);
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/tickets/:ticketId',
      operationId: 'getTicketStatus',
      tag: 'tickets',
      logs: [],
      summary:
        "Status of one ticket for the hall's terminals: position, estimate, counter when called. Citizens' phones use the " +
        'ticket page behind the QR (getPublicTicket, by its unguessable token); this answer names the priority class, so it needs an enrolled device.',
      access: { devices: ['kiosk', 'counter', 'display', 'dashboard'] },
      success: { body: ticketStatusResponse },
      handler: ({ params }) => {
        const t = hall.ticket(params.ticketId ?? '');
        if (!t) throw new DomainError('UNKNOWN_TICKET', { ticketId: params.ticketId });
        const waiting = t.status === 'waiting';
        const estimate = waiting ? ticketWait(hall.config, hall.state, t) : null;
        const body: TicketStatusResponse = {
          id: t.id,
          number: t.number,
          serviceId: t.serviceId,
          status: t.status,
          priority: t.priority,
          issuedAt: t.issuedAt,
          counterNumber: t.counterId === null ? null : (hall.config.counters.find((c) => c.id === t.counterId)?.number ?? null),
          peopleAhead: estimate?.peopleAhead ?? null,
          estimatedWaitMinutes: estimate?.estimatedWaitMinutes ?? null,
        };
        return { status: 200, body };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/tickets/:ticketId/cancel',
      operationId: 'cancelTicket',
      tag: 'tickets',
      logs: ['ticket.cancelled'],
      summary: 'Cancel a waiting or held ticket: a supervisor any, an officer one held at or transferred to their counter.',
      access: { devices: ['counter', 'dashboard'], staff: STAFF },
      success: { body: seqResponse },
      body: cancelTicketRequest,
      handler: ({ params, body, caller }) => {
        const stored = hall.execute((c, s, ctx) => cancelTicket(c, s, params.ticketId ?? '', body.reason ?? null, ctx, ticketActorOf(caller)));
        return { status: 200, body: { seq: stored.at(-1)?.seq ?? hall.lastSeq } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/tickets/:ticketId/return',
      operationId: 'returnTicket',
      tag: 'tickets',
      logs: ['ticket.returned'],
      summary: 'Return a held ticket to its queue, first or last: a supervisor any, an officer one held at their counter.',
      access: { devices: ['counter', 'dashboard'], staff: STAFF },
      success: { body: seqResponse },
      body: returnTicketRequest,
      handler: ({ params, body, caller }) => {
        const stored = hall.execute((c, s, ctx) => returnTicket(c, s, params.ticketId ?? '', body.position, ctx, ticketActorOf(caller)));
        return { status: 200, body: { seq: stored.at(-1)?.seq ?? hall.lastSeq } };
      },
    }),
  ];
}
