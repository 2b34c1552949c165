/** The NOTIFY channel every hub process LISTENs on, and what its payloads say. */
export const LIVE_CHANNEL = 'province_live';

export type LiveNotice =
  | {
    readonly kind: 'events';
    readonly hallId: string;
    readonly headSeq: number;
    readonly lastEventAt: number;
    /** Business days whose figures changed (at most a few). */
    readonly days: readonly string[];
    /** The latest calls of the delivery: what a province view shows as it happens. */
    readonly calls: readonly { readonly number: string; readonly counterId: string | null; readonly at: number }[];
  }
  | { readonly kind: 'alert'; readonly hallId: string; readonly code: string; readonly seq: number };
