/**
 * Stand-ins for the Electron objects main-process modules receive. They record what the code
 * under test asked for and let tests fire the events Electron would fire. No `electron` import.
 */
import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import type { DeviceHostReply } from '../../../../electron/common/device-contract.ts';
import type { IpcSenderEvent } from '../../../../electron/main/ipc-sender.ts';
import type { TerminalLogger } from '../../../../electron/main/terminal-logger.ts';
import type { CertificateRequest } from '../../../../electron/main/certificate-policy.ts';

export const HALL = 'http://192.168.1.10:8080';

/** A pino logger that keeps its JSON lines in memory. */
export function memoryLogger(): { log: TerminalLogger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void chunks.push(line) });
  return { log, lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>), text: () => chunks.join('') };
}

export const silentLogger = (): TerminalLogger => pino({ level: 'silent' });

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; reply: DeviceHostReply }[] = [];
  readonly loaded: string[] = [];
  readonly css: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  devToolsClosed = 0;
  destroyed = false;

  send(channel: string, reply: DeviceHostReply): void {
    this.sent.push({ channel, reply });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  async insertCSS(css: string): Promise<string> {
    this.css.push(css);
    return 'key';
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession extends EventEmitter {
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: ((contents: unknown, permission: string, origin: string) => boolean) | null = null;
  devicePermission: (() => boolean) | null = null;
  headersListener: HeadersListener | null = null;
  certificateVerify: ((request: CertificateRequest, callback: (code: number) => void) => void) | null = null;
  storageCleared = 0;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, origin: string) => boolean): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.devicePermission = handler;
  }
  setCertificateVerifyProc(proc: (request: CertificateRequest, callback: (code: number) => void) => void): void {
    this.certificateVerify = proc;
  }
  async clearStorageData(): Promise<void> {
    this.storageCleared += 1;
  }
}

type Handler = (event: IpcSenderEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Handler[]>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: Handler): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  removeAllListeners(channel: string): this {
    this.listeners.delete(channel);
    return this;
  }
  async invoke(channel: string, event: IpcSenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
  emit(channel: string, event: IpcSenderEvent, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

/** An IPC event as Electron builds it for a message from `contents`' frame showing `url`. */
export function ipcEvent(contents: { id: number }, url: string, parent: unknown = null): IpcSenderEvent {
  return { sender: { id: contents.id }, senderFrame: { url, parent } };
}

/** A hand-driven clock with setTimeout/setInterval. */
export class FakeTimers {
  #now = 0;
  #nextId = 1;
  readonly #tasks = new Map<number, { at: number; callback: () => void; every: number | null }>();

  now = (): number => this.#now;
  setTimeout = (callback: () => void, ms: number): unknown => this.#add(callback, ms, null);
  setInterval = (callback: () => void, ms: number): unknown => this.#add(callback, ms, ms);
  clearTimeout = (handle: unknown): void => void this.#tasks.delete(handle as number);
  clearInterval = (handle: unknown): void => void this.#tasks.delete(handle as number);

  get pending(): number {
    return this.#tasks.size;
  }

  /** Moves the clock forward, running what falls due in time order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = [...this.#tasks.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      const [id, task] = due;
      this.#now = task.at;
      if (task.every === null) this.#tasks.delete(id);
      else task.at += task.every;
      task.callback();
    }
    this.#now = end;
  }

  #add(callback: () => void, ms: number, every: number | null): number {
    const id = this.#nextId++;
    this.#tasks.set(id, { at: this.#now + ms, callback, every });
    return id;
  }
}

/** Lets pending promise callbacks run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
