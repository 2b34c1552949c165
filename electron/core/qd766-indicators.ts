/**
 * The indicators of the Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) that a
 * hall's own data can compute, each as numerator / denominator × 100 (1 decimal; null without a
 * denominator, never 0). Formulas and sources: docs/reports.md "QĐ 766". Pure.
 */

export const INDICATORS_766 = [
  'satisfaction',
  'on_time_results',
  'digitised_dossiers',
  'digitised_results',
  'kiosk_submissions',
  'online_submissions',
  'synced_dossiers',
] as const;
export type Indicator766Id = (typeof INDICATORS_766)[number];

/** What each indicator counts: the group of the Bộ chỉ số it belongs to and its Vietnamese name. */
export const INDICATOR_766_INFO: Readonly<Record<Indicator766Id, { readonly group: string; readonly vi: string }>> = {
  satisfaction: { group: 'Mức độ hài lòng', vi: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC' },
  on_time_results: { group: 'Tiến độ, kết quả giải quyết', vi: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn' },
  digitised_dossiers: { group: 'Số hóa hồ sơ', vi: 'Tỷ lệ hồ sơ được số hóa khi tiếp nhận' },
  digitised_results: { group: 'Số hóa hồ sơ', vi: 'Tỷ lệ kết quả giải quyết được cấp bản điện tử' },
  kiosk_submissions: { group: 'Cung cấp dịch vụ trực tuyến', vi: 'Tỷ lệ hồ sơ lập tại kiosk' },
  online_submissions: { group: 'Cung cấp dịch vụ trực tuyến', vi: 'Tỷ lệ hồ sơ nộp trực tuyến' },
  synced_dossiers: { group: 'Công khai, minh bạch', vi: 'Tỷ lệ hồ sơ đồng bộ lên hệ thống một cửa điện tử' },
};

/** The hall's counts over a period (store/report-queries.ts reads them). */
export interface Counts766 {
  /** Dossiers received (each dossier of a ticket whose service ended with a received dossier). */
  readonly dossiers: number;
  /** Of them, dossiers of a visit rated dissatisfied or very dissatisfied. */
  readonly dissatisfied: number;
  /** Dossiers with a result from the provincial system whose due date is known, and of them those completed on or before it. */
  readonly resultsDue: number;
  readonly resultsOnTime: number;
  /** Dossiers prepared and submitted at the hall (kiosk or counter); of them those with at least one
   *  scanned paper, those prepared at a kiosk, and those delivered to the provincial system. */
  readonly prepared: number;
  readonly preparedDigitised: number;
  readonly preparedAtKiosk: number;
  readonly synced: number;
  /** Results from the provincial system, those issued as an electronic result, and the dossiers it reports as submitted online. */
  readonly results: number;
  readonly eResults: number;
  readonly resultsOnline: number;
}

export interface Indicator766 {
  readonly id: Indicator766Id;
  readonly group: string;
  readonly nameVi: string;
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator × 100, 1 decimal; null when the denominator is 0. */
  readonly valuePct: number | null;
}

/** part / whole × 100 rounded half up to 1 decimal (integers in, so no float drift); null for whole 0. */
export function ratioPct(part: number, whole: number): number | null {
  for (const [name, x] of [
    ['part', part],
    ['whole', whole],
  ] as const) {
    if (!Number.isInteger(x) || x < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${x}`);
  }
  if (part > whole) throw new RangeError(`part (${part}) exceeds whole (${whole})`);
  if (whole === 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/**
 * - satisfaction = (dossiers − dissatisfied) / dossiers (the Decision's formula: a dossier without
 *   a rating is not dissatisfied);
 * - on_time_results = completed on or before the due date / results with a due date;
 * - digitised_dossiers = prepared with a scanned paper / prepared;
 * - digitised_results = electronic results / results;
 * - kiosk_submissions = prepared at a kiosk / prepared;
 * - online_submissions = reported submitted online / results;
 * - synced_dossiers = delivered to the provincial system / prepared.
 */
export function indicators766(c: Counts766): Indicator766[] {
  const pairs: Record<Indicator766Id, [number, number]> = {
    satisfaction: [c.dossiers - c.dissatisfied, c.dossiers],
    on_time_results: [c.resultsOnTime, c.resultsDue],
    digitised_dossiers: [c.preparedDigitised, c.prepared],
    digitised_results: [c.eResults, c.results],
    kiosk_submissions: [c.preparedAtKiosk, c.prepared],
    online_submissions: [c.resultsOnline, c.results],
    synced_dossiers: [c.synced, c.prepared],
  };
  return INDICATORS_766.map((id) => {
    const [numerator, denominator] = pairs[id];
    return { id, group: INDICATOR_766_INFO[id].group, nameVi: INDICATOR_766_INFO[id].vi, numerator, denominator, valuePct: ratioPct(numerator, denominator) };
  });
}
