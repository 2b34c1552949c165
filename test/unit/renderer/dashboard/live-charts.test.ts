/**
 * The live charts' reads (rune class, compiled by svelte under node:test): the business day is the
 * hall's (the timeline's date, not the browser's), refreshes asked for during a read collapse into
 * one more read, and a failed read keeps the last figures.
 */
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { test } from 'node:test';
import type { HallApi } from '../../../../renderer/shared/hall-api.ts';
import type { KpiGroupBy, KpiReport, TodayTimeline } from '../../../../renderer/shared/api/types.ts';

register('../../../support/svelte-module-hooks.mjs', import.meta.url);
const { LiveCharts, daysBefore } = await import('../../../../renderer/dashboard/live-charts.svelte.ts');

/** A hall answering from a counter of reads; `fail` makes the next timeline read throw. */
function fakeHall() {
  const state = {
    timelineReads: 0,
    kpiQueries: [] as { from?: string; to?: string; groupBy?: KpiGroupBy }[],
    fail: false,
    release: null as (() => void) | null,
    hold: false,
  };
  const api = {
    async todayTimeline(): Promise<TodayTimeline> {
      state.timelineReads += 1;
      if (state.hold) await new Promise<void>((resolve) => (state.release = resolve));
      if (state.fail) throw new Error('offline');
      return { businessDate: '2026-03-09', at: state.timelineReads, waitTargetMinutes: 15, stepMinutes: 15, times: [state.timelineReads], services: [] };
    },
    async kpis(query: { from?: string; to?: string; groupBy?: KpiGroupBy }): Promise<KpiReport> {
      state.kpiQueries.push(query);
      return {
        from: query.from ?? '',
        to: query.to ?? '',
        groupBy: query.groupBy ?? 'none',
        targets: { waitMinutes: 15, serviceMinutes: 30, satisfactionPct: 95, level: 'province' },
        rows: [],
      };
    },
  };
  return { state, api: api as unknown as HallApi };
}

test("reads today's hours and counters and the last 30 days of the hall's business day", async () => {
  const { state, api } = fakeHall();
  const charts = new LiveCharts(api);
  await charts.refresh();
  assert.equal(charts.loads, 1);
  assert.deepEqual(state.kpiQueries, [
    { from: '2026-03-09', to: '2026-03-09', groupBy: 'hour' },
    { from: '2026-03-09', to: '2026-03-09', groupBy: 'counter' },
    { from: daysBefore('2026-03-09', 29), to: '2026-03-09', groupBy: 'day' },
  ]);
  assert.equal(charts.timeline?.businessDate, '2026-03-09');
});

test('refreshes asked for during a read give exactly one more read', async () => {
  const { state, api } = fakeHall();
  const charts = new LiveCharts(api);
  state.hold = true;
  const first = charts.refresh();
  await new Promise((resolve) => setImmediate(resolve));
  await Promise.all([charts.refresh(), charts.refresh(), charts.refresh()]);
  state.hold = false;
  state.release?.();
  await first;
  assert.equal(state.timelineReads, 2);
  assert.equal(charts.loads, 2);
  assert.deepEqual(charts.timeline?.times, [2], 'the figures of the last read');
});

test('the satisfaction window counts back in calendar days', () => {
  assert.equal(daysBefore('2026-03-09', 29), '2026-02-08');
  assert.equal(daysBefore('2026-01-01', 1), '2025-12-31');
});

test('a failed read keeps the last figures', async () => {
  const { state, api } = fakeHall();
  const charts = new LiveCharts(api);
  await charts.refresh();
  state.fail = true;
  await charts.refresh();
  assert.equal(charts.loads, 1);
  assert.deepEqual(charts.timeline?.times, [1]);
});
