/**
 * Builds a role's device API for the page and exposes it on `window.hallBridge` through
 * contextBridge. Runs in the sandboxed preload, so it may use only what a sandboxed preload has
 * (contextBridge, ipcRenderer) and is bundled into one file per role at packaging
 * (scripts/packaging/bundle-preloads.ts); Electron objects come in as arguments so tests pass fakes.
 *
 * The page sees plain async methods and `onX(listener) → unsubscribe`; it never sees ipcRenderer,
 * channel names or the IPC event object. Methods and events are exactly the role's lists from
 * electron/common/device-methods.ts; the main process checks them again.
 */
import { BRIDGE_GLOBAL, type DeviceHostMessage, type DeviceHostReply, type RoleDevices, type TerminalRole } from '../common/device-contract.ts';
import { DEVICE_IPC, EVENT_LISTENERS, ROLE_EVENTS, ROLE_METHODS, type DeviceEventName } from '../common/device-methods.ts';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface BridgeIpcRenderer {
  invoke(channel: string, message: DeviceHostMessage): Promise<unknown>;
  send(channel: string): void;
  on(channel: string, listener: (event: unknown, reply: unknown) => void): unknown;
}

export interface BridgeContextBridge {
  exposeInMainWorld(key: string, api: unknown): void;
}

function isEventReply(value: unknown): value is Extract<DeviceHostReply, { type: 'event' }> {
  return (
    typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'event' && typeof (value as { name?: unknown }).name === 'string'
  );
}

export function createRoleApi<R extends TerminalRole>(role: R, ipc: BridgeIpcRenderer): RoleDevices[R] {
  let nextId = 1;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let subscribed = false;

  const api: Record<string, unknown> = {};
  for (const method of ROLE_METHODS[role] as readonly string[]) {
    api[method] = async (...args: unknown[]) => {
      const reply = (await ipc.invoke(DEVICE_IPC.call, { type: 'call', id: nextId++, method, args })) as DeviceHostReply;
      if (reply.type === 'result') return reply.value;
      throw new Error(reply.type === 'error' ? reply.message : 'unexpected reply from the terminal');
    };
  }

  const subscribe = (name: DeviceEventName, listener: unknown): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError(`${EVENT_LISTENERS[name]} needs a function`);
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    const callback = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
    set.add(callback);
    if (!subscribed) {
      subscribed = true;
      ipc.on(DEVICE_IPC.event, (_event, reply) => {
        if (!isEventReply(reply)) return;
        for (const deliver of listeners.get(reply.name) ?? []) deliver(reply.payload);
      });
      ipc.send(DEVICE_IPC.ready);
    }
    return () => void set.delete(callback);
  };
  for (const name of ROLE_EVENTS[role] as readonly DeviceEventName[]) {
    api[EVENT_LISTENERS[name]] = (listener: unknown) => subscribe(name, listener);
  }
  return Object.freeze(api) as unknown as RoleDevices[R];
}

export function exposeRoleApi(role: TerminalRole, contextBridge: BridgeContextBridge, ipc: BridgeIpcRenderer): void {
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createRoleApi(role, ipc));
}
