/**
 * Per-device limits against flooding (docs/security.md, "Flooding"): how fast one enrolled device
 * may issue tickets, and how much it may keep in open drafts. A stolen kiosk token once issued 999
 * tickets in 6.6 s and used up a service's numbers for the day; drafts took 8 × 24 MiB in 12.6 s.
 *
 * - Tickets: a token bucket per device (core/token-bucket.ts) over every way a device issues one
 *   (issueTicket, the appointment check-in, a dossier's submit). Over it: 429 ISSUE_RATE_LIMITED
 *   with details.retryAfterMs; nothing is issued.
 * - Drafts: at most `maxOpenDrafts` open drafts and `maxBytes` of scanned papers in them per
 *   device (dossier-service.ts checks, before an upload's body is read where its length is
 *   declared). Over it: 429 TOO_MANY_DRAFTS or 413 DRAFT_STORAGE_FULL.
 * Every refusal reports a FloodingEvent; the server raises a `device_flooding` alert on the
 * dashboard (core/alerts.ts) and logs the first refusal of each alert (ids and numbers only).
 *
 * The buckets live in memory: a restart gives every device a full bucket again (at most one more
 * burst). Only enrolled devices reach them, so there is at most one bucket per enrolled device.
 */
import { DomainError } from '../common/errors.ts';
import type { FloodingLimit } from '../core/alerts.ts';
import { isFull, take, type Bucket, type BucketPolicy } from '../core/token-bucket.ts';

/**
 * Ticket issue per device. A citizen at a kiosk reads the services, touches one, confirms and takes
 * the printed ticket: about 15 s at the fastest, and the next citizen needs as long again, so a
 * kiosk stays under 4 tickets a minute even with a queue in front of it; an officer issuing walk-in
 * tickets at a counter is slower still. A burst of 5 covers a family taking tickets for several
 * services back to back (or a kiosk's retries after a network fault); after it, one ticket every 6 s
 * (10 a minute, 2.5 times the fastest real kiosk). The 999 numbers of a service then take over
 * 99 minutes instead of 6.6 s, and the dashboard shows the device after its sixth ticket.
 */
export const DEFAULT_ISSUE_LIMITS: BucketPolicy = { burst: 5, refillMs: 6_000 };

/** Open drafts and their papers per device. */
export interface DraftLimits {
  /**
   * Open drafts at once. A kiosk has one (its citizen's session; it discards the draft when the
   * session ends); an officer at a counter rarely more than two (a citizen sent to fetch a paper).
   */
  readonly maxOpenDrafts: number;
  /**
   * Bytes of scanned papers in the device's open drafts together: four papers of the largest size
   * (MAX_PAPER_BYTES, 25 MiB). A real dossier's scans are a few MiB.
   */
  readonly maxBytes: number;
  /**
   * A draft nobody touched (created, or a paper uploaded) for this long is abandoned (its kiosk
   * crashed or lost power mid-session): when the device is at its limit, its abandoned drafts are
   * discarded to make room instead of refusing the next citizen. Far longer than any session.
   */
  readonly abandonedAfterMs: number;
}

export const DEFAULT_DRAFT_LIMITS: DraftLimits = { maxOpenDrafts: 3, maxBytes: 100 * 1024 * 1024, abandonedAfterMs: 2 * 3_600_000 };

/** How long a device_flooding alert stays on the dashboard after the device's last refusal. */
export const FLOODING_ALERT_MS = 15 * 60_000;

export type FloodingKind = FloodingLimit;

/** A refusal by one of the limits above. */
export interface FloodingEvent {
  readonly kind: FloodingKind;
  readonly deviceId: string;
  /** The limit that refused: tickets per burst, open drafts, or bytes. */
  readonly limit: number;
}

/** Buckets kept before full ones are forgotten (far above the devices of one hall). */
const PRUNE_ABOVE = 1_000;

/** The ticket issue limit of every device (see above). */
export class IssueLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #policy: BucketPolicy;
  readonly #clock: () => number;
  readonly #onRefused: (e: FloodingEvent) => void;

  constructor(policy: BucketPolicy, clock: () => number, onRefused: (e: FloodingEvent) => void = () => undefined) {
    if (!(policy.burst >= 1 && policy.refillMs > 0)) throw new Error('the issue limit needs a burst of at least 1 and a positive refill time');
    this.#policy = policy;
    this.#clock = clock;
    this.#onRefused = onRefused;
  }

  /** Takes one ticket from the device's budget, or throws ISSUE_RATE_LIMITED (429). A caller without a device is not limited here. */
  admit(device: { readonly id: string } | null): void {
    if (device === null) return;
    const now = this.#clock();
    const r = take(this.#buckets.get(device.id), now, this.#policy);
    this.#buckets.set(device.id, r.bucket);
    if (this.#buckets.size > PRUNE_ABOVE) this.#prune(now);
    if (r.ok) return;
    this.#onRefused({ kind: 'issue_rate', deviceId: device.id, limit: this.#policy.burst });
    throw new DomainError('ISSUE_RATE_LIMITED', { retryAfterMs: r.retryAfterMs, burst: this.#policy.burst, refillMs: this.#policy.refillMs });
  }

  #prune(now: number): void {
    for (const [id, bucket] of this.#buckets) if (isFull(bucket, now, this.#policy)) this.#buckets.delete(id);
  }
}
