/**
 * The regulatory formulas against worked examples of the texts: TT 01/2018 Điều 15 (index score =
 * Σ points / dossiers, one decimal half up; officer ≥ 5 / ≥ 3.5; unit ≥ 15 / 12 / 9 / 6; an index
 * without data left out), QĐ 468 (minimum dossiers per officer per year by level, not applicable
 * below one officer's minimum) and each QĐ 766 ratio.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { productivity468, yearlyPace, yearToDate, YEARLY_DOSSIERS_PER_OFFICER } from '../../../../electron/core/qd468-productivity.ts';
import { indicators766, ratioPct, type Counts766 } from '../../../../electron/core/qd766-indicators.ts';
import { parsePeriod, rangePeriod } from '../../../../electron/core/report-period.ts';
import {
  dossierPoints,
  ratingPoints,
  resultPoints,
  scoreTally,
  tallyByOfficer,
  tt01Report,
  type DossierScoringFacts,
  type IndexTally,
} from '../../../../electron/core/tt01-report.ts';
import { scoreIndices, TT01_INDICES, type DossierIndexPoints, type IndexPoints } from '../../../../electron/core/tt01-scoring.ts';

const fact = (over: Partial<DossierScoringFacts>): DossierScoringFacts => ({ officerId: 'cb-1', weight: 1, rating: null, results: [], survey: {}, ...over });

describe('TT 01/2018 index scores (Điều 15.2.a)', () => {
  test('worked example: ten dossiers scoring 2,2,2,1,1,1,1,0,2,2 on index 7 give 14 / 10 = 1.4', () => {
    const levels = [
      'very_satisfied',
      'very_satisfied',
      'very_satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'dissatisfied',
      'very_satisfied',
      'very_satisfied',
    ] as const;
    const report = tt01Report(tallyByOfficer(levels.map((rating) => fact({ rating }))));
    const seven = report.unit.indices.find((i) => i.index === 7);
    assert.deepEqual(seven, { index: 7, dossiers: 10, score: 1.4 });
    assert.equal(report.unit.total, 1.4);
  });

  test('one decimal, half up: 2/3 → 0.7, 1/6 → 0.2, 1/4 → 0.3, 5/4 → 1.3', () => {
    const cases: [IndexPoints[], number][] = [
      [[1, 1, 0], 0.7],
      [[1, 0, 0, 0, 0, 0], 0.2],
      [[1, 0, 0, 0], 0.3],
      [[2, 1, 1, 1], 1.3],
    ];
    for (const [points, expected] of cases) {
      const tally: IndexTally = { 3: { points: points.reduce((a: number, b) => a + b, 0), dossiers: points.length } };
      assert.equal(scoreTally(tally, [3]).indices[0]?.score, expected, points.join(','));
    }
  });

  test('the tally arithmetic equals scoreIndices over the same dossiers (any points, any gaps)', () => {
    const points = fc.constantFrom<IndexPoints | undefined>(0, 1, 2, undefined);
    const dossier = fc.record(Object.fromEntries(TT01_INDICES.map((i) => [i, points])) as Record<string, fc.Arbitrary<IndexPoints | undefined>>);
    fc.assert(
      fc.property(fc.array(dossier, { maxLength: 40 }), (raw) => {
        const dossiers = raw.map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as DossierIndexPoints);
        const tally: IndexTally = {};
        for (const d of dossiers) {
          for (const i of TT01_INDICES) {
            const p = d[i];
            if (p === undefined) continue;
            const t = tally[i] ?? { points: 0, dossiers: 0 };
            t.points += p;
            t.dossiers += 1;
            tally[i] = t;
          }
        }
        const a = scoreIndices(dossiers, TT01_INDICES);
        const b = scoreTally(tally, TT01_INDICES);
        assert.deepEqual(b.indices, a.indices);
        assert.equal(b.total, a.total);
      }),
    );
  });

  test('an index without data is n/a and left out of the total (Điều 15.4.b), and the unit is marked incomplete', () => {
    const report = tt01Report(tallyByOfficer([fact({ rating: 'satisfied' })]));
    const byIndex = new Map(report.unit.indices.map((i) => [i.index, i.score]));
    assert.equal(byIndex.get(7), 1);
    for (const i of [1, 2, 3, 4, 5, 6, 8, 9] as const) assert.equal(byIndex.get(i), null, `index ${i}`);
    assert.equal(report.unit.total, 1);
    assert.equal(report.unit.scored, 1);
    assert.equal(report.unit.complete, false);
  });

  test('no dossier at all: every index n/a, no total, no classification', () => {
    const report = tt01Report([]);
    assert.equal(report.unit.total, null);
    assert.equal(report.unit.classification, null);
    assert.deepEqual(report.officers, []);
  });
});

describe('TT 01/2018 classification (Điều 15.3) through the report', () => {
  /** An officer with `n` dossiers scoring `p` on each of indices 1, 3, 4, 7 (a total of 4·p at most 8). */
  const officer = (id: string, perIndex: Partial<Record<1 | 3 | 4 | 7, 'very_satisfied' | 'satisfied' | 'dissatisfied'>>, n = 1): DossierScoringFacts[] =>
    Array.from({ length: n }, () => fact({ officerId: id, survey: perIndex }));

  test('officers: 2+2+1 = 5.0 → 100 %; 2+1+1 = 4.0 → 70 to < 100 %; 1+1+1 = 3.0 → < 70 %', () => {
    const report = tt01Report(
      tallyByOfficer([
        ...officer('a', { 1: 'very_satisfied', 3: 'very_satisfied', 7: 'satisfied' }),
        ...officer('b', { 1: 'very_satisfied', 3: 'satisfied', 7: 'satisfied' }),
        ...officer('c', { 1: 'satisfied', 3: 'satisfied', 7: 'satisfied' }),
      ]),
    );
    assert.deepEqual(
      report.officers.map((o) => [o.officerId, o.total, o.classification]),
      [
        ['a', 5, 'pct_100'],
        ['b', 4, 'pct_70_to_100'],
        ['c', 3, 'pct_below_70'],
      ],
    );
    assert.equal(report.officers[0]?.classificationVi, 'Hoàn thành 100% nhiệm vụ');
  });

  test('officer at exactly 3.5: 1 + 1 + 1.5 (half the dossiers 2, half 1 on index 7) is 70 to < 100 %', () => {
    const report = tt01Report(
      tallyByOfficer([
        fact({ officerId: 'd', survey: { 1: 'satisfied', 3: 'satisfied', 7: 'very_satisfied' } }),
        fact({ officerId: 'd', survey: { 1: 'satisfied', 3: 'satisfied', 7: 'satisfied' } }),
      ]),
    );
    assert.equal(report.officers[0]?.total, 3.5);
    assert.equal(report.officers[0]?.classification, 'pct_70_to_100');
  });

  test('unit thresholds ≥ 15 / ≥ 12 / ≥ 9 / ≥ 6 from tallies whose scores sum exactly to the boundary', () => {
    // Nine indices: seven at 2.0 (14.0) and two chosen to land on the boundary.
    const unitWith = (rest: [number, number]): ReturnType<typeof tt01Report> => {
      const tally: IndexTally = {};
      TT01_INDICES.forEach((i, k) => {
        const score = k < 7 ? 2 : (rest[k - 7] ?? 0);
        tally[i] = { points: Math.round(score * 10), dossiers: 10 };
      });
      return tt01Report([{ officerId: null, dossiers: 10, tally }]);
    };
    assert.equal(unitWith([0.7, 0.3]).unit.total, 15);
    assert.equal(unitWith([0.7, 0.3]).unit.classificationVi, 'Xuất sắc', 'exactly 15.0 is xuất sắc (R1.12)');
    assert.equal(unitWith([0.6, 0.3]).unit.classification, 'good');
    const lower = (total: number) => {
      const tally: IndexTally = {};
      TT01_INDICES.forEach((i, k) => {
        tally[i] = { points: k === 0 ? Math.round(total * 10) : 0, dossiers: 10 };
      });
      return tt01Report([{ officerId: null, dossiers: 10, tally }]).unit.classification;
    };
    // One index alone cannot pass 2.0; so the boundaries below are tested on totals over several.
    const spread = (total: number) => {
      const tally: IndexTally = {};
      let left = Math.round(total * 10);
      for (const i of TT01_INDICES) {
        const take = Math.min(20, left);
        tally[i] = { points: take, dossiers: 10 };
        left -= take;
      }
      return tt01Report([{ officerId: null, dossiers: 10, tally }]).unit;
    };
    assert.equal(lower(0), 'weak');
    assert.deepEqual(
      [12, 11.9, 9, 8.9, 6, 5.9].map((t) => [spread(t).total, spread(t).classification]),
      [
        [12, 'good'],
        [11.9, 'fair'],
        [9, 'fair'],
        [8.9, 'average'],
        [6, 'average'],
        [5.9, 'weak'],
      ],
    );
  });
});

describe("Where a dossier's points come from", () => {
  test('index 7: the survey answer wins over the one-press rating; the rating maps 2/1/1/0/0', () => {
    assert.deepEqual(dossierPoints(fact({ rating: 'very_satisfied', survey: { 7: 'dissatisfied' } })), { 7: 0 });
    assert.deepEqual(
      ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'].map((l) => ratingPoints(l as never)),
      [2, 1, 1, 0, 0],
    );
  });

  test('index 1: the provincial result (before the due day 2, on it 1, after 0) wins over the survey, one dossier per result', () => {
    assert.deepEqual([resultPoints('2026-03-09', '2026-03-10'), resultPoints('2026-03-10', '2026-03-10'), resultPoints('2026-03-11', '2026-03-10')], [2, 1, 0]);
    const [t] = tallyByOfficer([fact({ weight: 2, survey: { 1: 'very_satisfied' }, results: [{ completedDate: '2026-03-11', dueDate: '2026-03-10' }] })]);
    assert.deepEqual(t?.tally[1], { points: 0, dossiers: 1 });
    const [u] = tallyByOfficer([fact({ weight: 2, survey: { 1: 'very_satisfied' } })]);
    assert.deepEqual(u?.tally[1], { points: 4, dossiers: 2 });
  });

  test('a ticket with three dossiers and one rating counts three dossiers', () => {
    const report = tt01Report(tallyByOfficer([fact({ weight: 3, rating: 'satisfied' }), fact({ rating: 'very_satisfied' })]));
    assert.deepEqual(
      report.unit.indices.find((i) => i.index === 7),
      { index: 7, dossiers: 4, score: 1.3 },
    );
    assert.equal(report.officers[0]?.dossiers, 4);
  });
});

describe('QĐ 468 productivity', () => {
  test('the minimum per officer per year by hall level', () => {
    assert.deepEqual(YEARLY_DOSSIERS_PER_OFFICER, { ministry: 2000, central_city: 1800, province: 1600, rural: 1200, remote: 800 });
  });

  test('worked example: a provincial hall with 4 officers receiving 4,000 dossiers by 30/06/2025 (181 days) is on a pace of 8,066.3 a year, 2,016.6 per officer: met', () => {
    const ytd = new Map([
      ['a', 1000],
      ['b', 1100],
      ['c', 900],
      ['d', 1000],
    ]);
    const p = productivity468('province', '2025-06-30', new Map([['a', 500]]), ytd);
    assert.deepEqual(p.ytd, { from: '2025-01-01', to: '2025-06-30', daysElapsed: 181, daysInYear: 365 });
    assert.equal(p.hallPacePerYear, 8066.3);
    assert.equal(p.officersOnDuty, 4);
    assert.equal(p.pacePerOfficer, 2016.6);
    assert.equal(p.target, 1600);
    assert.equal(p.applicable, true);
    assert.equal(p.met, true);
    const c = p.officers.find((o) => o.officerId === 'c');
    assert.deepEqual(c, { officerId: 'c', received: 0, receivedYtd: 900, pacePerYear: 1814.9, target: 1600, met: true });
    assert.equal(p.officers.find((o) => o.officerId === 'a')?.received, 500);
  });

  test('the same officer (1,814.9 a year) at a ministry hall (minimum 2,000) misses it; a colleague at 2,218.2 meets it', () => {
    const p = productivity468(
      'ministry',
      '2025-06-30',
      new Map(),
      new Map([
        ['c', 900],
        ['e', 1100],
      ]),
    );
    assert.equal(p.applicable, true);
    assert.deepEqual(
      p.officers.map((o) => [o.officerId, o.pacePerYear, o.met]),
      [
        ['c', 1814.9, false],
        ['e', 2218.2, true],
      ],
    );
    assert.deepEqual([p.hallPacePerYear, p.pacePerOfficer, p.met], [4033.1, 2016.6, true], 'the hall as a whole: 4,033.1 / 2 officers ≥ 2,000');
  });

  test("exemption: a remote hall receiving 700 dossiers over all of 2025 is below one officer's minimum (800): not applicable", () => {
    const p = productivity468(
      'remote',
      '2025-12-31',
      new Map(),
      new Map([
        ['a', 400],
        ['b', 300],
      ]),
    );
    assert.equal(p.hallPacePerYear, 700);
    assert.equal(p.applicable, false);
    assert.equal(p.met, null);
    assert.ok(p.officers.every((o) => o.met === null));
  });

  test('a leap year has 366 days: 100 dossiers by 29/02/2024 (60 days) is a pace of 610', () => {
    const ytd = yearToDate('2024-02-29');
    assert.deepEqual([ytd.daysElapsed, ytd.daysInYear], [60, 366]);
    assert.equal(yearlyPace(100, ytd), 610);
  });
});

describe('QĐ 766 indicators', () => {
  const counts: Counts766 = {
    dossiers: 200,
    dissatisfied: 7,
    resultsDue: 50,
    resultsOnTime: 45,
    prepared: 3,
    preparedDigitised: 2,
    preparedAtKiosk: 1,
    synced: 3,
    results: 16,
    eResults: 1,
    resultsOnline: 0,
  };

  test('each ratio from its numerator and denominator', () => {
    const byId = new Map(indicators766(counts).map((i) => [i.id, [i.numerator, i.denominator, i.valuePct]]));
    assert.deepEqual(Object.fromEntries(byId), {
      satisfaction: [193, 200, 96.5], // (tổng hồ sơ − không hài lòng) / tổng hồ sơ
      on_time_results: [45, 50, 90],
      digitised_dossiers: [2, 3, 66.7],
      digitised_results: [1, 16, 6.3], // 6.25 rounds half up
      kiosk_submissions: [1, 3, 33.3],
      online_submissions: [0, 16, 0],
      synced_dossiers: [3, 3, 100],
    });
  });

  test('a ratio without a denominator is null, never 0; bad counts are refused', () => {
    assert.equal(ratioPct(0, 0), null);
    assert.equal(indicators766({ ...counts, resultsDue: 0, resultsOnTime: 0 }).find((i) => i.id === 'on_time_results')?.valuePct, null);
    assert.throws(() => ratioPct(3, 2), RangeError);
    assert.throws(() => ratioPct(-1, 2), RangeError);
    assert.throws(() => ratioPct(1.5, 2), RangeError);
  });
});

describe('Report periods', () => {
  test('quarters, years and months cover whole days; February of a leap year ends on the 29th', () => {
    assert.deepEqual(parsePeriod('2025-Q1'), { kind: 'quarter', label: '2025-Q1', labelVi: 'Quý I năm 2025', from: '2025-01-01', to: '2025-03-31' });
    assert.deepEqual([parsePeriod('2025-Q4')?.from, parsePeriod('2025-Q4')?.to], ['2025-10-01', '2025-12-31']);
    assert.deepEqual([parsePeriod('2024')?.from, parsePeriod('2024')?.to, parsePeriod('2024')?.labelVi], ['2024-01-01', '2024-12-31', 'Năm 2024']);
    assert.deepEqual([parsePeriod('2024-02')?.to, parsePeriod('2024-02')?.labelVi], ['2024-02-29', 'Tháng 02/2024']);
    for (const bad of ['2025-Q5', '2025-13', '25', '2025-Q', '']) assert.equal(parsePeriod(bad), null, bad);
    assert.equal(rangePeriod('2025-03-01', '2025-03-15').labelVi, 'Từ 01/03/2025 đến 15/03/2025');
  });
});
