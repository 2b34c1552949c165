/**
 * Response shapes the renderer reads that electron/common does not declare as types (hall config
 * read-out, KPI report, counter operation result, the rating window). Kept to what the screens use.
 */
import type { CounterState, PublicTicket, RatingLevel } from '../../electron/common/domain.ts';
import type { EFormDefinition } from '../../electron/common/eform.ts';
import type { CounterView, KpiRow } from '../../electron/common/wire.ts';

export type { KpiRow };

export interface Localized {
  readonly vi: string;
  readonly en: string;
}

export interface HallConfigView {
  readonly hall: { readonly id: string; readonly name: Localized; readonly address: string; readonly brand: { readonly primaryColor: string; readonly accentColor: string; readonly logo: string | null } };
  readonly services: readonly { readonly id: string; readonly prefix: string; readonly name: Localized; readonly defaultServiceMinutes: number }[];
  readonly counters: readonly { readonly id: string; readonly number: number; readonly name: Localized; readonly services: readonly { readonly serviceId: string }[]; readonly priorityFirst: boolean }[];
  readonly fields: readonly { readonly id: string; readonly code: string; readonly name: Localized }[];
  readonly procedures: readonly ProcedureView[];
  readonly schedule: { readonly timeZone: string };
  readonly targets: { readonly waitMinutes: number; readonly serviceMinutes: number; readonly satisfactionPct: number };
  /** The rules terminals apply on their side; an older server leaves it out and the defaults apply. */
  readonly policy?: {
    readonly ratingWindowSeconds?: number;
    readonly ratingLevels?: 3 | 5;
    readonly elderlyAge?: number;
    readonly priorityRatio?: number;
    /** Proxy mode: dossiers one ticket may carry (1 = off). */
    readonly maxDossiersPerTicket?: number;
  };
  /** SHA-256 fingerprint of the hall CA terminals pin; null when the hall serves plain HTTP (absent from older servers). */
  readonly caFingerprint?: string | null;
  /** E-form definitions (self-service dossier); absent until the server publishes them. */
  readonly forms?: readonly EFormDefinition[];
}

export interface ProcedureView {
  readonly id: string;
  readonly code: string;
  readonly fieldId: string;
  readonly name: string;
  readonly serviceId: string;
  readonly processingTime: string;
  readonly fee: string;
  readonly papers: readonly PaperConfigView[];
  /** The e-form of the procedure's dossier; absent → no self-service dossier for it. */
  readonly formId?: string | null;
}

export interface PaperConfigView {
  readonly name: string;
  readonly copies: string;
  readonly required: boolean;
  /** Document-type code (mã loại giấy tờ); papers without one cannot be digitised. */
  readonly docTypeCode?: string;
  /** false for papers only shown at the counter ("Xuất trình bản chính"); absent counts as true. */
  readonly digitise?: boolean;
  /** true for the paper declaration that the procedure's e-form replaces: never asked for at the kiosk. */
  readonly replacedByForm?: boolean;
}

export type KpiGroupBy = 'none' | 'service' | 'counter' | 'officer' | 'procedure' | 'day' | 'hour' | 'month' | 'weekday_hour';

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly groupBy: KpiGroupBy;
  readonly targets: { readonly waitMinutes: number; readonly serviceMinutes: number; readonly satisfactionPct: number };
  readonly rows: readonly KpiRow[];
}

/** getTodayTimeline (core/day-timeline.ts): today per quarter hour, the last point being now. */
export interface TodayTimeline {
  readonly businessDate: string;
  readonly at: number;
  readonly waitTargetMinutes: number;
  readonly stepMinutes: number;
  /** UTC epoch milliseconds. */
  readonly times: readonly number[];
  readonly services: readonly {
    readonly serviceId: string;
    /** People waiting at each instant. */
    readonly waiting: readonly number[];
    /** Mean wait (minutes) of the tickets first called in the step ending at each instant; null without calls. */
    readonly waitMeanMin: readonly (number | null)[];
  }[];
}

/** A KPI row with the display name of its key (getPeriodReport): "A · Hộ tịch", the counter's or officer's name; null when unknown. */
export type NamedKpiRow = KpiRow & { readonly name: string | null };

/** What the dashboard reads of getPeriodReport (server/reports/period-report.ts). */
export interface PeriodReportView {
  readonly period: { readonly label: string; readonly labelVi: string; readonly from: string; readonly to: string };
  readonly kpis: { readonly hall: KpiRow; readonly byService: readonly NamedKpiRow[]; readonly byCounter: readonly NamedKpiRow[]; readonly byOfficer: readonly NamedKpiRow[] };
}

export interface CounterOperationResult {
  readonly seq: number;
  readonly counter: CounterState | null;
  readonly ticket: PublicTicket | null;
}

/** The rating API: an open rating window at a counter. */
export interface RatingWindow {
  readonly ticketId: string;
  readonly closesAt: number;
}

export type CounterWithRating = CounterView & { readonly ratingWindow?: RatingWindow | null };

export const DEFAULT_RATING_WINDOW_SECONDS = 30;

/** The levels a rating screen offers, best first (rating API: 3 or 5 levels). */
export function ratingChoices(levels: 3 | 5 | undefined): readonly RatingLevel[] {
  return levels === 5 ? ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] : ['very_satisfied', 'satisfied', 'dissatisfied'];
}

/** A reason may accompany only the negative levels (rating API). */
export function ratingTakesReason(level: RatingLevel): boolean {
  return level === 'dissatisfied' || level === 'very_dissatisfied';
}

/** getStaffingAdvice (server/live-kpis.ts, core/staffing.ts): counters each service needs this hour. */
export interface StaffingView {
  readonly at: number;
  /** Local hour (0–23) the advice is for. */
  readonly hour: number;
  readonly advice: readonly {
    readonly serviceId: string;
    readonly countersOpen: number;
    readonly countersNeeded: number;
    /** Mean wait with the counters open now; null when the queue would grow without bound. */
    readonly projectedWaitMin: number | null;
    readonly action: 'open_more' | 'enough' | 'can_close';
    readonly messageVi: string;
    readonly messageEn: string;
  }[];
}
