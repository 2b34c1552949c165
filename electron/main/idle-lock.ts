/**
 * The counter window locks after `idleMinutes` without keyboard or pointer input on the machine
 * (the OS idle time, as Electron's powerMonitor reports it): the app then clears the page's
 * storage and recreates the window, so the officer logs in again. Checked every `checkEveryMs`;
 * fires once per idle period and re-arms when input resumes.
 */
export interface IdleLockDeps {
  /** Seconds since the last input (powerMonitor.getSystemIdleTime). */
  systemIdleSeconds(): number;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  onLock(): void;
}

export class IdleLock {
  readonly #deps: IdleLockDeps;
  readonly #thresholdSeconds: number;
  #locked = false;
  #handle: unknown;

  constructor(deps: IdleLockDeps, idleMinutes: number, checkEveryMs = 15_000) {
    if (!(idleMinutes > 0)) throw new RangeError('idleMinutes must be positive');
    this.#deps = deps;
    this.#thresholdSeconds = idleMinutes * 60;
    this.#handle = deps.setInterval(() => this.check(), checkEveryMs);
  }

  /** One check; public so the interval and tests share the same path. */
  check(): void {
    const idle = this.#deps.systemIdleSeconds();
    if (idle < this.#thresholdSeconds) {
      this.#locked = false;
      return;
    }
    if (this.#locked) return;
    this.#locked = true;
    this.#deps.onLock();
  }

  stop(): void {
    this.#deps.clearInterval(this.#handle);
  }
}
