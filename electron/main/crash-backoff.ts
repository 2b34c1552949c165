/**
 * When a role window's renderer dies, how long to wait before reloading it, and when to give up
 * on reloading and restart the whole app (a crash loop). Pure; the caller passes the time.
 *
 * Reload delays double from `baseDelayMs` up to `maxDelayMs`. A window that stays up for
 * `stableAfterMs` since its last crash starts again from the base delay. `loopCrashes` crashes
 * within `loopWindowMs` is a crash loop: the app relaunches (clean process, fresh GPU and
 * devices); if that keeps failing, the OS service manager's own restart limits take over.
 */
export interface CrashBackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly stableAfterMs: number;
  readonly loopCrashes: number;
  readonly loopWindowMs: number;
}

export const DEFAULT_CRASH_BACKOFF: CrashBackoffOptions = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  stableAfterMs: 5 * 60_000,
  loopCrashes: 5,
  loopWindowMs: 3 * 60_000,
};

export type CrashAction =
  | { readonly kind: 'reload'; readonly delayMs: number; readonly attempt: number }
  | { readonly kind: 'relaunch'; readonly crashes: number };

export class CrashBackoff {
  readonly #options: CrashBackoffOptions;
  /** Times of recent crashes, oldest first, pruned to the loop window. */
  #crashes: number[] = [];
  #attempt = 0;

  constructor(options: CrashBackoffOptions = DEFAULT_CRASH_BACKOFF) {
    if (options.baseDelayMs <= 0 || options.maxDelayMs < options.baseDelayMs || options.loopCrashes < 2) throw new RangeError('invalid crash backoff options');
    this.#options = options;
  }

  onCrash(now: number): CrashAction {
    const { baseDelayMs, maxDelayMs, stableAfterMs, loopCrashes, loopWindowMs } = this.#options;
    const last = this.#crashes.at(-1);
    if (last !== undefined && now - last >= stableAfterMs) this.#attempt = 0;
    this.#crashes = [...this.#crashes.filter((t) => now - t < loopWindowMs), now];
    if (this.#crashes.length >= loopCrashes) {
      const crashes = this.#crashes.length;
      this.#crashes = [];
      this.#attempt = 0;
      return { kind: 'relaunch', crashes };
    }
    this.#attempt += 1;
    const delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (this.#attempt - 1));
    return { kind: 'reload', delayMs, attempt: this.#attempt };
  }
}
