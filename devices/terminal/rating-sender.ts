/**
 * Sends a citizen's keypad rating to the hall server from the device side of a counter terminal
 * (Electron main or the device host), under the counter's rating-role token: the rating API takes
 * ratings only from a rating device bound to the counter, so the officer's page never handles one.
 *
 * Delivery contract:
 * - POST /api/v1/counters/<counterId>/ratings { level, pressedMsAgo }; a 201 is `sent`.
 *   pressedMsAgo is the press's age by this device's clock at each attempt: the hall judges its
 *   rating window at the press, so a rating that arrives late after a fault still counts.
 * - No answer, a timeout, 429 or a 5xx is retried with doubling waits (retryBaseMs, at most
 *   retryMaxMs) until `deadlineMs` (60 s) after the press; then `gave_up` (the hall takes presses
 *   up to MAX_PRESS_AGE_MS old, and only while no newer finish at the counter replaced the window).
 * - Any other answer is final and `refused` with the server's error code: 409 when the window
 *   closed or the ticket was already rated (e.g. on the tablet), 401/403 when the token is wrong.
 * - `submit` never throws. Each outcome goes to `onOutcome` (the caller logs it: counter, level
 *   and code are no personal data).
 */
import type { RatingPress } from '../../electron/common/device-contract.ts';
import { ratingChoices, type RatingLevel } from '../../electron/common/domain.ts';
import { MAX_PRESS_AGE_MS } from '../../electron/common/wire.ts';
import { hallConnection } from './hall-connection.ts';

export type RatingOutcome =
  | { readonly kind: 'sent'; readonly attempts: number; readonly ticketId: string }
  | { readonly kind: 'refused'; readonly attempts: number; readonly status: number; readonly code: string }
  | { readonly kind: 'gave_up'; readonly attempts: number; readonly detail: string };

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{
  readonly status: number;
  text(): Promise<string>;
}>;

export interface RatingSenderOptions {
  /** Origin of the hall server, e.g. http://192.168.1.10:8080. */
  readonly hallUrl: string;
  readonly counterId: string;
  /** Device token of a `rating` device enrolled for this counter. */
  readonly ratingToken: string;
  readonly fetch?: FetchLike;
  readonly onOutcome?: (outcome: RatingOutcome, press: RatingPress) => void;
  /** How long after the press delivery is tried (default 60 s). */
  readonly deadlineMs?: number;
  /** Time allowed for one request (default 5 s). */
  readonly requestTimeoutMs?: number;
  /** First wait between attempts (default 500 ms), doubled up to retryMaxMs (default 8 s). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly now?: () => number;
}

const DEFAULTS = { deadlineMs: 60_000, requestTimeoutMs: 5_000, retryBaseMs: 500, retryMaxMs: 8_000 } as const;

/** 429 and 5xx mean "not now": the rating may still count a moment later. */
const retryable = (status: number): boolean => status === 429 || status >= 500;

export class RatingSender {
  readonly #url: string;
  readonly #options: RatingSenderOptions;
  readonly #fetch: FetchLike;
  readonly #now: () => number;
  readonly #pending = new Set<Promise<RatingOutcome>>();
  #closed = false;

  constructor(options: RatingSenderOptions) {
    const origin = new URL(options.hallUrl).origin;
    this.#url = `${origin}/api/v1/counters/${encodeURIComponent(options.counterId)}/ratings`;
    this.#options = options;
    this.#fetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
    this.#now = options.now ?? Date.now;
  }

  /** Delivers one press; resolves with its outcome (also given to onOutcome). */
  submit(press: RatingPress): Promise<RatingOutcome> {
    const delivery = this.#deliver(press).then((outcome) => {
      this.#options.onOutcome?.(outcome, press);
      return outcome;
    });
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
    return delivery;
  }

  /** Stops retrying (terminal shutting down); resolves when every delivery under way has ended. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#pending]);
  }

  async #deliver(press: RatingPress): Promise<RatingOutcome> {
    const deadlineMs = this.#options.deadlineMs ?? DEFAULTS.deadlineMs;
    const deadline = this.#now() + deadlineMs;
    let wait = this.#options.retryBaseMs ?? DEFAULTS.retryBaseMs;
    let attempts = 0;
    let detail = 'not tried';
    for (;;) {
      attempts += 1;
      const answer = await this.#attempt(press);
      if (answer.kind === 'answer') {
        if (answer.status === 201) return { kind: 'sent', attempts, ticketId: answer.ticketId ?? '' };
        if (!retryable(answer.status)) return { kind: 'refused', attempts, status: answer.status, code: answer.code };
        detail = `HTTP ${answer.status} ${answer.code}`;
      } else {
        detail = answer.detail;
      }
      const left = deadline - this.#now();
      if (this.#closed || left <= 0) return { kind: 'gave_up', attempts, detail };
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, left)));
      wait = Math.min(wait * 2, this.#options.retryMaxMs ?? DEFAULTS.retryMaxMs);
    }
  }

  async #attempt(press: RatingPress): Promise<{ kind: 'answer'; status: number; code: string; ticketId: string | null } | { kind: 'failed'; detail: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs);
    try {
      const res = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#options.ratingToken}` },
        // The press's age by this device's own clock: the hall judges the window at the press, so a
        // rating retried after a fault still counts (no clock agreement needed between the two).
        body: JSON.stringify({ level: press.level, pressedMsAgo: Math.min(MAX_PRESS_AGE_MS, Math.max(0, Math.round(this.#now() - press.at))) }),
        signal: controller.signal,
      });
      const text = await res.text();
      let json: { ticketId?: unknown; error?: { code?: unknown } } = {};
      try {
        json = text ? (JSON.parse(text) as typeof json) : {};
      } catch {
        // not JSON (a proxy's error page): the status decides
      }
      const code = typeof json.error?.code === 'string' ? json.error.code : '';
      return { kind: 'answer', status: res.status, code, ticketId: typeof json.ticketId === 'string' ? json.ticketId : null };
    } catch (error) {
      const aborted = controller.signal.aborted;
      return { kind: 'failed', detail: aborted ? 'no answer in time' : `hall server not reachable (${(error as Error).message})` };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The log lines of keypad ratings (pino's call shape; the device host and Electron both use pino). */
export interface RatingLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface KeypadRatingsSetup {
  readonly counterId: string | null;
  readonly hallUrl: string | null;
  readonly ratingToken: string | null;
  /** Whether the terminal has a rating keypad at all. */
  readonly hasKeypad: boolean;
  /** The levels the keypad's keys give (its profile); checked against the hall's at start. */
  readonly keypadLevels?: readonly RatingLevel[];
  readonly log?: RatingLog;
  /** The hall CA's pinned fingerprint: needed for an https hall (hall-connection.ts). */
  readonly hallCaFingerprint?: string | null;
  /** Allows an http hall off loopback (terminal config insecureHttp). */
  readonly insecureHttp?: boolean;
  readonly fetch?: FetchLike;
}

/**
 * The sender for a counter terminal's keypad, or null when there is nothing to send from. A keypad
 * without a hall URL or rating token is said in the log at start: its presses would be lost. So is
 * a keypad with keys for levels the hall does not use (a 5-key keypad in a 3-level hall), once the
 * hall's configuration has been read (checkKeypadLevels).
 */
export function keypadRatingSender(setup: KeypadRatingsSetup): RatingSender | null {
  if (!setup.hasKeypad || setup.counterId === null) return null;
  if (setup.hallUrl === null || setup.ratingToken === null) {
    const missing = setup.hallUrl === null ? 'the hall server URL' : 'a rating token';
    setup.log?.warn(
      { counterId: setup.counterId },
      `rating keypad configured without ${missing}: its ratings are NOT sent; enrol a rating device for this counter (npm run hall -- enroll --role rating --counter ${setup.counterId} --token) and give its token as ratingToken`,
    );
    return null;
  }
  const { counterId, log } = setup;
  // Pinned to the hall's CA for an https hall: the rating token never goes to another server.
  const fetch =
    setup.fetch ?? hallConnection({ origin: setup.hallUrl, caFingerprint: setup.hallCaFingerprint ?? null, insecureHttp: setup.insecureHttp ?? false }).fetch;
  if (setup.keypadLevels !== undefined) {
    void checkKeypadLevels({
      hallUrl: setup.hallUrl,
      ratingToken: setup.ratingToken,
      keypadLevels: setup.keypadLevels,
      counterId,
      fetch,
      ...(log ? { log } : {}),
    });
  }
  return new RatingSender({
    hallUrl: setup.hallUrl,
    counterId,
    ratingToken: setup.ratingToken,
    fetch,
    onOutcome: (outcome) => {
      if (outcome.kind === 'sent') log?.info({ counterId, attempts: outcome.attempts }, 'keypad rating sent to the hall server');
      else if (outcome.kind === 'refused') log?.warn({ counterId, status: outcome.status, code: outcome.code }, 'hall server refused the keypad rating');
      else log?.warn({ counterId, attempts: outcome.attempts, detail: outcome.detail }, 'keypad rating not delivered; gave up');
    },
  });
}

/**
 * Reads the hall's rating levels (getHallConfig, under the rating token) and says in the log which
 * keys of the keypad the hall would refuse. Returns those levels; null when the hall could not be
 * asked now (said at info level: the presses are still sent, the hall checks each one).
 */
export async function checkKeypadLevels(check: {
  readonly hallUrl: string;
  readonly ratingToken: string;
  readonly keypadLevels: readonly RatingLevel[];
  readonly counterId: string;
  readonly log?: RatingLog;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}): Promise<readonly RatingLevel[] | null> {
  const fetch = check.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), check.timeoutMs ?? DEFAULTS.requestTimeoutMs);
  let hallLevels: 3 | 5;
  try {
    const res = await fetch(`${new URL(check.hallUrl).origin}/api/v1/hall/config`, {
      method: 'GET',
      headers: { authorization: `Bearer ${check.ratingToken}` },
      signal: controller.signal,
    });
    const text = await res.text();
    const levels = (JSON.parse(text) as { policy?: { ratingLevels?: unknown } }).policy?.ratingLevels;
    if (res.status !== 200 || (levels !== 3 && levels !== 5)) throw new Error(`HTTP ${res.status} without policy.ratingLevels`);
    hallLevels = levels;
  } catch (error) {
    check.log?.info({ counterId: check.counterId, detail: (error as Error).message }, 'could not check the rating keypad against the hall’s rating levels now');
    return null;
  } finally {
    clearTimeout(timer);
  }
  const allowed = ratingChoices(hallLevels);
  const refused = [...new Set(check.keypadLevels)].filter((level) => !allowed.includes(level));
  if (refused.length > 0) {
    check.log?.warn(
      { counterId: check.counterId, hallLevels, refused },
      `the rating keypad has keys for ${refused.join(', ')}, which this hall (${hallLevels} levels) does not use: presses of those keys will be refused; use a keypad profile with ${hallLevels} keys`,
    );
  }
  return refused;
}
