/**
 * The quarterly TT 01/2018 scoring of a hall (Điều 13–15): each dossier's points from what the hall
 * knows of it, the nine indices for the unit and indices 1, 2, 3, 4, 7 per officer, with their
 * classification. Pure; the arithmetic and the thresholds are in tt01-scoring.ts.
 *
 * Where a dossier's points come from (docs/reports.md "TT 01/2018"):
 * - index 1 (time against the time allowed): the provincial system's result, completed before the
 *   due day → 2, on it → 1, after → 0; else the citizen's answer to the detailed survey;
 * - indices 3, 4: the detailed survey only;
 * - index 7 (attitude): the detailed survey's answer when given, else the one-press rating of the
 *   visit (Rất hài lòng → 2, Hài lòng or Bình thường → 1, Không hài lòng / Rất không hài lòng → 0);
 * - indices 2, 5, 6, 8, 9: not in the hall's data, so left out (Điều 15.4.b), shown as n/a.
 * A survey answer maps Rất hài lòng / Hài lòng / Không hài lòng to 2 / 1 / 0.
 */
import type { RatingLevel } from '../common/domain.ts';
import {
  classifyOfficer,
  classifyUnit,
  OFFICER_CLASS_VI,
  OFFICER_INDICES,
  TT01_INDICES,
  UNIT_CLASS_VI,
  type DossierIndexPoints,
  type IndexPoints,
  type IndexScore,
  type OfficerClass,
  type Tt01Index,
  type UnitClass,
} from './tt01-scoring.ts';

/** The indices a citizen answers in the detailed survey (Điều 14.3.a: collected by rating devices). */
export const SURVEY_INDICES = [1, 3, 4, 7] as const;
export type SurveyIndex = (typeof SURVEY_INDICES)[number];
export const SURVEY_LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type SurveyLevel = (typeof SURVEY_LEVELS)[number];

/** The indices' titles as Thông tư 01/2018/TT-VPCP words them (its Bộ chỉ số đánh giá). */
export const SURVEY_QUESTIONS_VI: Readonly<Record<SurveyIndex, string>> = {
  1: 'Tổng thời gian giải quyết TTHC so với thời gian cho phép',
  3: 'Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ',
  4: 'Số lượng cơ quan, đơn vị, tổ chức phải liên hệ để hoàn thiện hồ sơ',
  7: 'Thái độ của cán bộ, công chức, viên chức khi hướng dẫn, tiếp nhận, giải quyết',
};

const SURVEY_POINTS: Readonly<Record<SurveyLevel, IndexPoints>> = { very_satisfied: 2, satisfied: 1, dissatisfied: 0 };
const RATING_POINTS: Readonly<Record<RatingLevel, IndexPoints>> = { very_satisfied: 2, satisfied: 1, neutral: 1, dissatisfied: 0, very_dissatisfied: 0 };

export const surveyPoints = (level: SurveyLevel): IndexPoints => SURVEY_POINTS[level];
/** Index 7 points of a one-press rating. */
export const ratingPoints = (level: RatingLevel): IndexPoints => RATING_POINTS[level];

/** Index 1 points of a result: completed before the due day → 2, on it → 1, after → 0 (YYYY-MM-DD, hall time). */
export function resultPoints(completedDate: string, dueDate: string): IndexPoints {
  if (completedDate < dueDate) return 2;
  return completedDate === dueDate ? 1 : 0;
}

/** What the hall knows of one dossier. */
export interface DossierScoringFacts {
  readonly officerId: string | null;
  /** How many dossiers these facts stand for (a representative's ticket may carry several). */
  readonly weight: number;
  readonly rating: RatingLevel | null;
  /** The provincial results known for the ticket's dossiers (local days): each scores index 1 for its own dossier. */
  readonly results: readonly { readonly completedDate: string; readonly dueDate: string }[];
  readonly survey: Partial<Readonly<Record<SurveyIndex, SurveyLevel>>>;
}

/** The points of each of the ticket's dossiers except index 1 when results are known (tallyByOfficer adds those one per result). */
export function dossierPoints(f: DossierScoringFacts): DossierIndexPoints {
  const points: Partial<Record<Tt01Index, IndexPoints>> = {};
  if (f.results.length === 0 && f.survey[1] !== undefined) points[1] = surveyPoints(f.survey[1]);
  if (f.survey[3] !== undefined) points[3] = surveyPoints(f.survey[3]);
  if (f.survey[4] !== undefined) points[4] = surveyPoints(f.survey[4]);
  if (f.survey[7] !== undefined) points[7] = surveyPoints(f.survey[7]);
  else if (f.rating !== null) points[7] = ratingPoints(f.rating);
  return points;
}

export interface Tt01Score {
  readonly indices: readonly IndexScore[];
  /** Sum of the scored indices; null when none has data. */
  readonly total: number | null;
  /** How many of the indices had data. */
  readonly scored: number;
}

export interface Tt01OfficerScore extends Tt01Score {
  readonly officerId: string;
  readonly dossiers: number;
  readonly classification: OfficerClass | null;
  readonly classificationVi: string | null;
}

export interface Tt01Report {
  readonly unit: Tt01Score & {
    readonly dossiers: number;
    readonly classification: UnitClass | null;
    readonly classificationVi: string | null;
    /** False when some index had no data: the classification is then over fewer than 9 indices (Điều 15.4.b). */
    readonly complete: boolean;
  };
  readonly officers: readonly Tt01OfficerScore[];
}

/** Σ points and number of dossiers with data, per index: what Điều 15.2.a divides. */
export type IndexTally = Partial<Record<Tt01Index, { points: number; dossiers: number }>>;

/** One officer's (or the unscoped dossiers', officerId null) tally and dossier count. */
export interface OfficerTally {
  readonly officerId: string | null;
  readonly dossiers: number;
  readonly tally: IndexTally;
}

export function addPoints(tally: IndexTally, points: DossierIndexPoints, weight: number): void {
  for (const index of TT01_INDICES) {
    const p = points[index];
    if (p === undefined) continue;
    const t = tally[index] ?? { points: 0, dossiers: 0 };
    t.points += p * weight;
    t.dossiers += weight;
    tally[index] = t;
  }
}

/** The tallies of a list of dossiers, by officer (the report's input built from per-dossier facts). */
export function tallyByOfficer(facts: readonly DossierScoringFacts[]): OfficerTally[] {
  const out = new Map<string | null, { officerId: string | null; dossiers: number; tally: IndexTally }>();
  for (const f of facts) {
    let t = out.get(f.officerId);
    if (!t) {
      t = { officerId: f.officerId, dossiers: 0, tally: {} };
      out.set(f.officerId, t);
    }
    t.dossiers += f.weight;
    addPoints(t.tally, dossierPoints(f), f.weight);
    for (const r of f.results) addPoints(t.tally, { 1: resultPoints(r.completedDate, r.dueDate) }, 1);
  }
  return [...out.values()];
}

/** Điều 15.2.a over a tally: the same arithmetic as scoreIndices (a property test holds them together). */
export function scoreTally(tally: IndexTally, indices: readonly Tt01Index[]): Tt01Score {
  let totalTenths = 0;
  let scored = 0;
  const result = indices.map((index): IndexScore => {
    const t = tally[index];
    if (!t || t.dossiers === 0) return { index, dossiers: 0, score: null };
    const tenths = Math.round((t.points * 10) / t.dossiers);
    totalTenths += tenths;
    scored += 1;
    return { index, dossiers: t.dossiers, score: tenths / 10 };
  });
  return { indices: result, total: scored === 0 ? null : totalTenths / 10, scored };
}

/** Unit scores over every dossier, officer scores over each officer's (ordered by officer id). */
export function tt01Report(tallies: readonly OfficerTally[]): Tt01Report {
  const unitTally: IndexTally = {};
  let dossiers = 0;
  for (const o of tallies) {
    dossiers += o.dossiers;
    for (const index of TT01_INDICES) {
      const t = o.tally[index];
      if (!t) continue;
      const u = unitTally[index] ?? { points: 0, dossiers: 0 };
      u.points += t.points;
      u.dossiers += t.dossiers;
      unitTally[index] = u;
    }
  }
  const unit = scoreTally(unitTally, TT01_INDICES);
  const unitClass = unit.total === null ? null : classifyUnit(unit.total);
  const officers = tallies
    .filter((o): o is OfficerTally & { officerId: string } => o.officerId !== null)
    .sort((a, b) => (a.officerId < b.officerId ? -1 : a.officerId > b.officerId ? 1 : 0))
    .map((o): Tt01OfficerScore => {
      const s = scoreTally(o.tally, OFFICER_INDICES);
      const c = s.total === null ? null : classifyOfficer(s.total);
      return { officerId: o.officerId, dossiers: o.dossiers, ...s, classification: c, classificationVi: c === null ? null : OFFICER_CLASS_VI[c] };
    });
  return {
    unit: {
      ...unit,
      dossiers,
      classification: unitClass,
      classificationVi: unitClass === null ? null : UNIT_CLASS_VI[unitClass],
      complete: unit.scored === TT01_INDICES.length,
    },
    officers,
  };
}
