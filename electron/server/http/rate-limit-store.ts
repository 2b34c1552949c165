/**
 * The counting store of @fastify/rate-limit for the hall server. The plugin's own in-memory
 * store gives every route a separate one, so two routes could not share a budget; this one is
 * shared by every limited route, and the plugin's key (the client's address plus the route's
 * `groupId`) decides whose budget a request counts against.
 *
 * Fixed windows per key: the first request opens a window of `timeWindow` ms, and each request
 * in it counts. At most MAX_KEYS keys are kept; beyond that the oldest window is forgotten first
 * (a flood of addresses cannot grow memory without bound).
 */
interface Window {
  current: number;
  startedAt: number;
}

type Callback = (error: Error | null, result: { current: number; ttl: number }) => void;

export class SharedRateLimitStore {
  /** Keys kept at most (one per address and group). */
  static readonly MAX_KEYS = 10_000;
  readonly #windows = new Map<string, Window>();
  readonly #clock: () => number = Date.now;

  /** The plugin constructs it once per server with its own options, which this store does not need. */
  constructor(_pluginOptions?: unknown) {}

  incr(key: string, callback: Callback, timeWindow: number): void {
    const now = this.#clock();
    let window = this.#windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) {
      window = { current: 0, startedAt: now };
      this.#windows.delete(key); // re-inserted below: the newest windows stay at the end
      this.#windows.set(key, window);
      if (this.#windows.size > SharedRateLimitStore.MAX_KEYS) this.#windows.delete(this.#windows.keys().next().value as string);
    }
    window.current += 1;
    callback(null, { current: window.current, ttl: window.startedAt + timeWindow - now });
  }

  read(key: string, callback: Callback, timeWindow: number): void {
    const now = this.#clock();
    const window = this.#windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) callback(null, { current: 0, ttl: 0 });
    else callback(null, { current: window.current, ttl: window.startedAt + timeWindow - now });
  }

  /** The plugin asks each limited route for its own store: they all get this one. */
  child(): this {
    return this;
  }
}
