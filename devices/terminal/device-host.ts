/**
 * The Node device host of browser mode: serves one role's device API over a WebSocket on the
 * loopback interface at path /devices, with the envelope of electron/common/device-contract.ts:
 *   client → hello { version, role }        host → welcome { version, role } (or error, then close)
 *   client → call { id, method, args }      host → result { id, value } | error { id, message }
 *                                           host → event { name, payload } (health, scan, cardPresence, rating)
 * Only the role's own methods can be called; a hello for another role or protocol version is
 * refused. Connections whose Host header is not a loopback name are refused (DNS rebinding).
 * A counter host given the hall URL and a rating token sends its keypad's ratings to the hall
 * itself (rating-sender.ts): the page gets the rating event, but never submits it.
 * startDeviceHost is used by scripts/device-host.ts, `npm start` and the tests (in-process).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DEVICE_PROTOCOL_VERSION,
  type CounterDevices,
  type DeviceHostMessage,
  type DeviceHostReply,
  type KioskDevices,
  type RoleDevices,
  type TerminalRole,
  type Unsubscribe,
} from '../../electron/common/device-contract.ts';
import { ROLE_METHODS } from '../../electron/common/device-methods.ts';
import type { DeviceConfig } from '../manager/device-config.ts';
import { DeviceManager, type DeviceManagerOptions } from '../manager/device-manager.ts';
import { keypadRatingSender } from './rating-sender.ts';
import { createRoleDevices, type CounterDeviceSide, type RoleDevicesOptions } from './role-devices.ts';
import { createTerminalIdentity } from './terminal-identity.ts';

export const DEVICE_HOST_PATH = '/devices';

/** The methods each role may call: the contract's lists, the same the Electron bridge serves. */
export { ROLE_METHODS };

export interface DeviceHostOptions extends DeviceManagerOptions, RoleDevicesOptions {
  readonly role: TerminalRole;
  readonly counterId?: string | null;
  readonly devices: readonly DeviceConfig[];
  readonly deviceToken?: string | null;
  readonly tokenFile?: string;
  /**
   * Origin of the hall server and the token of a rating device enrolled for this counter: with
   * both, a counter's keypad ratings are sent to the hall by this host (rating-sender.ts).
   */
  readonly hallUrl?: string | null;
  readonly ratingToken?: string | null;
  /** The hall CA's fingerprint pinned at pairing; needed when hallUrl is https (hall-connection.ts). */
  readonly hallCaFingerprint?: string | null;
  /** 0 (default) = any free port. */
  readonly port?: number;
}

export interface DeviceHost {
  /** ws://127.0.0.1:<port>/devices, the value of the page's deviceHost query parameter. */
  readonly url: string;
  readonly manager: DeviceManager;
  close(): Promise<void>;
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

function send(socket: WebSocket, reply: DeviceHostReply): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
}

function parseMessage(data: string): DeviceHostMessage | null {
  try {
    const m = JSON.parse(data) as Partial<DeviceHostMessage> & Record<string, unknown>;
    if (m.type === 'hello' && typeof m.version === 'number' && typeof m.role === 'string') return m as DeviceHostMessage;
    if (m.type === 'call' && Number.isInteger(m.id) && typeof m.method === 'string' && Array.isArray(m.args)) return m as DeviceHostMessage;
  } catch {
    // falls through: not JSON
  }
  return null;
}

/** Subscribes a socket to the events its role emits. */
function subscribe(role: TerminalRole, api: RoleDevices[TerminalRole], socket: WebSocket): Unsubscribe[] {
  const event = (name: Extract<DeviceHostReply, { type: 'event' }>['name']) => (payload: unknown) => send(socket, { type: 'event', name, payload });
  const offs = [api.onHealth(event('health'))];
  if (role === 'kiosk') {
    const kiosk = api as KioskDevices;
    offs.push(kiosk.onScan(event('scan')), kiosk.onCardPresence(event('cardPresence')));
  }
  if (role === 'counter') {
    const counter = api as CounterDevices;
    offs.push(counter.onScan(event('scan')), counter.onRating(event('rating')));
  }
  return offs;
}

export async function startDeviceHost(options: DeviceHostOptions): Promise<DeviceHost> {
  const identity = createTerminalIdentity({
    role: options.role,
    counterId: options.counterId ?? null,
    deviceToken: options.deviceToken ?? null,
    ...(options.tokenFile !== undefined ? { tokenFile: options.tokenFile } : {}),
  });
  const manager = new DeviceManager(options.devices, options);
  await manager.start();
  // A documentScanner in the device list serves scanDocument unless the caller brought its own.
  const api = createRoleDevices(options.role, manager, identity, { ...options, documentScanner: options.documentScanner ?? manager.documentScanner?.service });
  const allowed = new Set<string>(ROLE_METHODS[options.role]);
  const ratings =
    options.role !== 'counter'
      ? null
      : keypadRatingSender({
          counterId: options.counterId ?? null,
          hallUrl: options.hallUrl ?? null,
          ratingToken: options.ratingToken ?? null,
          hallCaFingerprint: options.hallCaFingerprint ?? null,
          hasKeypad: manager.keypad !== null,
          ...(manager.keypad !== null ? { keypadLevels: Object.values(manager.keypad.driver.profile.keys) } : {}),
          ...(options.logger ? { log: options.logger.child({ module: 'keypad-ratings' }) } : {}),
        });
  const stopSending = ratings === null ? () => undefined : (api as CounterDeviceSide).onRatingPress((press) => void ratings.submit(press));

  const server = http.createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('device host: WebSocket only, at /devices\n');
  });
  const wss = new WebSocketServer({
    server,
    path: DEVICE_HOST_PATH,
    maxPayload: 1 << 20,
    verifyClient: ({ req }: { req: http.IncomingMessage }) => LOOPBACK_HOST.test(req.headers.host ?? ''),
  });
  wss.on('connection', (socket) => {
    let offs: Unsubscribe[] | null = null;
    socket.on('close', () => offs?.forEach((off) => off()));
    socket.on('message', (raw) => {
      const message = parseMessage(String(raw));
      if (message === null) return send(socket, { type: 'error', id: null, message: 'not a device host message' });
      if (message.type === 'hello') {
        if (message.version !== DEVICE_PROTOCOL_VERSION || message.role !== options.role) {
          send(socket, { type: 'error', id: null, message: `this host serves protocol ${DEVICE_PROTOCOL_VERSION} for role '${options.role}'` });
          return socket.close(1008, 'wrong role or version');
        }
        if (offs === null) offs = subscribe(options.role, api, socket);
        return send(socket, { type: 'welcome', version: DEVICE_PROTOCOL_VERSION, role: options.role });
      }
      if (offs === null) return send(socket, { type: 'error', id: message.id, message: 'say hello first' });
      if (!allowed.has(message.method)) {
        return send(socket, { type: 'error', id: message.id, message: `method '${message.method}' is not part of the ${options.role} API` });
      }
      const method = (api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[message.method]!;
      method
        .apply(api, [...message.args])
        .then((value) => send(socket, { type: 'result', id: message.id, value: value ?? null }))
        .catch((error: unknown) => send(socket, { type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}${DEVICE_HOST_PATH}`,
    manager,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      stopSending();
      await ratings?.close();
      (api as { close?: () => void }).close?.();
      await manager.stop();
    },
  };
}
