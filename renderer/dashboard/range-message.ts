/**
 * The message of a typed range's problem (export-query.ts checkRange) in the screen's language: the
 * field to correct with an example of the format, the two dates of a range whose end is before its
 * start, or the length of too long a range against the limit. `tooLong` names the limit's wording,
 * which differs between the exports ("xuất") and the report tab's reads ("xem").
 */
import { MAX_KPI_SPAN_DAYS } from '../../electron/common/report-limits.ts';
import { showBusinessDate } from '../shared/format.ts';
import { translate, type Language } from '../shared/i18n.ts';
import type { RangeCheck } from './export-query.ts';

export type RangeProblem = Exclude<RangeCheck, { ok: true }>;

export function rangeMessage(
  problem: RangeProblem,
  lang: Language,
  options: { readonly today: string; readonly tooLong: 'dashboard.exportRangeTooLong' | 'dashboard.rangeTooLong' },
): string {
  switch (problem.problem) {
    case 'invalid': {
      const field = translate(lang, problem.field === 'from' ? 'dashboard.from' : 'dashboard.to');
      return translate(lang, 'dashboard.exportDateInvalid', { field, example: showBusinessDate(options.today) });
    }
    case 'inverted':
      return translate(lang, 'dashboard.exportRangeInverted', { from: showBusinessDate(problem.from), to: showBusinessDate(problem.to) });
    case 'tooLong':
      return translate(lang, options.tooLong, { n: problem.days, max: MAX_KPI_SPAN_DAYS });
  }
}
