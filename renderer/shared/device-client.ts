/**
 * The renderer's device client (electron/common/device-contract.ts). Uses, in this order:
 * 1. the Electron preload's API on window.hallBridge;
 * 2. the loopback device host named by ?deviceHost=ws://127.0.0.1:PORT/devices (browser mode),
 *    speaking the contract's envelope: hello/welcome, call/result/error, event;
 * 3. nothing (a plain browser): null, and the screen works without devices.
 */
import {
  BRIDGE_GLOBAL,
  DEVICE_HOST_QUERY_PARAM,
  DEVICE_PROTOCOL_VERSION,
  type DeviceHostReply,
  type RoleDevices,
  type TerminalRole,
} from '../../electron/common/device-contract.ts';

/** Listener members of the role APIs and the event names that feed them. */
const EVENT_OF_LISTENER: Readonly<Record<string, Extract<DeviceHostReply, { type: 'event' }>['name']>> = {
  onHealth: 'health',
  onScan: 'scan',
  onCardPresence: 'cardPresence',
  onRating: 'rating',
};

export interface DeviceHostConnection {
  call(method: string, args: readonly unknown[]): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
  close(): void;
}

/** Opens the envelope over a WebSocket and waits for the welcome. */
export function connectDeviceHost(url: string, role: TerminalRole, timeoutMs = 5000): Promise<DeviceHostConnection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    let nextId = 1;
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`device host at ${url} did not welcome within ${timeoutMs} ms`));
    }, timeoutMs);
    const connection: DeviceHostConnection = {
      call(method, args) {
        if (socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error('device host disconnected'));
        const id = nextId++;
        socket.send(JSON.stringify({ type: 'call', id, method, args }));
        return new Promise((res, rej) => pending.set(id, { resolve: res, reject: rej }));
      },
      on(name, listener) {
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set);
        set.add(listener);
        return () => set.delete(listener);
      },
      close: () => socket.close(),
    };
    socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', version: DEVICE_PROTOCOL_VERSION, role }));
    socket.onmessage = (ev) => {
      let msg: DeviceHostReply;
      try {
        msg = JSON.parse(String(ev.data)) as DeviceHostReply;
      } catch {
        return;
      }
      if (msg.type === 'welcome') {
        clearTimeout(timer);
        resolve(connection);
      } else if (msg.type === 'result') {
        pending.get(msg.id)?.resolve(msg.value);
        pending.delete(msg.id);
      } else if (msg.type === 'error') {
        if (msg.id === null) return;
        pending.get(msg.id)?.reject(new Error(msg.message));
        pending.delete(msg.id);
      } else if (msg.type === 'event') {
        for (const l of listeners.get(msg.name) ?? []) l(msg.payload);
      }
    };
    socket.onclose = () => {
      clearTimeout(timer);
      for (const p of pending.values()) p.reject(new Error('device host disconnected'));
      pending.clear();
      reject(new Error(`device host at ${url} closed`));
    };
  });
}

/** A role API over the envelope: `onX(listener)` subscribes to event X, every other member is a call. */
export function roleApiOver<R extends TerminalRole>(connection: DeviceHostConnection): RoleDevices[R] {
  return new Proxy({} as RoleDevices[R], {
    get(_target, property) {
      if (typeof property !== 'string') return undefined;
      const eventName = EVENT_OF_LISTENER[property];
      if (eventName !== undefined) return (listener: (payload: unknown) => void) => connection.on(eventName, listener);
      if (property === 'then') return undefined; // not a thenable
      return (...args: unknown[]) => connection.call(property, args);
    },
  });
}

function pageLocation(): { readonly search: string } {
  return (globalThis as unknown as { location: { search: string } }).location;
}

/** The devices of this terminal, or null in a plain browser. */
export async function connectDevices<R extends TerminalRole>(role: R, location: { readonly search: string } = pageLocation()): Promise<RoleDevices[R] | null> {
  const bridge = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (bridge !== undefined && bridge !== null) return bridge as RoleDevices[R];
  const hostUrl = new URLSearchParams(location.search).get(DEVICE_HOST_QUERY_PARAM);
  if (!hostUrl) return null;
  const parsed = new URL(hostUrl);
  if (parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost' && parsed.hostname !== '[::1]') {
    throw new Error(`the device host must be on loopback, got ${parsed.hostname}`);
  }
  return roleApiOver<R>(await connectDeviceHost(hostUrl, role));
}
