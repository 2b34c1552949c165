/**
 * Start-up shared by every app: devices (if any), identity, the hall API, the hall's config and
 * brand, and the live hall. `phase` drives the app shell: loading → pairing (no token) → ready.
 */
import type { RoleDevices, TerminalRole } from '../../electron/common/device-contract.ts';
import { connectDevices } from './device-client.ts';
import { HallApi, errorCodeOf } from './hall-api.ts';
import { startHealthReporting } from './health-reporter.ts';
import { HallLive } from './hall-live.svelte.ts';
import type { HallConfigView } from './api/types.ts';
import type { Language } from './i18n.ts';
import { dropPairingCodeFromUrl, hallOrigin, pairingCodeInUrl, pairTerminal, terminalIdentity } from './terminal.ts';
import { applyBrand } from './theme.ts';

export type AppRole = TerminalRole | 'rating' | 'dashboard';
type DevicesOf<R extends AppRole> = R extends TerminalRole ? RoleDevices[R] : never;

export class TerminalApp<R extends AppRole> {
  readonly role: R;
  phase = $state<'loading' | 'pairing' | 'ready' | 'failed'>('loading');
  lang = $state<Language>('vi');
  failure = $state<string | null>(null);
  api = $state.raw<HallApi | null>(null);
  live = $state.raw<HallLive | null>(null);
  config = $state.raw<HallConfigView | null>(null);
  counterId = $state<string | null>(null);
  /** Reactive: a screen drawn while the app was still loading offers its devices once they are connected. */
  devices = $state.raw<DevicesOf<R> | null>(null);
  readonly #ready: Array<() => void> = [];
  #stopHealthReports: (() => void) | null = null;
  readonly #followSnapshot: boolean;

  /** `followSnapshot: false` for an app that shows nothing of the hall's state (see HallLive). */
  constructor(role: R, options: { readonly followSnapshot?: boolean } = {}) {
    this.role = role;
    this.#followSnapshot = options.followSnapshot ?? true;
  }

  async start(): Promise<void> {
    try {
      if (this.role !== 'rating' && this.role !== 'dashboard') {
        this.devices = (await connectDevices(this.role as TerminalRole)) as DevicesOf<R> | null;
      }
      const identity = await terminalIdentity(this.role, this.devices);
      this.counterId = identity.counterId;
      const linkCode = pairingCodeInUrl(window.location.hash);
      dropPairingCodeFromUrl();
      if (!identity.paired) {
        // A pairing link (`#pair=…`) pairs at once; a used or expired code shows the pairing screen.
        if (linkCode !== null && (await this.#pairFromLink(linkCode))) return;
        this.phase = 'pairing';
        return;
      }
      await this.#connect(identity.token);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.phase = 'failed';
    }
  }

  /** Runs `fn` once the live hall is connected (now, or after pairing). */
  whenReady(fn: () => void): void {
    if (this.phase === 'ready') fn();
    else this.#ready.push(fn);
  }

  /**
   * Runs the app for a component's lifetime (call from onMount and return its result): starts it,
   * calls `onReady` once connected (its return value is called on teardown) and `onTick` every
   * `tickMs`; the teardown also stops the live stream.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: onReady may return a teardown or nothing, as Svelte's onMount does
  run(options: { readonly onReady?: () => (() => void) | void; readonly onTick?: () => void; readonly tickMs?: number } = {}): () => void {
    // biome-ignore lint/suspicious/noConfusingVoidType: what onReady returned, a teardown or nothing
    let unsubscribe: (() => void) | void;
    this.whenReady(() => {
      unsubscribe = options.onReady?.();
    });
    void this.start();
    const timer = options.onTick ? setInterval(options.onTick, options.tickMs ?? 1000) : null;
    return () => {
      unsubscribe?.();
      if (timer !== null) clearInterval(timer);
      this.#stopHealthReports?.();
      this.live?.stop();
    };
  }

  async #pairFromLink(code: string): Promise<boolean> {
    try {
      await this.pair(code);
      return true;
    } catch {
      return false;
    }
  }

  async pair(code: string): Promise<void> {
    const result = await pairTerminal(this.role, code, this.devices);
    this.counterId = result.device.counterId;
    await this.#connect(result.token);
  }

  /** `token` null: the device cookie is the credential (a paired dashboard). */
  async #connect(token: string | null): Promise<void> {
    const api = new HallApi({ baseUrl: hallOrigin(), token });
    // The config is needed before the first screen; retry while the server is unreachable.
    for (let attempt = 0; ; attempt++) {
      try {
        this.config = await api.config();
        break;
      } catch (error) {
        const code = errorCodeOf(error);
        if (code === 'UNAUTHENTICATED' || code === 'TOKEN_EXPIRED') {
          this.phase = 'pairing';
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
    applyBrand(this.config.hall.brand, document.documentElement);
    this.api = api;
    const live = new HallLive(api, token, { snapshot: this.#followSnapshot });
    this.live = live;
    live.start();
    // The terminal's devices go on the dashboard's device board (device-health-wire.ts).
    const devices = this.devices as RoleDevices[TerminalRole] | null;
    if (devices !== null) {
      this.#stopHealthReports?.();
      this.#stopHealthReports = startHealthReporting({ devices, send: (list) => api.reportDeviceHealth(list) });
    }
    this.phase = 'ready';
    for (const fn of this.#ready.splice(0)) fn();
  }
}
