/**
 * Counter operations. Each needs a counter terminal bound to :counterId and a logged-in officer
 * (or supervisor). The response carries the counter's ticket after the operation.
 */
import { toPublicTicket } from '../../common/domain.ts';
import type { DomainEvent, DomainEventType } from '../../common/events.ts';
import { counterOperationResponse } from '../../common/hall-responses.ts';
import type { HallConfig } from '../../common/hall-config.ts';
import { callTicketRequest, emptyRequest, finishServiceRequest, pauseCounterRequest, reviewPriorityRequest, transferTicketRequest } from '../../common/wire.ts';
import { reviewPriority } from '../../core/priority.ts';
import type { HallState } from '../../core/hall-state.ts';
import * as engine from '../../core/queue-engine.ts';
import { route, type Route, type RouteResult } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';
import { ticketActorOf } from '../access.ts';

const COUNTER_ACCESS = { devices: ['counter'], staff: ['officer', 'supervisor', 'admin'], boundCounter: true } as const;
const SUCCESS = { body: counterOperationResponse };

function counterResult(deps: RouteDeps, counterId: string, stored: readonly { seq: number }[], ticketId?: string | null): RouteResult {
  const { hall } = deps;
  const counter = hall.state.counters.get(counterId);
  const id = ticketId ?? counter?.currentTicketId ?? null;
  const ticket = id === null ? null : hall.ticket(id);
  return {
    status: 200,
    body: {
      seq: stored.at(-1)?.seq ?? hall.lastSeq,
      counter: counter ?? null,
      ticket: ticket ? toPublicTicket(ticket) : null,
      /** The code of the dossier submitted with this ticket at the kiosk, if any (findDossier opens it). */
      dossierCode: ticket ? (deps.dossierCodeOf?.(ticket.id) ?? null) : null,
    },
  };
}

type CounterDecision = (config: HallConfig, state: HallState, counterId: string, ctx: engine.EngineContext) => DomainEvent[];

export function counterRoutes(deps: RouteDeps): Route[] {
  const { hall } = deps;
  const simple = (path: string, operationId: string, summary: string, decide: CounterDecision, logs: readonly DomainEventType[], reportTicket = false): Route =>
    route({
      method: 'POST',
      path: `/api/v1/counters/:counterId/${path}`,
      operationId,
      summary,
      tag: 'counters',
      logs,
      access: COUNTER_ACCESS,
      success: SUCCESS,
      body: emptyRequest,
      handler: ({ params }) => {
        const counterId = params.counterId ?? '';
        const before = hall.state.counters.get(counterId)?.currentTicketId ?? null;
        const stored = hall.execute((c, s, ctx) => decide(c, s, counterId, ctx));
        return counterResult(deps, counterId, stored, reportTicket ? before : undefined);
      },
    });

  return [
    route({
      method: 'POST',
      path: '/api/v1/counters/:counterId/open',
      operationId: 'openCounter',
      tag: 'counters',
      logs: ['counter.opened'],
      summary: 'Open the counter for the logged-in officer.',
      access: COUNTER_ACCESS,
      success: SUCCESS,
      body: emptyRequest,
      handler: ({ params, caller }) => {
        const counterId = params.counterId ?? '';
        const stored = hall.execute((c, s, ctx) => engine.openCounter(c, s, counterId, caller.staff?.id ?? null, ctx));
        return counterResult(deps, counterId, stored);
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/counters/:counterId/pause',
      operationId: 'pauseCounter',
      tag: 'counters',
      logs: ['counter.paused'],
      summary: 'Pause the counter with a reason (tạm dừng).',
      access: COUNTER_ACCESS,
      success: SUCCESS,
      body: pauseCounterRequest,
      handler: ({ params, body }) => {
        const counterId = params.counterId ?? '';
        const stored = hall.execute((c, s, ctx) => engine.pauseCounter(c, s, counterId, body.reason, ctx));
        return counterResult(deps, counterId, stored);
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/counters/:counterId/priority-review',
      operationId: 'reviewPriority',
      tag: 'counters',
      logs: ['ticket.priority_reviewed'],
      summary:
        'The officer confirms or clears the declared priority (pregnant, disabled, elderly without a verified chip) of the ticket ' +
        'called or served at this counter; a cleared ticket is normal from then on. Logged as ticket.priority_reviewed with the officer.',
      access: COUNTER_ACCESS,
      success: SUCCESS,
      body: reviewPriorityRequest,
      handler: ({ params, body, caller }) => {
        const counterId = params.counterId ?? '';
        const stored = hall.execute((_c, s, ctx) => reviewPriority(s, counterId, body.decision, caller.staff?.id ?? null, ctx));
        return counterResult(deps, counterId, stored);
      },
    }),
    simple('resume', 'resumeCounter', 'Resume a paused counter.', engine.resumeCounter, ['counter.resumed']),
    simple('close', 'closeCounter', 'Close the counter.', engine.closeCounter, ['counter.closed']),
    simple('call-next', 'callNext', 'Call the next ticket by the hall policy.', engine.callNext, ['ticket.called']),
    route({
      method: 'POST',
      path: '/api/v1/counters/:counterId/call',
      operationId: 'callTicket',
      tag: 'counters',
      logs: ['ticket.called'],
      summary: 'Call a specific waiting or held ticket, by id or number.',
      access: COUNTER_ACCESS,
      success: SUCCESS,
      body: callTicketRequest,
      handler: ({ params, body, caller }) => {
        const counterId = params.counterId ?? '';
        const ref = body.ticketId !== undefined ? { ticketId: body.ticketId } : { number: body.number ?? '' };
        const stored = hall.execute((c, s, ctx) => engine.callTicket(c, s, counterId, ref, ctx, ticketActorOf(caller)));
        return counterResult(deps, counterId, stored);
      },
    }),
    simple('recall', 'recall', 'Call the current ticket again (announced again).', engine.recall, ['ticket.recalled']),
    simple('start', 'startService', 'Start serving the called ticket.', engine.startService, ['service.started']),
    route({
      method: 'POST',
      path: '/api/v1/counters/:counterId/finish',
      operationId: 'finishService',
      tag: 'counters',
      logs: ['service.finished'],
      summary: 'Finish the service with an outcome and, optionally, the procedure handled (the ticket counts under it in the figures by procedure).',
      access: COUNTER_ACCESS,
      success: SUCCESS,
      body: finishServiceRequest,
      handler: ({ params, body }) => {
        const counterId = params.counterId ?? '';
        const before = hall.state.counters.get(counterId)?.currentTicketId ?? null;
        const stored = hall.execute((c, s, ctx) => engine.finishService(c, s, counterId, body.outcome, ctx, body.procedureId ?? null));
        return counterResult(deps, counterId, stored, before);
      },
    }),
    simple('no-show', 'markNoShow', 'The called citizen did not come (vắng mặt).', engine.markNoShow, ['ticket.no_show'], true),
    simple('hold', 'holdTicket', 'Park the current ticket (the citizen fetches a paper).', engine.holdTicket, ['ticket.held'], true),
    route({
      method: 'POST',
      path: '/api/v1/counters/:counterId/transfer',
      operationId: 'transferTicket',
      tag: 'counters',
      logs: ['ticket.transferred'],
      summary: 'Transfer the current ticket to another service and/or counter, keeping its arrival time.',
      access: COUNTER_ACCESS,
      success: SUCCESS,
      body: transferTicketRequest,
      handler: ({ params, body }) => {
        const counterId = params.counterId ?? '';
        const before = hall.state.counters.get(counterId)?.currentTicketId ?? null;
        const stored = hall.execute((c, s, ctx) =>
          engine.transferTicket(c, s, { counterId }, { toServiceId: body.toServiceId ?? null, toCounterId: body.toCounterId ?? null }, ctx),
        );
        return counterResult(deps, counterId, stored, before);
      },
    }),
  ];
}
