/**
 * The main-process side of the device bridge: answers the role's calls from its preload and
 * pushes device events to the page, using the device contract's envelopes over the channels of
 * electron/common/device-methods.ts. Every message's sender is checked first (ipc-sender.ts);
 * only the role's own methods are dispatched; arguments and results are never logged.
 *
 * Pushes wait until the page says it is ready (its preload subscribed). While no page is ready
 * only health events are kept (the latest per device); scans, card presence and ratings are
 * dropped, because they belong to the screen that was showing when they happened.
 */
import type { DeviceHealth, DeviceHostMessage, DeviceHostReply, TerminalRole } from '../common/device-contract.ts';
import { DEVICE_IPC, ROLE_EVENTS, ROLE_METHODS, type DeviceEventName } from '../common/device-methods.ts';
import { checkSender, type IpcSenderEvent } from './ipc-sender.ts';
import type { TerminalLogger } from './terminal-logger.ts';

/** The parts of Electron's ipcMain the bridge uses. */
export interface BridgeIpcMain {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown> | unknown): void;
  on(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => void): unknown;
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): unknown;
}

/** The page the bridge talks to: the role window's WebContents. */
export interface BridgeContents {
  readonly id: number;
  send(channel: string, reply: DeviceHostReply): void;
  isDestroyed(): boolean;
}

export type RoleHandlers = Readonly<Record<string, (...args: unknown[]) => Promise<unknown>>>;

export interface DeviceBridgeOptions {
  readonly role: TerminalRole;
  readonly hallOrigin: string;
  readonly handlers: RoleHandlers;
  readonly log: TerminalLogger;
}

function isCallEnvelope(value: unknown): value is Extract<DeviceHostMessage, { type: 'call' }> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'call' && Number.isSafeInteger(v.id) && typeof v.method === 'string' && Array.isArray(v.args);
}

export class DeviceBridge {
  readonly #options: DeviceBridgeOptions;
  readonly #methods: ReadonlySet<string>;
  readonly #events: ReadonlySet<string>;
  #contents: BridgeContents | null = null;
  #ready = false;
  /** Health waiting for a ready page, latest per device id. */
  readonly #pendingHealth = new Map<string, DeviceHealth>();

  constructor(options: DeviceBridgeOptions) {
    this.#options = options;
    this.#methods = new Set<string>(ROLE_METHODS[options.role]);
    this.#events = new Set<string>(ROLE_EVENTS[options.role]);
    for (const method of this.#methods) {
      if (typeof options.handlers[method] !== 'function') throw new Error(`no handler for ${options.role} method ${method}`);
    }
  }

  /** Registers the IPC channels; returns a function that removes them. */
  listen(ipcMain: BridgeIpcMain): () => void {
    ipcMain.handle(DEVICE_IPC.call, (event, envelope) => this.#call(event, envelope));
    ipcMain.on(DEVICE_IPC.ready, (event) => this.#markReady(event));
    return () => {
      ipcMain.removeHandler(DEVICE_IPC.call);
      ipcMain.removeAllListeners(DEVICE_IPC.ready);
    };
  }

  /** The role window's contents (a new one after the window is recreated); pushes wait for its ready. */
  attach(contents: BridgeContents): void {
    this.#contents = contents;
    this.#ready = false;
  }

  /** The page is being replaced (reload, navigation, crash): hold pushes until it is ready again. */
  pageLeft(): void {
    this.#ready = false;
  }

  push(name: DeviceEventName, payload: unknown): void {
    if (!this.#events.has(name)) return;
    if (!this.#ready || this.#contents === null || this.#contents.isDestroyed()) {
      if (name === 'health') {
        const health = payload as DeviceHealth;
        this.#pendingHealth.set(health.id, health);
      }
      return;
    }
    this.#contents.send(DEVICE_IPC.event, { type: 'event', name, payload });
  }

  #trusted(event: IpcSenderEvent, what: string): boolean {
    const decision = checkSender(event, this.#options.hallOrigin, this.#contents?.id ?? null);
    if (!decision.trusted) this.#options.log.warn({ what, reason: decision.reason }, 'IPC message refused');
    return decision.trusted;
  }

  #markReady(event: IpcSenderEvent): void {
    if (!this.#trusted(event, 'ready')) return;
    this.#ready = true;
    const pending = [...this.#pendingHealth.values()];
    this.#pendingHealth.clear();
    for (const health of pending) this.push('health', health);
  }

  async #call(event: IpcSenderEvent, envelope: unknown): Promise<DeviceHostReply> {
    if (!this.#trusted(event, 'call')) return { type: 'error', id: null, message: 'sender refused' };
    if (!isCallEnvelope(envelope)) return { type: 'error', id: null, message: 'malformed call envelope' };
    const { id, method, args } = envelope;
    const handler = this.#methods.has(method) ? this.#options.handlers[method] : undefined;
    if (handler === undefined) {
      this.#options.log.warn({ method: method.slice(0, 40) }, 'unknown device method refused');
      return { type: 'error', id, message: `method ${method.slice(0, 40)} is not part of the ${this.#options.role} API` };
    }
    try {
      return { type: 'result', id, value: await handler(...args) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#options.log.error({ method, error: error instanceof Error ? error.name : 'unknown' }, 'device call failed');
      return { type: 'error', id, message };
    }
  }
}
