/**
 * The dashboard's charts as data: what each chart plots and what its table reads, from the hall's
 * answers (the timeline and KPI rows), and the period names of the report page's downloads.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  attainmentByHourChart,
  callsPerCounterChart,
  satisfactionByDayChart,
  waitByHourChart,
  waitingChart,
  waitMeanChart,
} from '../../../../renderer/dashboard/chart-data.ts';
import { periodName } from '../../../../renderer/dashboard/period-name.ts';
import type { HallConfigView, KpiRow, TodayTimeline } from '../../../../renderer/shared/api/types.ts';

const row = (key: string, fields: Partial<KpiRow> = {}): KpiRow => ({
  key,
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
  ...fields,
});

const config = {
  services: [
    { id: 'ho-tich', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' }, defaultServiceMinutes: 10 },
    { id: 'dat-dai', prefix: 'C', name: { vi: 'Đất đai', en: 'Land' }, defaultServiceMinutes: 20 },
  ],
  counters: [
    { id: 'quay-2', number: 2, name: { vi: 'Quầy số 2', en: 'Counter 2' }, services: [], priorityFirst: false },
    { id: 'quay-1', number: 1, name: { vi: 'Quầy số 1', en: 'Counter 1' }, services: [], priorityFirst: false },
  ],
} as unknown as HallConfigView;

const timeline: TodayTimeline = {
  businessDate: '2026-03-09',
  at: 3,
  waitTargetMinutes: 15,
  stepMinutes: 15,
  times: [1, 2, 3],
  services: [
    { serviceId: 'ho-tich', waiting: [0, 2, 1], waitMeanMin: [null, 4.5, null] },
    { serviceId: 'dat-dai', waiting: [1, 1, 0], waitMeanMin: [null, null, 16] },
  ],
};

describe('live charts', () => {
  it('people waiting: one step line per service, named "A · Hộ tịch", over the timeline\'s instants', () => {
    const spec = waitingChart(timeline, config, 'vi', { x: 'Thời điểm', unit: 'người' });
    assert.deepEqual(spec.x, { kind: 'time', values: [1, 2, 3] });
    assert.equal(spec.style, 'step');
    assert.deepEqual(spec.series, [
      { label: 'A · Hộ tịch', values: [0, 2, 1] },
      { label: 'C · Đất đai', values: [1, 1, 0] },
    ]);
    assert.equal(spec.target, null);
    assert.equal(waitingChart(timeline, config, 'en', { x: 'Time', unit: 'people' }).series[1]?.label, 'C · Land');
  });

  it('mean wait: per service against the wait target, gaps where nobody was called', () => {
    const spec = waitMeanChart(timeline, config, 'vi', { x: 'Thời điểm', unit: 'phút', target: 'Mục tiêu 15 phút' });
    assert.deepEqual(spec.target, { value: 15, label: 'Mục tiêu 15 phút' });
    assert.deepEqual(
      spec.series.map((s) => s.values),
      [
        [null, 4.5, null],
        [null, null, 16],
      ],
    );
    assert.equal(
      waitMeanChart({ ...timeline, services: [{ serviceId: 'gone', waiting: [], waitMeanMin: [] }] }, config, 'vi', { x: '', unit: '' }).series[0]?.label,
      'gone',
      'an unknown service keeps its id',
    );
  });

  it('attainment by hour: the hours of today in order, 0–100 %', () => {
    const spec = attainmentByHourChart(
      [row('2026-03-09 10:00', { withinWaitTargetPct: 50 }), row('2026-03-09 08:00', { withinWaitTargetPct: 100 }), row('nonsense')],
      { series: 'Đạt', x: 'Giờ', unit: '%' },
    );
    assert.deepEqual(spec.x, { kind: 'category', labels: ['08h', '10h'] });
    assert.deepEqual(spec.series[0]?.values, [100, 50]);
    assert.equal(spec.yMax, 100);
  });

  it('calls per counter: every counter by number, unused at 0, tickets never called left out, unknown counters after', () => {
    const spec = callsPerCounterChart([row('quay-2', { tickets: 7 }), row('(none)', { tickets: 3 }), row('quay-9', { tickets: 1 })], config, {
      series: 'Lượt gọi',
      x: 'Quầy',
      unit: 'lượt',
      counter: (n) => `Quầy ${n}`,
    });
    assert.deepEqual(spec.x, { kind: 'category', labels: ['Quầy 1', 'Quầy 2', 'quay-9'] });
    assert.deepEqual(spec.series[0]?.values, [0, 7, 1]);
  });

  it('satisfaction by day: dd/mm labels, no bar on a day without ratings, the target line', () => {
    const spec = satisfactionByDayChart([row('2026-03-10', { satisfactionPct: 90 }), row('2026-03-09')], 95, {
      series: 'Hài lòng',
      x: 'Ngày',
      unit: '%',
      target: 'Mục tiêu 95%',
    });
    assert.deepEqual(spec.x, { kind: 'category', labels: ['09/03', '10/03'] });
    assert.deepEqual(spec.series[0]?.values, [null, 90]);
    assert.deepEqual(spec.target, { value: 95, label: 'Mục tiêu 95%' });
  });

  it('wait by hour (report page): from the first to the last hour with a wait', () => {
    const byHour = new Array<number | null>(24).fill(null);
    byHour[8] = 12;
    byHour[10] = 20;
    const spec = waitByHourChart(byHour, 15, { series: 'Chờ', x: 'Giờ', unit: 'phút', target: 'Mục tiêu' });
    assert.deepEqual(spec.x, { kind: 'category', labels: ['8h', '9h', '10h'] });
    assert.deepEqual(spec.series[0]?.values, [12, null, 20]);
    assert.deepEqual(waitByHourChart(new Array(24).fill(null), 15, { series: '', x: '', unit: '' }).x, { kind: 'category', labels: [] });
  });
});

describe('period names of the report downloads', () => {
  it('a month, a quarter, a year; null while a field is not valid', () => {
    const fields = { month: '2026-03', year: 2026, quarter: 2 };
    assert.equal(periodName('month', fields), '2026-03');
    assert.equal(periodName('quarter', fields), '2026-Q2');
    assert.equal(periodName('year', fields), '2026');
    assert.equal(periodName('month', { ...fields, month: '' }), null);
    assert.equal(periodName('quarter', { ...fields, quarter: 5 }), null);
    assert.equal(periodName('year', { ...fields, year: Number.NaN }), null);
  });
});
