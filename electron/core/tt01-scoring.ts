/**
 * TT 01/2018/TT-VPCP evaluation indices (Điều 13–15: per-dossier points 2/1/0, averages rounded to
 * one decimal, indices without data excluded, officer and unit classification) and officer
 * productivity against the yearly dossier targets of QĐ 468. Pure.
 */
import type { TargetsConfig } from '../common/hall-config.ts';

// ---------------------------------------------------------------------------------------------
// TT 01/2018 indices (Điều 13–15; regulations §1.6)

export const TT01_INDICES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Tt01Index = (typeof TT01_INDICES)[number];
/** Points of one index for one dossier (or for the unit, for per-unit indices): 2, 1 or 0. */
export type IndexPoints = 0 | 1 | 2;
/** The per-dossier indices collected by the rating keypad, paper form and online (Điều 14.3.a). */
export const KEYPAD_INDICES: readonly Tt01Index[] = [1, 3, 4, 7];
/** Indices that enter an officer's score (Điều 15.3). */
export const OFFICER_INDICES: readonly Tt01Index[] = [1, 2, 3, 4, 7];

/** One dossier's points; an index left out has no data for that dossier. */
export type DossierIndexPoints = Partial<Readonly<Record<Tt01Index, IndexPoints>>>;

export interface IndexScore {
  readonly index: Tt01Index;
  /** Dossiers with data for this index. */
  readonly dossiers: number;
  /** Mean points, rounded to 1 decimal; null when no dossier has data (the index is excluded). */
  readonly score: number | null;
}

export interface IndexScoreResult {
  readonly indices: readonly IndexScore[];
  /** Sum of the scores of the indices with data (1 decimal); null when none has data. */
  readonly total: number | null;
}

/**
 * Điều 15.2.a: score of index i = Σ points of the dossiers for index i / number of those
 * dossiers, rounded to 1 decimal (half up); the total is the sum of the index scores. An index
 * without data is left out of the total (Điều 15.4.b) and reported as null, not 0.
 */
export function scoreIndices(dossiers: readonly DossierIndexPoints[], indices: readonly Tt01Index[] = KEYPAD_INDICES): IndexScoreResult {
  let totalTenths = 0;
  let scored = 0;
  const result = indices.map((index): IndexScore => {
    let points = 0;
    let n = 0;
    for (const d of dossiers) {
      const p = d[index];
      if (p === undefined) continue;
      if (p !== 0 && p !== 1 && p !== 2) throw new RangeError(`index ${index} points must be 0, 1 or 2, got ${String(p)}`);
      points += p;
      n += 1;
    }
    if (n === 0) return { index, dossiers: 0, score: null };
    const tenths = Math.round((points * 10) / n);
    totalTenths += tenths;
    scored += 1;
    return { index, dossiers: n, score: tenths / 10 };
  });
  return { indices: result, total: scored === 0 ? null : totalTenths / 10 };
}

/** Officer classification (Điều 15.3): ≥ 5 → 100 %; 3.5 to < 5 → 70 to < 100 %; < 3.5 → < 70 %. */
export type OfficerClass = 'pct_100' | 'pct_70_to_100' | 'pct_below_70';
export const OFFICER_CLASS_VI: Readonly<Record<OfficerClass, string>> = {
  pct_100: 'Hoàn thành 100% nhiệm vụ',
  pct_70_to_100: 'Hoàn thành từ 70% đến dưới 100% nhiệm vụ',
  pct_below_70: 'Hoàn thành dưới 70% nhiệm vụ',
};

/** Unit classification (Điều 15.3): ≥ 15, ≥ 12, ≥ 9, ≥ 6, below. */
export type UnitClass = 'excellent' | 'good' | 'fair' | 'average' | 'weak';
export const UNIT_CLASS_VI: Readonly<Record<UnitClass, string>> = {
  excellent: 'Xuất sắc',
  good: 'Tốt',
  fair: 'Khá',
  average: 'Trung bình',
  weak: 'Yếu',
};

/** The score in tenths, so that a float sum such as 14.999999999 is read as the 15.0 it stands for. */
const tenthsOf = (score: number): number => Math.round(score * 10);

/** `total` is an officer's score (1 decimal), e.g. `scoreIndices(d, OFFICER_INDICES).total`. */
export function classifyOfficer(total: number): OfficerClass {
  const t = tenthsOf(total);
  if (t >= 50) return 'pct_100';
  if (t >= 35) return 'pct_70_to_100';
  return 'pct_below_70';
}

/** `total` is the unit's score (1 decimal, at most 18). Exactly 15.0 is "xuất sắc" (regulations R1.12). */
export function classifyUnit(total: number): UnitClass {
  const t = tenthsOf(total);
  if (t >= 150) return 'excellent';
  if (t >= 120) return 'good';
  if (t >= 90) return 'fair';
  if (t >= 60) return 'average';
  return 'weak';
}

// ---------------------------------------------------------------------------------------------
// Officer productivity against the yearly dossier targets (QĐ 468 / NQ 131 as listed in PRODUCT.md;
// the Decision's own text for these figures is still to be verified, regulations §1.9 and §7).

export type HallLevel = TargetsConfig['level'];

/** Dossiers received per counter officer per year, by hall level. */
export const YEARLY_DOSSIERS_PER_OFFICER: Readonly<Record<HallLevel, number>> = {
  ministry: 2000,
  central_city: 1800,
  province: 1600,
  rural: 1200,
  remote: 800,
};

export interface ProductivityResult {
  readonly dossiers: number;
  readonly days: number;
  readonly yearlyTarget: number;
  /** The yearly target pro-rated to the period: yearly × days / 365, 1 decimal. */
  readonly periodTarget: number;
  /** dossiers / period target × 100, 1 decimal. */
  readonly pctOfTarget: number;
}

/**
 * An officer's dossiers over a period of `days` calendar days (both ends counted) against the
 * yearly target of the hall level, spread evenly over a 365-day year.
 */
export function officerProductivity(dossiers: number, days: number, level: HallLevel): ProductivityResult {
  if (!Number.isInteger(dossiers) || dossiers < 0) throw new RangeError(`dossiers must be a whole number ≥ 0, got ${dossiers}`);
  if (!Number.isInteger(days) || days <= 0) throw new RangeError(`days must be a whole number > 0, got ${days}`);
  const yearlyTarget = YEARLY_DOSSIERS_PER_OFFICER[level];
  return {
    dossiers,
    days,
    yearlyTarget,
    periodTarget: Math.round((yearlyTarget * days * 10) / 365) / 10,
    pctOfTarget: Math.round((dossiers * 365 * 1000) / (yearlyTarget * days)) / 10,
  };
}

// ---------------------------------------------------------------------------------------------
// QĐ 766/QĐ-TTg satisfaction ratio (regulations §1.8)

/**
 * Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC = (dossiers − dissatisfied dossiers) / dossiers
 * × 100, 1 decimal; null without dossiers. A dossier without a rating counts as not dissatisfied,
 * as in the Decision's formula.
 */
export function dossierSatisfaction766(dossiers: number, dissatisfied: number): number | null {
  if (!Number.isInteger(dossiers) || !Number.isInteger(dissatisfied) || dossiers < 0 || dissatisfied < 0 || dissatisfied > dossiers) {
    throw new RangeError(`need whole numbers with 0 ≤ dissatisfied ≤ dossiers, got ${dissatisfied} of ${dossiers}`);
  }
  if (dossiers === 0) return null;
  return Math.round(((dossiers - dissatisfied) * 1000) / dossiers) / 10;
}
