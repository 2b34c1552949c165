/**
 * KPI arithmetic against hand-computed fixtures: wait (from issue, or from the slot for early
 * appointments; no-shows included, never-called tickets excluded), service, nearest-rank median
 * and p90, inclusive targets, satisfaction (null without ratings), local-time buckets; the
 * TT 01/2018 index scores and classes; officer productivity; and a property: per-day rows add up
 * to the whole range.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TICKET_STATUSES } from '../../../../electron/common/domain.ts';
import { businessDateOf } from '../../../../electron/core/business-time.ts';
import { computeKpis, nearestRank, satisfactionPct, waitMs, type KpiGroupBy, type KpiRow, type TicketFacts } from '../../../../electron/core/kpi.ts';
import { classifyOfficer, classifyUnit, officerProductivity, OFFICER_INDICES, scoreIndices, TT01_INDICES } from '../../../../electron/core/tt01-scoring.ts';
import { MINUTE, MONDAY, TZ, at } from '../../../support/hall-config.fixture.ts';

const TARGETS = { waitMinutes: 15, serviceMinutes: 30 } as const;
const SECOND = 1000;
/** 08:00 in Hanoi on Monday 2026-03-02 (01:00Z). */
const T = at(MONDAY, '08:00');

let nextId = 0;
function fact(f: Partial<TicketFacts> = {}): TicketFacts {
  nextId += 1;
  return {
    ticketId: `t-${nextId}`,
    businessDate: MONDAY,
    issuedAt: T,
    slotStart: null,
    priority: 'normal',
    serviceId: 'ho-tich',
    procedureId: null,
    counterId: null,
    officerId: null,
    status: 'waiting',
    firstCalledAt: null,
    startedAt: null,
    finishedAt: null,
    outcome: null,
    rating: null,
    ...f,
  };
}

/** A ticket called after `waitMin` minutes (from T) and left in `status`. */
const calledAfter = (waitMin: number, f: Partial<TicketFacts> = {}): TicketFacts =>
  fact({ status: 'called', firstCalledAt: T + waitMin * MINUTE, counterId: 'quay-1', ...f });

const kpis = (facts: readonly TicketFacts[], groupBy: KpiGroupBy = 'none'): KpiRow[] => computeKpis(facts, { groupBy, targets: TARGETS, timeZone: TZ });

function only(rows: readonly KpiRow[]): KpiRow {
  assert.equal(rows.length, 1);
  return rows[0] as KpiRow;
}

/**
 * The morning fixture (minutes after T):
 *   A ho-tich    quay-1  issued 0, called 10, start 11, finish 31  done      wait 10, service 20
 *   B chung-thuc quay-2  issued 0, called 15, start 15, finish 45  done      wait 15, service 30
 *   C ho-tich    quay-1  issued 0, called 20                       no_show   wait 20
 *   D ho-tich    –       issued 5, never called                    cancelled no wait
 *   E ho-tich    quay-1  appointment slot 30, issued 0 (early), called 33, start 34, finish 44, done
 *                                                                        wait 33 − 30 = 3, service 10
 *   F chung-thuc quay-2  appointment slot 30, issued 40 (late), called 45, start 46, still serving
 *                                                                        wait 45 − 40 = 5, no service
 */
function morning(): TicketFacts[] {
  const m = (n: number): number => T + n * MINUTE;
  return [
    fact({
      ticketId: 'A',
      serviceId: 'ho-tich',
      counterId: 'quay-1',
      officerId: 'o-1',
      status: 'done',
      firstCalledAt: m(10),
      startedAt: m(11),
      finishedAt: m(31),
      outcome: 'received_dossier',
    }),
    fact({
      ticketId: 'B',
      serviceId: 'chung-thuc',
      counterId: 'quay-2',
      officerId: 'o-2',
      status: 'done',
      firstCalledAt: m(15),
      startedAt: m(15),
      finishedAt: m(45),
      outcome: 'returned_result',
    }),
    fact({ ticketId: 'C', serviceId: 'ho-tich', counterId: 'quay-1', officerId: 'o-1', status: 'no_show', firstCalledAt: m(20) }),
    fact({ ticketId: 'D', serviceId: 'ho-tich', issuedAt: m(5), status: 'cancelled' }),
    fact({
      ticketId: 'E',
      serviceId: 'ho-tich',
      priority: 'appointment',
      slotStart: m(30),
      counterId: 'quay-1',
      officerId: 'o-1',
      status: 'done',
      firstCalledAt: m(33),
      startedAt: m(34),
      finishedAt: m(44),
      outcome: 'received_dossier',
    }),
    fact({
      ticketId: 'F',
      serviceId: 'chung-thuc',
      priority: 'appointment',
      slotStart: m(30),
      issuedAt: m(40),
      counterId: 'quay-2',
      officerId: 'o-2',
      status: 'serving',
      firstCalledAt: m(45),
      startedAt: m(46),
    }),
  ];
}

describe('computeKpis: the morning fixture', () => {
  test('the whole hall', () => {
    // waits sorted [3, 5, 10, 15, 20]: mean 53 / 5 = 10.6; median rank ⌈0.5·5⌉ = 3 → 10;
    // p90 rank ⌈0.9·5⌉ = 5 → 20; within 15 (inclusive): 3, 5, 10, 15 → 4 / 5 = 80 %.
    // services [20, 30, 10]: mean 60 / 3 = 20; within 30 (inclusive): 3 / 3 = 100 %.
    // served A, B, E = 3; no-shows C = 1; no ratings → 0 and null.
    assert.deepEqual(only(kpis(morning())), {
      key: 'all',
      tickets: 6,
      served: 3,
      noShows: 1,
      waitMeanMin: 10.6,
      waitMedianMin: 10,
      waitP90Min: 20,
      withinWaitTargetPct: 80,
      serviceMeanMin: 20,
      withinServiceTargetPct: 100,
      ratings: 0,
      satisfactionPct: null,
    });
  });

  test('by service', () => {
    // chung-thuc: B, F. waits [5, 15]: mean 10; median rank ⌈1⌉ = 1 → 5; p90 rank ⌈1.8⌉ = 2 → 15;
    //   within 2 / 2 = 100 %. services [30]: exactly the target → within, 100 %.
    // ho-tich: A, C, D, E. waits [3, 10, 20] (D has none): mean 33 / 3 = 11; median rank ⌈1.5⌉ = 2 → 10;
    //   p90 rank ⌈2.7⌉ = 3 → 20; within 2 / 3 = 66.7 %. services [20, 10]: mean 15, 100 %.
    assert.deepEqual(kpis(morning(), 'service'), [
      {
        key: 'chung-thuc',
        tickets: 2,
        served: 1,
        noShows: 0,
        waitMeanMin: 10,
        waitMedianMin: 5,
        waitP90Min: 15,
        withinWaitTargetPct: 100,
        serviceMeanMin: 30,
        withinServiceTargetPct: 100,
        ratings: 0,
        satisfactionPct: null,
      },
      {
        key: 'ho-tich',
        tickets: 4,
        served: 2,
        noShows: 1,
        waitMeanMin: 11,
        waitMedianMin: 10,
        waitP90Min: 20,
        withinWaitTargetPct: 66.7,
        serviceMeanMin: 15,
        withinServiceTargetPct: 100,
        ratings: 0,
        satisfactionPct: null,
      },
    ]);
  });

  test('by counter: a never-called ticket has no counter and no wait', () => {
    const rows = kpis(morning(), 'counter');
    assert.deepEqual(
      rows.map((r) => [r.key, r.tickets]),
      [
        ['(none)', 1],
        ['quay-1', 3],
        ['quay-2', 2],
      ],
    );
    const none = rows[0] as KpiRow;
    assert.equal(none.waitMeanMin, null);
    assert.equal(none.withinWaitTargetPct, null);
    assert.equal(none.serviceMeanMin, null);
    // quay-1: A, C, E. waits [3, 10, 20] → mean 11; services [20, 10] → mean 15.
    assert.equal(rows[1]?.waitMeanMin, 11);
    assert.equal(rows[1]?.serviceMeanMin, 15);
  });

  test('by officer', () => {
    assert.deepEqual(
      kpis(morning(), 'officer').map((r) => [r.key, r.tickets, r.served, r.noShows]),
      [
        ['(none)', 1, 0, 0],
        ['o-1', 3, 2, 1],
        ['o-2', 2, 1, 0],
      ],
    );
  });
});

describe('computeKpis: wait definitions', () => {
  test('a wait of exactly 15:00 is within the target; 15:00 + 1 s is not', () => {
    // waits 900 s and 901 s → 1 / 2 = 50 %; mean 900.5 s = 15.0083 min → 15.01.
    const row = only(kpis([calledAfter(15), fact({ status: 'called', firstCalledAt: T + 15 * MINUTE + SECOND })]));
    assert.equal(row.withinWaitTargetPct, 50);
    assert.equal(row.waitMeanMin, 15.01);
    assert.equal(only(kpis([calledAfter(15)])).withinWaitTargetPct, 100);
  });

  test('a no-show counts in the wait statistics', () => {
    // waits 4 (served) and 30 (no-show): mean 17, within 1 / 2 = 50 %.
    const row = only(kpis([calledAfter(4, { status: 'done' }), calledAfter(30, { status: 'no_show' })]));
    assert.equal(row.noShows, 1);
    assert.equal(row.waitMeanMin, 17);
    assert.equal(row.withinWaitTargetPct, 50);
  });

  test('a ticket cancelled before any call has no wait but is counted as a ticket', () => {
    const cancelled = fact({ status: 'cancelled' });
    assert.equal(waitMs(cancelled), null);
    const row = only(kpis([cancelled, calledAfter(6)]));
    // Only the called ticket's 6 minutes: mean 6, not 3.
    assert.deepEqual([row.tickets, row.waitMeanMin, row.waitMedianMin], [2, 6, 6]);
    assert.equal(only(kpis([cancelled])).waitMeanMin, null);
  });

  test('an appointment that came early waits from its slot start; one that came late from its issue', () => {
    // issued 08:00, slot 08:30, called 08:32 → 2 minutes, not 32.
    const early = fact({ priority: 'appointment', slotStart: T + 30 * MINUTE, status: 'called', firstCalledAt: T + 32 * MINUTE });
    assert.equal(waitMs(early), 2 * MINUTE);
    // issued 08:40, slot 08:30, called 08:52 → 12 minutes.
    const late = fact({ priority: 'appointment', issuedAt: T + 40 * MINUTE, slotStart: T + 30 * MINUTE, status: 'called', firstCalledAt: T + 52 * MINUTE });
    assert.equal(waitMs(late), 12 * MINUTE);
    // called 08:27, before its 08:30 slot → 0.
    const beforeSlot = fact({ priority: 'appointment', slotStart: T + 30 * MINUTE, status: 'called', firstCalledAt: T + 27 * MINUTE });
    assert.equal(waitMs(beforeSlot), 0);
    // mean (2 + 12 + 0) / 3 = 4.67; all within.
    const row = only(kpis([early, late, beforeSlot]));
    assert.equal(row.waitMeanMin, 4.67);
    assert.equal(row.withinWaitTargetPct, 100);
  });

  test('service time needs both start and finish; exactly 30:00 is within, 30:00 + 1 s is not', () => {
    const svc = (ms: number, f: Partial<TicketFacts> = {}): TicketFacts =>
      calledAfter(1, { status: 'done', startedAt: T + 2 * MINUTE, finishedAt: T + 2 * MINUTE + ms, ...f });
    // services 1800 s and 1801 s (the started-only ticket has none): mean 30.0083 min → 30.01; 1 / 2 = 50 %.
    const row = only(kpis([svc(30 * MINUTE), svc(30 * MINUTE + SECOND), calledAfter(1, { status: 'serving', startedAt: T + 2 * MINUTE })]));
    assert.equal(row.serviceMeanMin, 30.01);
    assert.equal(row.withinServiceTargetPct, 50);
    assert.equal(row.served, 2);
  });

  test('means are rounded to 2 decimals and shares to 1 decimal', () => {
    // waits 10, 10, 20: mean 40 / 3 = 13.333… → 13.33; within 2 / 3 = 66.666… → 66.7 %.
    const row = only(kpis([calledAfter(10), calledAfter(10), calledAfter(20)]));
    assert.equal(row.waitMeanMin, 13.33);
    assert.equal(row.withinWaitTargetPct, 66.7);
    // one wait of 100 s = 1.666… min → 1.67 (mean, median and p90 alike).
    const single = only(kpis([fact({ status: 'called', firstCalledAt: T + 100 * SECOND })]));
    assert.deepEqual([single.waitMeanMin, single.waitMedianMin, single.waitP90Min], [1.67, 1.67, 1.67]);
  });
});

describe('nearest-rank median and p90', () => {
  test('even count: 2, 4, 6, 8 minutes → median 4 (rank 2, no interpolation to 5), p90 8 (rank ⌈3.6⌉ = 4)', () => {
    const row = only(kpis([8, 2, 6, 4].map((w) => calledAfter(w))));
    assert.deepEqual([row.waitMeanMin, row.waitMedianMin, row.waitP90Min], [5, 4, 8]);
  });

  test('odd count: 1…5 minutes → median 3 (rank ⌈2.5⌉ = 3), p90 5 (rank ⌈4.5⌉ = 5)', () => {
    const row = only(kpis([5, 3, 1, 4, 2].map((w) => calledAfter(w))));
    assert.deepEqual([row.waitMeanMin, row.waitMedianMin, row.waitP90Min], [3, 3, 5]);
  });

  test('ten values 1…10: median 5 (rank 5), p90 9 (rank 9), not the maximum', () => {
    const row = only(kpis([10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((w) => calledAfter(w))));
    assert.deepEqual([row.waitMedianMin, row.waitP90Min], [5, 9]);
  });

  test('six values 1…6: p90 rank ⌈5.4⌉ = 6 (rounding to the nearest rank would give 5)', () => {
    const row = only(kpis([1, 2, 3, 4, 5, 6].map((w) => calledAfter(w))));
    assert.deepEqual([row.waitMeanMin, row.waitMedianMin, row.waitP90Min], [3.5, 3, 6]);
  });

  test('nearestRank on raw lists', () => {
    assert.equal(nearestRank([], 50), null);
    assert.equal(nearestRank([7], 50), 7);
    assert.equal(nearestRank([7], 90), 7);
    assert.equal(nearestRank([1, 2], 50), 1);
    assert.equal(nearestRank([1, 2], 90), 2);
    // nine values: p90 rank ⌈8.1⌉ = 9
    assert.equal(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9], 90), 9);
    // 20 values: p90 rank ⌈18⌉ = 18 exactly (integer arithmetic, no float overshoot to 19).
    assert.equal(
      nearestRank(
        Array.from({ length: 20 }, (_, i) => i + 1),
        90,
      ),
      18,
    );
    assert.equal(
      nearestRank(
        Array.from({ length: 30 }, (_, i) => i + 1),
        90,
      ),
      27,
    );
  });
});

describe('satisfaction', () => {
  test('(very satisfied + satisfied) / all ratings × 100, 1 decimal', () => {
    // 3 of 4 → 75 %; 2 of 3 → 66.7 %; 0 of 1 → 0 (a real zero: there is a rating).
    assert.equal(satisfactionPct(['very_satisfied', 'satisfied', 'satisfied', 'very_dissatisfied']), 75);
    assert.equal(satisfactionPct(['very_satisfied', 'satisfied', 'neutral']), 66.7);
    assert.equal(satisfactionPct(['dissatisfied']), 0);
    assert.equal(satisfactionPct([]), null);
  });

  test('a group without ratings has satisfactionPct null, not 0', () => {
    const rows = kpis(
      [
        calledAfter(5, { serviceId: 'ho-tich', status: 'done', rating: 'very_satisfied' }),
        calledAfter(5, { serviceId: 'ho-tich', status: 'done', rating: 'satisfied' }),
        calledAfter(5, { serviceId: 'ho-tich', status: 'done', rating: 'neutral' }),
        calledAfter(5, { serviceId: 'ho-tich', status: 'done' }),
        calledAfter(5, { serviceId: 'dat-dai', status: 'done' }),
      ],
      'service',
    );
    assert.deepEqual(
      rows.map((r) => [r.key, r.ratings, r.satisfactionPct]),
      [
        ['dat-dai', 0, null],
        ['ho-tich', 3, 66.7],
      ],
    );
    assert.strictEqual(rows[0]?.satisfactionPct, null);
  });
});

describe('time buckets in the hall time zone (Asia/Ho_Chi_Minh, UTC+7)', () => {
  const lastSecond = Date.parse('2026-03-02T16:59:59Z'); // 23:59:59 on 02/03 in Hanoi
  const midnight = Date.parse('2026-03-02T17:00:00Z'); // 00:00:00 on 03/03 in Hanoi
  const pair = [fact({ issuedAt: lastSecond }), fact({ issuedAt: midnight, businessDate: '2026-03-03' })];

  test('16:59:59Z and 17:00:00Z fall in different local days', () => {
    assert.deepEqual(
      kpis(pair, 'day').map((r) => [r.key, r.tickets]),
      [
        ['2026-03-02', 1],
        ['2026-03-03', 1],
      ],
    );
  });

  test('… and in different local hours', () => {
    assert.deepEqual(
      kpis(pair, 'hour').map((r) => [r.key, r.tickets]),
      [
        ['2026-03-02 23:00', 1],
        ['2026-03-03 00:00', 1],
      ],
    );
  });

  test('the last second of March and the first of April (local) fall in different months', () => {
    const facts = [fact({ issuedAt: Date.parse('2026-03-31T16:59:59Z') }), fact({ issuedAt: Date.parse('2026-03-31T17:00:00Z') })];
    assert.deepEqual(
      kpis(facts, 'month').map((r) => [r.key, r.tickets]),
      [
        ['2026-03', 1],
        ['2026-04', 1],
      ],
    );
  });

  test('a ticket issued at 23:59 and called after midnight stays in the day of its issue', () => {
    const late = fact({ issuedAt: lastSecond, status: 'done', firstCalledAt: midnight + 10 * MINUTE });
    const rows = kpis([late], 'day');
    assert.deepEqual(
      rows.map((r) => [r.key, r.served, r.waitMeanMin]),
      [['2026-03-02', 1, 10.02]],
    );
  });
});

describe('empty input', () => {
  test("groupBy 'none' gives one 'all' row of zeros and nulls; other groupings give no rows", () => {
    assert.deepEqual(kpis([]), [
      {
        key: 'all',
        tickets: 0,
        served: 0,
        noShows: 0,
        waitMeanMin: null,
        waitMedianMin: null,
        waitP90Min: null,
        withinWaitTargetPct: null,
        serviceMeanMin: null,
        withinServiceTargetPct: null,
        ratings: 0,
        satisfactionPct: null,
      },
    ]);
    assert.deepEqual(kpis([], 'day'), []);
  });
});

describe('TT 01/2018 index scores', () => {
  test('per-index mean rounded to 1 decimal; an index without data is excluded, reported null', () => {
    // index 1: (2 + 1 + 2) / 3 = 1.667 → 1.7     index 3: (2 + 2 + 1) / 3 → 1.7
    // index 4: (1 + 1) / 2 = 1.0 (dossier 3 has no data)   index 7: (2 + 2 + 1) / 3 → 1.7
    // total 1.7 + 1.7 + 1.0 + 1.7 = 6.1
    const result = scoreIndices([
      { 1: 2, 3: 2, 4: 1, 7: 2 },
      { 1: 1, 3: 2, 4: 1, 7: 2 },
      { 1: 2, 3: 1, 7: 1 },
    ]);
    assert.deepEqual(result, {
      indices: [
        { index: 1, dossiers: 3, score: 1.7 },
        { index: 3, dossiers: 3, score: 1.7 },
        { index: 4, dossiers: 2, score: 1 },
        { index: 7, dossiers: 3, score: 1.7 },
      ],
      total: 6.1,
    });
    // index 7 has no data: excluded from the total (2 + 2 + 2 = 6.0), shown as null, not 0.
    const partial = scoreIndices([{ 1: 2, 3: 2, 4: 2 }]);
    assert.deepEqual(partial.indices.at(-1), { index: 7, dossiers: 0, score: null });
    assert.equal(partial.total, 6);
    assert.equal(scoreIndices([]).total, null);
  });

  test('rounding is half up: 1.75 → 1.8, 0.25 → 0.3, 0.24… → 0.2', () => {
    assert.equal(scoreIndices([{ 1: 2 }, { 1: 2 }, { 1: 2 }, { 1: 1 }], [1]).total, 1.8); // 7 / 4
    assert.equal(scoreIndices([{ 1: 1 }, { 1: 0 }, { 1: 0 }, { 1: 0 }], [1]).total, 0.3); // 1 / 4
    // 6 of 25 dossiers at 1 point: 6 / 25 = 0.24 → 0.2
    const d = Array.from({ length: 25 }, (_, i) => ({ 1: (i < 6 ? 1 : 0) as 0 | 1 }));
    assert.equal(scoreIndices(d, [1]).total, 0.2);
  });

  test('points other than 0, 1, 2 are refused', () => {
    assert.throws(() => scoreIndices([{ 1: 3 as unknown as 2 }]), RangeError);
  });

  test('unit classes at their thresholds: ≥ 15 xuất sắc, ≥ 12 tốt, ≥ 9 khá, ≥ 6 trung bình, else yếu', () => {
    const cases: [number, string][] = [
      [18, 'excellent'],
      [15.0, 'excellent'],
      [14.9, 'good'],
      [12.0, 'good'],
      [11.9, 'fair'],
      [9.0, 'fair'],
      [8.9, 'average'],
      [6.0, 'average'],
      [5.9, 'weak'],
      [0, 'weak'],
      // a float sum standing for 15.0 is still 15.0
      [14.999999999999998, 'excellent'],
    ];
    for (const [total, expected] of cases) assert.equal(classifyUnit(total), expected, `unit total ${total}`);
  });

  test('a unit scored on all nine indices reaching exactly 15.0 is xuất sắc', () => {
    // indices 1–6 at 2 points, 7–9 at 1 point: 6 × 2 + 3 × 1 = 15.0
    const unit = scoreIndices([{ 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 1, 8: 1, 9: 1 }], TT01_INDICES);
    assert.equal(unit.total, 15);
    assert.equal(classifyUnit(unit.total ?? 0), 'excellent');
  });

  test('officer classes: ≥ 5 → 100 %, 3.5 to < 5 → 70 to < 100 %, < 3.5 → < 70 %', () => {
    const cases: [number, string][] = [
      [10, 'pct_100'],
      [5.0, 'pct_100'],
      [4.9, 'pct_70_to_100'],
      [3.5, 'pct_70_to_100'],
      [3.4, 'pct_below_70'],
      [0, 'pct_below_70'],
    ];
    for (const [total, expected] of cases) assert.equal(classifyOfficer(total), expected, `officer total ${total}`);
    // indices 1, 2, 3, 4, 7 at 1 point each: 5 × 1.0 = 5.0 → 100 %
    const officer = scoreIndices(
      [
        { 1: 1, 2: 1, 3: 1, 4: 1, 7: 1 },
        { 1: 2, 2: 0, 3: 1, 4: 1, 7: 1 },
      ],
      OFFICER_INDICES,
    );
    assert.equal(officer.total, 5);
    assert.equal(classifyOfficer(officer.total ?? 0), 'pct_100');
  });
});

describe('officer productivity against the yearly dossier targets', () => {
  test('pro-rated over 365 days', () => {
    // province 1,600/year over 73 days: 1600 × 73 / 365 = 320; 400 dossiers → 125 %.
    assert.deepEqual(officerProductivity(400, 73, 'province'), { dossiers: 400, days: 73, yearlyTarget: 1600, periodTarget: 320, pctOfTarget: 125 });
    // ministry 2,000 over a whole year; 1,500 dossiers → 75 %.
    assert.equal(officerProductivity(1500, 365, 'ministry').pctOfTarget, 75);
    // remote 800 over 30 days: 800 × 30 / 365 = 65.75… → 65.8; 50 dossiers → 50 / 65.75… = 76.04… → 76 %.
    assert.deepEqual(officerProductivity(50, 30, 'remote'), { dossiers: 50, days: 30, yearlyTarget: 800, periodTarget: 65.8, pctOfTarget: 76 });
    assert.equal(officerProductivity(0, 10, 'central_city').pctOfTarget, 0);
    assert.equal(officerProductivity(100, 365, 'rural').periodTarget, 1200);
  });

  test('days must be a positive whole number and dossiers a whole number ≥ 0', () => {
    assert.throws(() => officerProductivity(10, 0, 'province'), RangeError);
    assert.throws(() => officerProductivity(-1, 10, 'province'), RangeError);
  });
});

describe('property: per-day rows add up to the whole range', () => {
  const DAY0 = at(MONDAY, '00:00');
  const DAYS = 5;
  const arbFact = fc
    .record({
      issueOffset: fc.integer({ min: 0, max: DAYS * 86_400_000 - 1 }),
      waitMsOrNull: fc.option(fc.integer({ min: 0, max: 3 * 3_600_000 }), { nil: null }),
      slotOffset: fc.option(fc.integer({ min: -3_600_000, max: 3_600_000 }), { nil: null }),
      serviceOrNull: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }),
      status: fc.constantFrom(...TICKET_STATUSES),
      serviceId: fc.constantFrom('ho-tich', 'chung-thuc', 'dat-dai'),
    })
    .map((r): TicketFacts => {
      const issuedAt = DAY0 + r.issueOffset;
      const slotStart = r.slotOffset === null ? null : issuedAt + r.slotOffset;
      const firstCalledAt = r.waitMsOrNull === null ? null : Math.max(issuedAt, slotStart ?? issuedAt) + r.waitMsOrNull;
      const startedAt = firstCalledAt !== null && r.serviceOrNull !== null ? firstCalledAt + 60_000 : null;
      return fact({
        issuedAt,
        businessDate: businessDateOf(issuedAt, TZ),
        slotStart,
        status: r.status,
        serviceId: r.serviceId,
        firstCalledAt,
        startedAt,
        finishedAt: startedAt === null || r.serviceOrNull === null ? null : startedAt + r.serviceOrNull,
      });
    });

  test('tickets, served and no-shows sum; the whole-range mean wait is the weighted mean of the daily means', () => {
    fc.assert(
      fc.property(fc.array(arbFact, { maxLength: 80 }), (facts) => {
        const all = only(kpis(facts));
        const days = kpis(facts, 'day');
        const sum = (pick: (r: KpiRow) => number): number => days.reduce((acc, r) => acc + pick(r), 0);
        assert.equal(
          sum((r) => r.tickets),
          all.tickets,
        );
        assert.equal(
          sum((r) => r.served),
          all.served,
        );
        assert.equal(
          sum((r) => r.noShows),
          all.noShows,
        );
        assert.equal(all.tickets, facts.length);
        // Weights: the called tickets of each local day of issue.
        const calledPerDay = new Map<string, number>();
        for (const f of facts) {
          if (waitMs(f) === null) continue;
          const d = businessDateOf(f.issuedAt, TZ);
          calledPerDay.set(d, (calledPerDay.get(d) ?? 0) + 1);
        }
        const called = [...calledPerDay.values()].reduce((a, b) => a + b, 0);
        if (called === 0) {
          assert.equal(all.waitMeanMin, null);
          return;
        }
        let weighted = 0;
        for (const r of days) {
          const n = calledPerDay.get(r.key) ?? 0;
          assert.equal(r.waitMeanMin === null, n === 0, `day ${r.key}`);
          weighted += (r.waitMeanMin ?? 0) * n;
        }
        // Each daily mean and the overall mean are rounded to 0.005 at most.
        assert.ok(Math.abs(weighted / called - (all.waitMeanMin ?? Number.NaN)) <= 0.01 + 1e-9, `${weighted / called} vs ${all.waitMeanMin}`);
      }),
      { numRuns: 200 },
    );
  });
});
