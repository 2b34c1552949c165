/** The NOTIFY channel every hub process LISTENs on, and what its payloads say. */
export const LIVE_CHANNEL = 'province_live';

/** A ticket called in a hall: what a province view shows as it happens. */
export interface LiveCall {
  readonly number: string;
  readonly counterId: string | null;
  readonly at: number;
}

export type LiveNotice =
  | {
      readonly kind: 'events';
      readonly hallId: string;
      readonly headSeq: number;
      readonly lastEventAt: number;
      /** Business days whose figures changed (at most a few). */
      readonly days: readonly string[];
      /** The latest calls of the delivery: what a province view shows as it happens. */
      readonly calls: readonly LiveCall[];
    }
  | { readonly kind: 'alert'; readonly hallId: string; readonly code: string; readonly seq: number };
