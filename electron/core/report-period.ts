/**
 * The reporting periods of the regulations: TT 01/2018 Điều 15.4 aggregates quarterly and
 * classifies yearly; the hall's own report is monthly. A period is named `YYYY` (a year), `YYYY-Qn`
 * (a quarter) or `YYYY-MM` (a month) and covers whole business days. Pure.
 */
import { addDays } from './business-time.ts';

export interface ReportPeriod {
  readonly kind: 'year' | 'quarter' | 'month' | 'range';
  /** The name as given (`2025-Q1`), or `from…to` for an explicit range. */
  readonly label: string;
  /** Vietnamese heading: "Quý I năm 2025", "Năm 2025", "Tháng 03/2025", "Từ 01/03/2025 đến 15/03/2025". */
  readonly labelVi: string;
  readonly from: string;
  readonly to: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const lastDayOf = (month: string): string => addDays(`${addDays(`${month}-01`, 31).slice(0, 7)}-01`, -1);
const vi = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The period named `name`, or null when it is none of YYYY, YYYY-Qn, YYYY-MM. */
export function parsePeriod(name: string): ReportPeriod | null {
  let m = /^(\d{4})$/.exec(name);
  if (m) return { kind: 'year', label: name, labelVi: `Năm ${name}`, from: `${name}-01-01`, to: `${name}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(name);
  if (m) {
    const q = Number(m[2]);
    const first = `${m[1]}-${String(q * 3 - 2).padStart(2, '0')}`;
    const last = `${m[1]}-${String(q * 3).padStart(2, '0')}`;
    return { kind: 'quarter', label: name, labelVi: `Quý ${ROMAN[q - 1]} năm ${m[1]}`, from: `${first}-01`, to: lastDayOf(last) };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(name);
  if (m) return { kind: 'month', label: name, labelVi: `Tháng ${m[2]}/${m[1]}`, from: `${name}-01`, to: lastDayOf(name) };
  return null;
}

/** An explicit range of business days (validated by the caller). */
export function rangePeriod(from: string, to: string): ReportPeriod {
  return { kind: 'range', label: `${from}…${to}`, labelVi: `Từ ${vi(from)} đến ${vi(to)}`, from, to };
}
