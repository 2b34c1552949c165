/**
 * Tells the hall server how this terminal's devices are (reportDeviceHealth): the whole list at
 * start, again a moment after any change (changes in a burst, e.g. a replug, go as one report),
 * and every HEALTH_REPORT_EVERY_MS so the dashboard knows the terminal is alive. A failed report
 * is simply sent again with the next change or heartbeat: only the latest state matters.
 */
import type { DeviceHealth, DeviceHealthApi } from '../../electron/common/device-contract.ts';
import { HEALTH_REPORT_EVERY_MS } from '../../electron/common/device-health-timing.ts';

export interface HealthReporterTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface HealthReporterOptions {
  readonly devices: Pick<DeviceHealthApi, 'health' | 'onHealth'>;
  readonly send: (devices: readonly DeviceHealth[]) => Promise<void>;
  /** Called with each failed report (the screen may show it; the next report retries). */
  readonly onError?: (error: unknown) => void;
  readonly timers?: HealthReporterTimers;
  readonly everyMs?: number;
  /** How long after a change the report goes, gathering the changes in between. */
  readonly settleMs?: number;
}

const browserTimers: HealthReporterTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/** Starts reporting; the returned function stops it. */
export function startHealthReporting(options: HealthReporterOptions): () => void {
  const timers = options.timers ?? browserTimers;
  const latest = new Map<string, DeviceHealth>();
  let pending: unknown = null;
  let stopped = false;

  const send = (): void => {
    if (stopped) return;
    options.send([...latest.values()]).catch((error: unknown) => options.onError?.(error));
  };
  const soon = (): void => {
    if (pending !== null) return;
    pending = timers.setTimeout(() => {
      pending = null;
      send();
    }, options.settleMs ?? 500);
  };

  const unsubscribe = options.devices.onHealth((h) => {
    latest.set(h.id, h);
    soon();
  });
  options.devices
    .health()
    .then((list) => {
      // A change that arrived meanwhile is newer than the list: keep it.
      for (const h of list) if (!latest.has(h.id)) latest.set(h.id, h);
      send();
    })
    .catch((error: unknown) => options.onError?.(error));
  const heartbeat = timers.setInterval(send, options.everyMs ?? HEALTH_REPORT_EVERY_MS);

  return () => {
    stopped = true;
    unsubscribe();
    timers.clearInterval(heartbeat);
    if (pending !== null) timers.clearTimeout(pending);
  };
}
