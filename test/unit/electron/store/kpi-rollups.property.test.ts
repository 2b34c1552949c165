/**
 * The daily KPI rollups kept incrementally (QueueStore writing ticket rows through random command
 * sequences of the real engine, flushed at random points, across days) equal a full rebuild from
 * the tickets, and the rows they answer equal computeKpis over the same tickets, for every
 * attribute grouping; an import rebuilds the days it touched; other targets rebuild everything.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import type { DomainEvent } from '../../../../electron/common/events.ts';
import type { HallConfig } from '../../../../electron/common/hall-config.ts';
import { foldEvents, type HallState } from '../../../../electron/core/hall-state.ts';
import { ATTRIBUTE_GROUP_BY, computeKpis } from '../../../../electron/core/kpi.ts';
import {
  callNext,
  closeDayIfDue,
  finishService,
  issueTicket,
  markNoShow,
  openCounter,
  startService,
  type EngineContext,
} from '../../../../electron/core/queue-engine.ts';
import { submitRating } from '../../../../electron/core/rating.ts';
import { uuidv7 } from '../../../../electron/server/ids.ts';
import { KpiQueries } from '../../../../electron/store/kpi-queries.ts';
import { KpiRollups } from '../../../../electron/store/kpi-rollups.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';
import { QueueStore } from '../../../../electron/store/queue-store.ts';
import { tempDir } from '../../../support/hall-server.ts';
import { FakeClock, MONDAY, TZ, at, issueCommand, testHallConfig } from '../../../support/hall-config.fixture.ts';

const TARGETS = { waitMinutes: 15, serviceMinutes: 30 };
const COUNTERS = ['quay-1', 'quay-2', 'quay-3'] as const;
const SERVICES = ['ho-tich', 'chung-thuc', 'dat-dai'] as const;
const OUTCOMES = ['received_dossier', 'returned_result', 'guidance_only', 'rejected'] as const;

type Step =
  | { kind: 'issue'; service: number }
  | { kind: 'call'; counter: number }
  | { kind: 'start'; counter: number }
  | { kind: 'finish'; counter: number; outcome: number; rating: number | null }
  | { kind: 'noShow'; counter: number }
  | { kind: 'rate'; counter: number; level: number }
  | { kind: 'wait'; minutes: number }
  | { kind: 'flush' }
  | { kind: 'nextDay' };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('call' as const), counter: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('start' as const), counter: fc.nat(2) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('finish' as const), counter: fc.nat(2), outcome: fc.nat(3), rating: fc.option(fc.nat(2), { nil: null }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('noShow' as const), counter: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rate' as const), counter: fc.nat(2), level: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 0, max: 25 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextDay' as const }) },
);

/** A day of two services with a received dossier and ratings, then a second day. */
const COVERING_RUN: Step[] = [
  { kind: 'issue', service: 0 },
  { kind: 'issue', service: 1 },
  { kind: 'wait', minutes: 4 },
  { kind: 'call', counter: 0 },
  { kind: 'start', counter: 0 },
  { kind: 'wait', minutes: 9 },
  { kind: 'finish', counter: 0, outcome: 0, rating: 0 },
  { kind: 'call', counter: 1 },
  { kind: 'start', counter: 1 },
  { kind: 'finish', counter: 1, outcome: 1, rating: 2 },
  { kind: 'flush' },
  { kind: 'nextDay' },
  { kind: 'issue', service: 2 },
  { kind: 'call', counter: 2 },
  { kind: 'start', counter: 2 },
  { kind: 'finish', counter: 2, outcome: 0, rating: 1 },
];

/** The engine wired to a store the way HallService wires them; commands the state refuses are skipped. */
function run(config: HallConfig, store: QueueStore, steps: readonly Step[], start: number): void {
  const clock = new FakeClock(start);
  let state: HallState = store.loadState(config);
  const ctx = (): EngineContext => ({ now: clock.now(), newId: () => uuidv7(clock.now()) });
  const exec = (decide: (c: HallConfig, s: HallState, x: EngineContext) => DomainEvent[]): void => {
    let events: DomainEvent[];
    try {
      events = decide(config, state, ctx());
    } catch {
      return; // refused by the engine (nothing to call, window closed, …)
    }
    if (events.length === 0) return;
    const fold = foldEvents(config, state, events);
    store.commit(events, { tickets: fold.tickets, counters: fold.counters });
    state = fold.state;
    clock.advance(1000); // distinct instants
  };
  for (const c of COUNTERS) exec((cf, s, x) => openCounter(cf, s, c, `cb-${c}`, x));
  for (const step of steps) {
    const counter = 'counter' in step ? (COUNTERS[step.counter] ?? 'quay-1') : 'quay-1';
    switch (step.kind) {
      case 'issue':
        exec((c, s, x) => issueTicket(c, s, issueCommand(SERVICES[step.service] ?? 'ho-tich'), x));
        break;
      case 'call':
        exec((c, s, x) => callNext(c, s, counter, x));
        break;
      case 'start':
        exec((c, s, x) => startService(c, s, counter, x));
        break;
      case 'finish': {
        exec((c, s, x) => finishService(c, s, counter, OUTCOMES[step.outcome] ?? 'guidance_only', x));
        const level = step.rating === null ? null : (['very_satisfied', 'satisfied', 'dissatisfied'] as const)[step.rating];
        if (level) exec((c, s, x) => submitRating(c, s, counter, { level }, x)); // the citizen presses the keypad at once
        break;
      }
      case 'noShow':
        exec((c, s, x) => markNoShow(c, s, counter, x));
        break;
      case 'rate':
        exec((c, s, x) => submitRating(c, s, counter, { level: (['very_satisfied', 'satisfied', 'dissatisfied'] as const)[step.level] ?? 'satisfied' }, x));
        break;
      case 'wait':
        clock.advance(step.minutes * 60_000 + 7_301);
        break;
      case 'flush':
        store.flushProjections();
        break;
      case 'nextDay': {
        clock.set(at(MONDAY, '08:00') + Math.ceil((clock.now() - at(MONDAY, '08:00') + 1) / 86_400_000) * 86_400_000);
        exec(closeDayIfDue);
        for (const c of COUNTERS) exec((cf, s, x) => openCounter(cf, s, c, `cb-${c}`, x));
        break;
      }
    }
  }
  store.flushProjections();
}

const dump = (db: HallDatabase): unknown => ({
  cells: db.prepare('SELECT * FROM kpi_daily ORDER BY business_date, service_id, counter_id, officer_id, procedure_id').all(),
  hist: db.prepare('SELECT dim, business_date, key, hex(hist) AS h FROM kpi_daily_waits ORDER BY dim, business_date, key').all(),
});

describe('daily KPI rollups', () => {
  let tmp: ReturnType<typeof tempDir>;
  let n = 0;
  before(() => {
    tmp = tempDir('hall-rollups-');
  });
  after(() => tmp.cleanup());

  test('kept incrementally through random commands: equal to a rebuild, and to computeKpis for every grouping', () => {
    const config = testHallConfig({
      targets: TARGETS,
      schedule: {
        weekly: {
          mon: [{ from: '00:00', to: '23:59' }],
          tue: [{ from: '00:00', to: '23:59' }],
          wed: [{ from: '00:00', to: '23:59' }],
          thu: [{ from: '00:00', to: '23:59' }],
        },
      },
    } as never);
    const seen = { tickets: 0, waits: 0, services: 0, ratings: 0, dossiers: 0, days: 0 };
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 40, maxLength: 160, size: 'max' }), (steps) => {
        const db = openHallDatabase(join(tmp.dir, `incremental-${++n}.db`));
        try {
          const rollups = new KpiRollups(db, TARGETS);
          rollups.ensure();
          run(config, new QueueStore(db, undefined, rollups), steps, at(MONDAY, '08:00'));
          const incremental = dump(db);
          const queries = new KpiQueries(db, undefined, rollups);
          const days = db.prepare('SELECT MIN(business_date) AS a, MAX(business_date) AS b FROM tickets').get() as { a: string | null; b: string | null };
          const from = days.a ?? MONDAY;
          const to = days.b ?? MONDAY;
          const facts = queries.ticketFacts(from, to);
          const sums = db
            .prepare(
              'SELECT COALESCE(SUM(tickets),0) t, COALESCE(SUM(waits),0) w, COALESCE(SUM(services),0) s, COALESCE(SUM(ratings),0) r, COALESCE(SUM(dossiers),0) d, COUNT(DISTINCT business_date) n FROM kpi_daily',
            )
            .get() as Record<string, number>;
          seen.tickets += sums.t ?? 0;
          seen.waits += sums.w ?? 0;
          seen.services += sums.s ?? 0;
          seen.ratings += sums.r ?? 0;
          seen.dossiers += sums.d ?? 0;
          seen.days = Math.max(seen.days, sums.n ?? 0);
          for (const groupBy of ATTRIBUTE_GROUP_BY) {
            assert.deepEqual(queries.kpiRows(from, to, groupBy, TARGETS), computeKpis(facts, { groupBy, targets: TARGETS, timeZone: TZ }), groupBy);
            assert.deepEqual(
              queries.kpiRows(from, from, groupBy, TARGETS),
              computeKpis(
                facts.filter((f) => f.businessDate === from),
                { groupBy, targets: TARGETS, timeZone: TZ },
              ),
              `${groupBy} first day`,
            );
          }
          db.exec("DELETE FROM hall_meta WHERE key = 'kpi_rollup_targets'");
          assert.equal(new KpiRollups(db, TARGETS).ensure(), true, 'a rollup without recorded targets is rebuilt');
          assert.deepEqual(dump(db), incremental, 'the incremental rollups equal a full rebuild');
        } finally {
          db.close();
        }
      }),
      // The random runs come with one fixed run that covers everything the rollups count (a
      // received dossier, a rating, two days), so the check below never depends on the draw.
      { numRuns: 25, examples: [[COVERING_RUN]] },
    );
    // The runs exercised what the rollups count: not an empty property.
    for (const [what, count] of Object.entries(seen)) assert.ok(count > (what === 'days' ? 1 : 0), `${what}: ${count}`);
  });

  test('other targets: the queries fall back to the tickets until the rollups are rebuilt for them', () => {
    const config = testHallConfig();
    const db = openHallDatabase(join(tmp.dir, 'targets.db'));
    try {
      const rollups = new KpiRollups(db, TARGETS);
      rollups.ensure();
      run(
        config,
        new QueueStore(db, undefined, rollups),
        [
          { kind: 'issue', service: 0 },
          { kind: 'wait', minutes: 12 },
          { kind: 'call', counter: 0 },
          { kind: 'issue', service: 1 },
          { kind: 'wait', minutes: 8 },
          { kind: 'call', counter: 1 },
        ],
        at(MONDAY, '08:00'),
      );
      const strict = { waitMinutes: 10, serviceMinutes: 30 };
      const queries = new KpiQueries(db, undefined, rollups);
      const [byRollup] = queries.kpiRows(MONDAY, MONDAY, 'none', TARGETS);
      const [byTickets] = queries.kpiRows(MONDAY, MONDAY, 'none', strict);
      assert.equal(byRollup?.withinWaitTargetPct, 100);
      assert.equal(byTickets?.withinWaitTargetPct, 50, 'the 12-minute wait misses a 10-minute target');
      const stricter = new KpiRollups(db, strict);
      assert.equal(stricter.ensure(), true);
      assert.deepEqual(stricter.rows(MONDAY, MONDAY, 'none'), queries.kpiRowsFromTickets(MONDAY, MONDAY, 'none', strict));
    } finally {
      db.close();
    }
  });
});
