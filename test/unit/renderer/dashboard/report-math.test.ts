import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ticketHeatmap, waitByHour, weekdayOf } from '../../../../renderer/dashboard/report-math.ts';
import type { KpiRow } from '../../../../renderer/shared/api/types.ts';

const row = (key: string, tickets: number, waitMeanMin: number | null): KpiRow => ({
  key,
  tickets,
  served: tickets,
  noShows: 0,
  waitMeanMin,
  waitMedianMin: null,
  waitP90Min: null,
  withinWaitTargetPct: null,
  serviceMeanMin: null,
  withinServiceTargetPct: null,
  ratings: 0,
  satisfactionPct: null,
});

describe('dashboard report folding', () => {
  it('weekday of a calendar date, Monday first', () => {
    assert.equal(weekdayOf('2026-03-02'), 0); // a Monday
    assert.equal(weekdayOf('2026-03-08'), 6); // a Sunday
  });
  it('mean wait per hour of day, weighted by tickets', () => {
    const byHour = waitByHour([row('2026-03-02 08:00', 1, 10), row('2026-03-03 08:00', 3, 20), row('2026-03-02 09:00', 2, null)]);
    assert.equal(byHour[8], 17.5);
    assert.equal(byHour[9], null);
    assert.equal(byHour.length, 24);
  });
  it('tickets per weekday and hour', () => {
    const grid = ticketHeatmap([row('2026-03-02 08:00', 4, 1), row('2026-03-09 08:00', 1, 1), row('2026-03-08 14:00', 2, 1), row('nonsense', 9, 1)]);
    assert.equal(grid[0]?.[8], 5);
    assert.equal(grid[6]?.[14], 2);
    assert.equal(
      grid.flat().reduce((a, b) => a + b, 0),
      7,
    );
  });
});
