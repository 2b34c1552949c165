/**
 * A ChartSpec (chart-data.ts) as uPlot options and aligned data. Readability on a 1440×900
 * supervisor screen: 14 px axis text, lines 2 px; in high contrast, black-on-white ink, 3 px lines,
 * 16 px bold text and a distinct dash per series so no line relies on its colour. Times are
 * shown as HH:mm in the hall's time zone, figures as the language writes them (7,5).
 */
import uPlot from 'uplot';
import { formatFigure, formatTime, HALL_TIME_ZONE } from '../shared/format.ts';
import type { ChartSpec } from './chart-data.ts';

/** Okabe–Ito based, darkened where needed for contrast on white (WCAG 3:1 for graphics). */
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#aa3377', '#7a5c00', '#444444'];
/** Dark inks only, none of them the target line's red. */
const PALETTE_HIGH_CONTRAST = ['#000000', '#0033cc', '#7a3e00', '#006400', '#6a1b9a', '#005f73'];
/** One dash pattern per series in high contrast (solid first). */
const DASHES: (number[] | undefined)[] = [undefined, [10, 5], [3, 4], [14, 4, 3, 4], [6, 6], [18, 6]];
const TARGET_COLOR = '#b00020';
const INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000];

export interface ChartLook {
  readonly highContrast: boolean;
  readonly lang: 'vi' | 'en';
}

/** What decides the options (not the data): when it changes the chart is rebuilt, otherwise its data is replaced. */
export function shapeKey(spec: ChartSpec, look: ChartLook): string {
  const labels = spec.x.kind === 'category' ? spec.x.labels.join('|') : 'time';
  return [
    spec.style,
    spec.xLabel,
    spec.unit,
    spec.yMax,
    spec.target?.value,
    spec.target?.label,
    labels,
    spec.series.map((s) => s.label).join('|'),
    look.highContrast,
    look.lang,
  ].join('#');
}

export function alignedData(spec: ChartSpec): uPlot.AlignedData {
  const xs = spec.x.kind === 'time' ? spec.x.values.map((t) => t / 1000) : spec.x.labels.map((_, i) => i);
  const series = spec.series.map((s) => [...s.values]);
  const target = spec.target ? [xs.map(() => spec.target?.value ?? null)] : [];
  return [xs, ...series, ...target] as uPlot.AlignedData;
}

export function chartOptions(spec: ChartSpec, look: ChartLook, size: { width: number; height: number }): uPlot.Options {
  const hc = look.highContrast;
  const palette = hc ? PALETTE_HIGH_CONTRAST : PALETTE;
  const ink = hc ? '#000000' : '#1a1a1a';
  const grid = hc ? '#666666' : '#e0e0e0';
  const font = hc ? 'bold 16px "Noto Sans", system-ui, sans-serif' : '14px "Noto Sans", system-ui, sans-serif';
  const width = hc ? 3 : 2;
  const categories = spec.x.kind === 'category' ? spec.x.labels : null;
  const bars = spec.style === 'bars' ? uPlot.paths.bars?.({ size: [spec.series.length > 1 ? 0.4 : 0.6, 64] }) : undefined;
  const stepped = spec.style === 'step' ? uPlot.paths.stepped?.({ align: 1 }) : undefined;
  const figure = (v: number): string => formatFigure(v, look.lang);

  const series: uPlot.Series[] = [
    { label: spec.xLabel, value: (_u, v) => (v === null || v === undefined ? '—' : categories ? (categories[v] ?? '') : formatTime(v * 1000)) },
    ...spec.series.map((s, i): uPlot.Series => {
      const color = palette[i % palette.length] ?? ink;
      const dash = hc ? DASHES[i % DASHES.length] : undefined;
      return {
        label: s.label,
        stroke: color,
        width,
        ...(dash ? { dash } : {}),
        ...(bars ? { paths: bars, fill: hc ? color : `${color}cc`, points: { show: false } } : {}),
        ...(stepped ? { paths: stepped, points: { show: false } } : {}),
        ...(spec.style === 'line' ? { points: { show: true, size: hc ? 9 : 7, width } } : {}),
        spanGaps: spec.style === 'line',
        value: (_u, v) => (v === null || v === undefined ? '—' : `${figure(v)} ${spec.unit}`),
      };
    }),
    ...(spec.target
      ? [
          {
            label: spec.target.label,
            stroke: TARGET_COLOR,
            width: hc ? 3 : 2,
            dash: [8, 5],
            points: { show: false },
            value: () => `${figure(spec.target?.value ?? 0)} ${spec.unit}`,
          } satisfies uPlot.Series,
        ]
      : []),
  ];

  return {
    width: size.width,
    height: size.height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), HALL_TIME_ZONE),
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: categories ? { time: false, range: [-0.5, Math.max(0.5, categories.length - 0.5)] } : { time: true },
      y: {
        range: (_u, _min, max) => {
          if (spec.yMax !== null) return [0, spec.yMax];
          const top = Math.max(1, max ?? 0, spec.target ? spec.target.value * 1.25 : 0);
          return [0, Math.ceil(top)];
        },
      },
    },
    axes: [
      {
        stroke: ink,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        ...(categories
          ? { splits: () => categories.map((_, i) => i), values: (_u: uPlot, splits: number[]) => splits.map((i) => categories[i] ?? '') }
          : { values: (_u: uPlot, splits: number[]) => splits.map((s) => formatTime(s * 1000)) }),
      },
      { stroke: ink, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, incrs: INCREMENTS, size: 56, values: (_u, splits) => splits.map(figure) },
    ],
    series,
  };
}
