/**
 * One configured device's link: opens its transport, reopens it with exponential backoff after it
 * drops or fails to open, and keeps the device's DeviceHealth. Drivers refine the health while the
 * link is up (a printer with paper out is connected but in fault).
 * Time is injected (now, schedule) so the reconnect logic is tested without real time.
 */
import type { DeviceFault, DeviceHealth, DeviceKind, DeviceState } from '../../electron/common/device-contract.ts';
import { asDeviceError } from '../common/device-error.ts';
import { Listeners, type Transport, type Unlisten } from '../common/transport.ts';

export type Schedule = (ms: number, run: () => void) => () => void;

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 10_000, factor: 2 };

export interface ManagedLinkOptions {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly transport: Transport;
  readonly now: () => number;
  readonly schedule: Schedule;
  readonly backoff: Backoff;
  /** Runs after every successful (re)open, before the device is reported ready. */
  readonly onConnected?: () => Promise<void>;
}

export class ManagedLink {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly transport: Transport;
  readonly #options: ManagedLinkOptions;
  readonly #changes = new Listeners<DeviceHealth>();
  #health: DeviceHealth;
  #stopped = true;
  #attempt = 0;
  #cancelRetry: (() => void) | null = null;
  #unlistenClose: Unlisten | null = null;
  #everOpened = false;
  /** Reconnects since start, for tests and the dashboard. */
  reconnects = 0;

  constructor(options: ManagedLinkOptions) {
    this.#options = options;
    this.id = options.id;
    this.kind = options.kind;
    this.transport = options.transport;
    this.#health = { kind: options.kind, id: options.id, state: 'absent', fault: 'disconnected', detail: 'not started', since: options.now() };
  }

  get health(): DeviceHealth {
    return this.#health;
  }

  onHealth(listener: (health: DeviceHealth) => void): Unlisten {
    return this.#changes.add(listener);
  }

  /** First open; never throws: a device that is not there is reported absent and retried. */
  async start(): Promise<void> {
    this.#stopped = false;
    this.#unlistenClose ??= this.transport.onClose((error) => {
      if (this.#stopped || error === null) return;
      this.report('absent', 'disconnected', asDeviceError(error, 'disconnected').message);
      this.#retryLater();
    });
    await this.#tryOpen();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    this.#unlistenClose?.();
    this.#unlistenClose = null;
    await this.transport.close();
  }

  /** Sets the health; listeners hear only real changes. */
  report(state: DeviceState, fault: DeviceFault | null, detail: string | null): void {
    const h = this.#health;
    if (h.state === state && h.fault === fault && h.detail === detail) return;
    this.#health = { kind: this.kind, id: this.id, state, fault, detail, since: this.#options.now() };
    this.#changes.emit(this.#health);
  }

  async #tryOpen(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.transport.open();
    } catch (error) {
      this.report('absent', 'unavailable', asDeviceError(error).message);
      this.#retryLater();
      return;
    }
    if (this.#everOpened) this.reconnects++;
    this.#everOpened = true;
    this.#attempt = 0;
    this.report('ready', null, null);
    await this.#options.onConnected?.().catch((error: unknown) => this.report('fault', asDeviceError(error).code, asDeviceError(error).message));
  }

  #retryLater(): void {
    if (this.#stopped || this.#cancelRetry !== null) return;
    const { initialMs, maxMs, factor } = this.#options.backoff;
    const delay = Math.min(maxMs, initialMs * factor ** this.#attempt);
    this.#attempt++;
    this.#cancelRetry = this.#options.schedule(delay, () => {
      this.#cancelRetry = null;
      void this.#tryOpen();
    });
  }
}
