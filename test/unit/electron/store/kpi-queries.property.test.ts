/**
 * The database aggregates of KpiQueries.kpiRows equal the pure computeKpis over the same tickets,
 * for every attribute grouping (property test on random tickets written to a real SQLite file);
 * and the range of business days is exact at its ends (a ticket of the day before or after is out).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { RATING_LEVELS, TICKET_STATUSES } from '../../../../electron/common/domain.ts';
import { businessDateOf } from '../../../../electron/core/business-time.ts';
import { ATTRIBUTE_GROUP_BY, computeKpis } from '../../../../electron/core/kpi.ts';
import { uuidv7 } from '../../../../electron/server/ids.ts';
import { KpiQueries } from '../../../../electron/store/kpi-queries.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';
import { tempDir } from '../../../support/hall-server.ts';
import { MONDAY, TZ, at } from '../../../support/hall-config.fixture.ts';

const DAY0 = at(MONDAY, '00:00');
const DAYS = 4;
const TARGETS = { waitMinutes: 15, serviceMinutes: 30 };

const arbTicket = fc.record({
  issueOffset: fc.integer({ min: 0, max: DAYS * 86_400_000 - 1 }),
  waitMs: fc.option(fc.integer({ min: 0, max: 2 * 3_600_000 }), { nil: null }),
  slotOffset: fc.option(fc.integer({ min: -3_600_000, max: 3_600_000 }), { nil: null }),
  serviceMs: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }),
  status: fc.constantFrom(...TICKET_STATUSES),
  serviceId: fc.constantFrom('ho-tich', 'chung-thuc', 'dat-dai'),
  counterId: fc.option(fc.constantFrom('quay-1', 'quay-2'), { nil: null }),
  officerId: fc.option(fc.constantFrom('cb-1', 'cb-2', 'cb-3'), { nil: null }),
  procedureId: fc.option(fc.constantFrom('p-1', 'p-2'), { nil: null }),
  rating: fc.option(fc.constantFrom(...RATING_LEVELS), { nil: null }),
});

describe('KpiQueries.kpiRows equals computeKpis', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: HallDatabase;
  let queries: KpiQueries;
  before(() => {
    tmp = tempDir('hall-kpi-queries-');
    db = openHallDatabase(join(tmp.dir, 'hall.db'));
    queries = new KpiQueries(db);
  });
  after(() => {
    db.close();
    tmp.cleanup();
  });

  test('for every attribute grouping, over random tickets and random day ranges', () => {
    const insert = db.prepare(
      `INSERT INTO tickets (id, business_date, issued_service_id, service_id, seq, number, priority, status, channel, issued_at, queued_at,
         slot_start, counter_id, officer_id, first_called_at, started_at, finished_at, procedure_id, rating)
       VALUES (?, ?, ?, ?, ?, ?, 'normal', ?, 'kiosk', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    fc.assert(
      fc.property(fc.array(arbTicket, { maxLength: 60 }), fc.integer({ min: 0, max: DAYS - 1 }), fc.integer({ min: 0, max: DAYS - 1 }), (tickets, a, b) => {
        db.exec('DELETE FROM tickets');
        const facts = tickets.map((r, i) => {
          const issuedAt = DAY0 + r.issueOffset;
          const slotStart = r.slotOffset === null ? null : issuedAt + r.slotOffset;
          const firstCalledAt = r.waitMs === null ? null : issuedAt + r.waitMs;
          const startedAt = firstCalledAt !== null && r.serviceMs !== null ? firstCalledAt + 30_000 : null;
          const finishedAt = startedAt === null || r.serviceMs === null ? null : startedAt + r.serviceMs;
          const id = uuidv7(issuedAt);
          const businessDate = businessDateOf(issuedAt, TZ);
          insert.run(
            id,
            businessDate,
            r.serviceId,
            r.serviceId,
            i + 1,
            `A${i + 1}`,
            r.status,
            issuedAt,
            issuedAt,
            slotStart,
            r.counterId,
            r.officerId,
            firstCalledAt,
            startedAt,
            finishedAt,
            r.procedureId,
            r.rating,
          );
          return {
            ticketId: id,
            businessDate,
            issuedAt,
            slotStart,
            priority: 'normal' as const,
            serviceId: r.serviceId,
            procedureId: r.procedureId,
            counterId: r.counterId,
            officerId: r.officerId,
            status: r.status,
            firstCalledAt,
            startedAt,
            finishedAt,
            outcome: null,
            rating: r.rating,
          };
        });
        const from = businessDateOf(DAY0 + Math.min(a, b) * 86_400_000, TZ);
        const to = businessDateOf(DAY0 + Math.max(a, b) * 86_400_000, TZ);
        const inRange = facts.filter((f) => f.businessDate >= from && f.businessDate <= to);
        for (const groupBy of ATTRIBUTE_GROUP_BY) {
          assert.deepEqual(queries.kpiRows(from, to, groupBy, TARGETS), computeKpis(inRange, { groupBy, targets: TARGETS, timeZone: TZ }), groupBy);
        }
        assert.deepEqual(
          queries
            .ticketFacts(from, to)
            .map((f) => f.ticketId)
            .sort(),
          inRange.map((f) => f.ticketId).sort(),
        );
      }),
      { numRuns: 60 },
    );
  });
});
