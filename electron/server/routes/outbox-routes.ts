/**
 * The outbox to the provincial system on the dashboard: what is pending, delivered and dead, why
 * a dead letter died, retrying it, and the queue statistics of a finished day on demand.
 */
import { enqueueQueueStatsResponse, outboxItemSchema, outboxResponse } from '../../common/dossier-responses.ts';
import { DomainError } from '../../common/errors.ts';
import { enqueueQueueStatsRequest, isoDateOfVi } from '../../common/provincial.ts';
import { route, type Route } from '../http/route.ts';
import type { ProvincialSync } from '../sync/provincial-sync.ts';

const SUPERVISOR = { devices: ['dashboard'], staff: ['supervisor', 'admin'] } as const;

export function outboxRoutes(sync: ProvincialSync): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/outbox',
      operationId: 'getOutbox',
      tag: 'provincial',
      logs: [],
      summary:
        'The outbox to the provincial system: counts (pending, delivered, dead), whether it is sending and why not, ' +
        'the pending items (soonest due first) and the dead letters (newest first) with their last error.',
      access: SUPERVISOR,
      success: { body: outboxResponse },
      handler: () => ({ status: 200, body: sync.view() }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/outbox/:outboxId/retry',
      operationId: 'retryOutboxItem',
      tag: 'provincial',
      logs: [],
      summary: 'Puts a dead letter back in line: due now, attempts counted afresh. Answers the item.',
      access: SUPERVISOR,
      success: { body: outboxItemSchema },
      handler: ({ params }) => {
        const id = Number(params.outboxId);
        if (!Number.isSafeInteger(id) || id <= 0) throw new DomainError('UNKNOWN_OUTBOX_ITEM', { outboxId: params.outboxId });
        const result = sync.outbox.retryDead(id, sync.now());
        if (result === 'not_found') throw new DomainError('UNKNOWN_OUTBOX_ITEM', { outboxId: id });
        if (result === 'not_dead') throw new DomainError('OUTBOX_ITEM_NOT_DEAD', { outboxId: id });
        sync.worker?.nudge();
        return { status: 200, body: sync.outbox.byId(id) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/outbox/queue-stats',
      operationId: 'enqueueQueueStats',
      tag: 'provincial',
      logs: [],
      summary:
        'Queues the statistics of a finished business day (date=dd/mm/yyyy) for the provincial system; ' +
        'a day already queued answers its item (created=false), the day is sent once.',
      access: SUPERVISOR,
      success: { status: 201, alsoStatus: [200], body: enqueueQueueStatsResponse },
      body: enqueueQueueStatsRequest,
      handler: ({ body }) => {
        const date = isoDateOfVi(body.date);
        if (date === null)
          throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'date', message: 'no such calendar date; use dd/mm/yyyy', code: 'invalid_date' }] });
        if (!sync.stats.isFinished(date)) {
          throw new DomainError('VALIDATION_FAILED', {
            issues: [{ path: 'date', message: 'only a business day that has ended can be reported', code: 'day_not_finished' }],
          });
        }
        const result = sync.stats.enqueueDay(date);
        sync.worker?.nudge();
        return { status: result.created ? 201 : 200, body: { ...result, businessDate: body.date } };
      },
    }),
  ];
}
