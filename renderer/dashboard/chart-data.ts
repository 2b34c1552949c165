/**
 * The dashboard's charts as data (ChartSpec), folded from the hall's answers: today's timeline
 * (getTodayTimeline) and KPI rows (getKpis by hour, counter and day). Pure, so the folding is
 * tested without a browser; UPlotChart.svelte draws a spec and shows the same numbers as a table.
 */
import type { HallConfigView, KpiRow, TodayTimeline } from '../shared/api/types.ts';

export interface ChartSeriesSpec {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

export type ChartX =
  /** Instants (UTC epoch ms), shown as HH:mm in the hall's time zone. */
  | { readonly kind: 'time'; readonly values: readonly number[] }
  /** One bar or point per label. */
  | { readonly kind: 'category'; readonly labels: readonly string[] };

export interface ChartSpec {
  readonly x: ChartX;
  /** What the x values are ("Thời điểm", "Giờ", "Quầy", "Ngày"): the legend's and the table's first heading. */
  readonly xLabel: string;
  readonly series: readonly ChartSeriesSpec[];
  /** `step`: a count that holds until the next instant; `line`: a measure at each instant; `bars`: one bar per category. */
  readonly style: 'line' | 'step' | 'bars';
  /** The unit of the values as the screen writes it ("người", "phút", "%"). */
  readonly unit: string;
  /** Fixed top of the value axis (100 for percentages); otherwise the data and the target decide. */
  readonly yMax: number | null;
  /** A horizontal line the values are read against (the wait or satisfaction target). */
  readonly target: { readonly value: number; readonly label: string } | null;
}

type Lang = 'vi' | 'en';
/** The key of tickets never called in the counter grouping (core/kpi.ts NO_VALUE_KEY). */
const NO_COUNTER = '(none)';

/** The screen's words for a chart (from the i18n catalogue): its series, x values, unit and target line. */
export interface ChartWords {
  readonly series: string;
  readonly x: string;
  readonly unit: string;
  readonly target?: string;
}

function serviceLabel(config: HallConfigView | null, serviceId: string, lang: Lang): string {
  const s = config?.services.find((x) => x.id === serviceId);
  return s ? `${s.prefix} · ${s.name[lang]}` : serviceId;
}

/** People waiting per service over the day (one step line per service). */
export function waitingChart(timeline: TodayTimeline, config: HallConfigView | null, lang: Lang, words: Omit<ChartWords, 'series'>): ChartSpec {
  return {
    x: { kind: 'time', values: timeline.times },
    xLabel: words.x,
    series: timeline.services.map((s) => ({ label: serviceLabel(config, s.serviceId, lang), values: s.waiting })),
    style: 'step',
    unit: words.unit,
    yMax: null,
    target: null,
  };
}

/** Mean wait of the tickets called in each quarter hour, per service, against the wait target. */
export function waitMeanChart(timeline: TodayTimeline, config: HallConfigView | null, lang: Lang, words: Omit<ChartWords, 'series'>): ChartSpec {
  return {
    x: { kind: 'time', values: timeline.times },
    xLabel: words.x,
    series: timeline.services.map((s) => ({ label: serviceLabel(config, s.serviceId, lang), values: s.waitMeanMin })),
    style: 'line',
    unit: words.unit,
    yMax: null,
    target: { value: timeline.waitTargetMinutes, label: words.target ?? '' },
  };
}

/** Share of waits within the target per local hour of today (rows of getKpis groupBy=hour, keys "YYYY-MM-DD HH:00"). */
export function attainmentByHourChart(hourRows: readonly KpiRow[], words: ChartWords): ChartSpec {
  const rows = [...hourRows].filter((r) => /^\d{4}-\d{2}-\d{2} \d{2}:00$/.test(r.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    x: { kind: 'category', labels: rows.map((r) => `${r.key.slice(11, 13)}h`) },
    xLabel: words.x,
    series: [{ label: words.series, values: rows.map((r) => r.withinWaitTargetPct) }],
    style: 'bars',
    unit: words.unit,
    yMax: 100,
    target: null,
  };
}

/**
 * Tickets called at each counter today (rows of getKpis groupBy=counter; a ticket counts at the
 * counter that last called it). Every configured counter has a bar, an unused one at 0, labelled
 * by its number (full names do not fit under six bars); tickets never called are left out.
 */
export function callsPerCounterChart(
  counterRows: readonly KpiRow[],
  config: HallConfigView | null,
  words: ChartWords & { readonly counter: (n: number) => string },
): ChartSpec {
  const byId = new Map(counterRows.filter((r) => r.key !== NO_COUNTER).map((r) => [r.key, r.tickets]));
  const counters = config ? [...config.counters].sort((a, b) => a.number - b.number) : [];
  const known = new Set(counters.map((c) => c.id));
  const extra = [...byId.keys()].filter((id) => !known.has(id)).sort();
  return {
    x: { kind: 'category', labels: [...counters.map((c) => words.counter(c.number)), ...extra] },
    xLabel: words.x,
    series: [{ label: words.series, values: [...counters.map((c) => byId.get(c.id) ?? 0), ...extra.map((id) => byId.get(id) ?? 0)] }],
    style: 'bars',
    unit: words.unit,
    yMax: null,
    target: null,
  };
}

/** Satisfaction per day (rows of getKpis groupBy=day) against the satisfaction target; a day without ratings has no bar. */
export function satisfactionByDayChart(dayRows: readonly KpiRow[], target: number, words: ChartWords): ChartSpec {
  const rows = [...dayRows].filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    x: { kind: 'category', labels: rows.map((r) => `${r.key.slice(8, 10)}/${r.key.slice(5, 7)}`) },
    xLabel: words.x,
    series: [{ label: words.series, values: rows.map((r) => r.satisfactionPct) }],
    style: 'bars',
    unit: words.unit,
    yMax: 100,
    target: { value: target, label: words.target ?? '' },
  };
}

/** Mean wait per local hour of the day over a range (the report page: report-math.ts waitByHour), against the wait target. */
export function waitByHourChart(byHour: readonly (number | null)[], target: number, words: ChartWords): ChartSpec {
  // The hours from the first to the last one with a wait (the hall's working hours, whatever they are).
  const first = byHour.findIndex((v) => v !== null);
  const last = byHour.findLastIndex((v) => v !== null);
  const hours = first < 0 ? [] : byHour.map((v, h) => ({ v, h })).slice(first, last + 1);
  return {
    x: { kind: 'category', labels: hours.map(({ h }) => `${h}h`) },
    xLabel: words.x,
    series: [{ label: words.series, values: hours.map(({ v }) => v) }],
    style: 'bars',
    unit: words.unit,
    yMax: null,
    target: { value: target, label: words.target ?? '' },
  };
}
