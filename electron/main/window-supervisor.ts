/**
 * Keeps one role window alive unattended:
 * - renderer gone (crash, OOM, killed) → reload the role page after the crash backoff, or
 *   relaunch the app when the crashes form a loop (crash-backoff.ts);
 * - unresponsive for `hangGraceMs` → the window is recreated (a hung renderer cannot be trusted
 *   to reload), counted like a crash;
 * - the hall server unreachable (main-frame load fails with a network error) → the offline page,
 *   then probes with growing delays and loads the role page again once the server answers.
 * Timers and the clock are injected; tests drive them by hand.
 */
import type { CrashBackoff } from './crash-backoff.ts';
import { isNetworkFailure } from './hall-probe.ts';
import type { TerminalLogger } from './terminal-logger.ts';

export interface SupervisedContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive', listener: () => void): unknown;
  on(event: 'responsive', listener: () => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void,
  ): unknown;
}

export interface SupervisorTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SupervisorActions {
  loadRolePage(): void;
  showOfflinePage(): void;
  recreateWindow(): void;
  relaunchApp(): void;
  probeHall(): Promise<boolean>;
}

export interface SupervisorOptions {
  readonly hangGraceMs: number;
  readonly probeBaseMs: number;
  readonly probeMaxMs: number;
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = { hangGraceMs: 15_000, probeBaseMs: 2_000, probeMaxMs: 30_000 };

export class WindowSupervisor {
  readonly #backoff: CrashBackoff;
  readonly #timers: SupervisorTimers;
  readonly #actions: SupervisorActions;
  readonly #log: TerminalLogger;
  readonly #options: SupervisorOptions;
  #hangTimer: unknown = null;
  #pendingTimer: unknown = null;
  #offline = false;
  #probeDelay = 0;
  #disposed = false;

  constructor(
    backoff: CrashBackoff,
    timers: SupervisorTimers,
    actions: SupervisorActions,
    log: TerminalLogger,
    options: SupervisorOptions = DEFAULT_SUPERVISOR_OPTIONS,
  ) {
    this.#backoff = backoff;
    this.#timers = timers;
    this.#actions = actions;
    this.#log = log;
    this.#options = options;
  }

  get offline(): boolean {
    return this.#offline;
  }

  /** Watches a window's contents; call again with the new contents after the window is recreated. */
  watch(contents: SupervisedContents): void {
    contents.on('render-process-gone', (_event, details) => this.#onGone(details.reason, details.exitCode));
    contents.on('unresponsive', () => this.#onUnresponsive());
    contents.on('responsive', () => this.#clearHang());
    contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
      if (isMainFrame && isNetworkFailure(errorCode)) this.#goOffline(errorCode);
    });
  }

  dispose(): void {
    this.#disposed = true;
    this.#clearHang();
    this.#clearPending();
  }

  #onGone(reason: string, exitCode: number): void {
    if (this.#disposed || reason === 'clean-exit') return;
    this.#clearHang();
    const action = this.#backoff.onCrash(this.#timers.now());
    if (action.kind === 'relaunch') {
      this.#log.error({ reason, exitCode, crashes: action.crashes }, 'renderer crash loop; relaunching the app');
      this.#actions.relaunchApp();
      return;
    }
    this.#log.warn({ reason, exitCode, attempt: action.attempt, delayMs: action.delayMs }, 'renderer gone; reloading');
    // The reload replaces any offline probe; a failing reload goes offline again.
    this.#offline = false;
    this.#schedule(action.delayMs, () => this.#actions.loadRolePage());
  }

  #onUnresponsive(): void {
    if (this.#disposed || this.#hangTimer !== null) return;
    this.#hangTimer = this.#timers.setTimeout(() => {
      this.#hangTimer = null;
      const action = this.#backoff.onCrash(this.#timers.now());
      if (action.kind === 'relaunch') {
        this.#log.error({ crashes: action.crashes }, 'renderer hangs in a loop; relaunching the app');
        this.#actions.relaunchApp();
        return;
      }
      this.#log.warn({ graceMs: this.#options.hangGraceMs }, 'renderer unresponsive; recreating the window');
      this.#offline = false;
      this.#clearPending();
      this.#actions.recreateWindow();
    }, this.#options.hangGraceMs);
  }

  #goOffline(errorCode: number): void {
    if (this.#disposed || this.#offline) return;
    this.#offline = true;
    this.#probeDelay = this.#options.probeBaseMs;
    this.#log.warn({ errorCode }, 'hall server unreachable; showing the offline screen');
    this.#actions.showOfflinePage();
    this.#scheduleProbe();
  }

  #scheduleProbe(): void {
    this.#schedule(this.#probeDelay, () => {
      void this.#actions.probeHall().then((reachable) => {
        if (this.#disposed) return;
        if (reachable) {
          this.#offline = false;
          this.#log.info('hall server reachable again; reloading the role page');
          this.#actions.loadRolePage();
          return;
        }
        this.#probeDelay = Math.min(this.#options.probeMaxMs, this.#probeDelay * 2);
        this.#scheduleProbe();
      });
    });
  }

  #schedule(ms: number, callback: () => void): void {
    this.#clearPending();
    this.#pendingTimer = this.#timers.setTimeout(() => {
      this.#pendingTimer = null;
      callback();
    }, ms);
  }

  #clearHang(): void {
    if (this.#hangTimer !== null) this.#timers.clearTimeout(this.#hangTimer);
    this.#hangTimer = null;
  }

  #clearPending(): void {
    if (this.#pendingTimer !== null) this.#timers.clearTimeout(this.#pendingTimer);
    this.#pendingTimer = null;
  }
}
