/**
 * A loopback device host for the renderer's e2e tests, speaking the device contract's envelope
 * (electron/common/device-contract.ts: hello/welcome, call/result/error, event) on
 * ws://127.0.0.1:PORT/devices. It stands in for devices/manager's startDeviceHost until that is
 * merged; tests reach it only through startTestDeviceHost, so swapping it is a one-line change.
 *
 * The printer accepts a job (records it) while it has paper and answers `paper_out` otherwise;
 * scans and keypad presses are pushed by the test. Card reads answer the identity the test set.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DEVICE_PROTOCOL_VERSION,
  type CardIdentity,
  type DeviceHealth,
  type DeviceHostMessage,
  type DeviceHostReply,
  type ScanResult,
  type TerminalInfo,
  type TerminalRole,
  type TicketPrintJob,
} from '../../electron/common/device-contract.ts';

export interface TestDeviceHostOptions {
  readonly role: TerminalRole;
  readonly deviceToken: string | null;
  readonly counterId?: string | null;
}

export interface TestDeviceHost {
  /** ws://127.0.0.1:PORT/devices, for the page's ?deviceHost= parameter. */
  readonly url: string;
  readonly printed: TicketPrintJob[];
  readonly calls: string[];
  /** Device token saved by the page after pairing. */
  savedToken: string | null;
  paperOut: boolean;
  cardIdentity: CardIdentity | null;
  scan(scan: Omit<ScanResult, 'at'>): void;
  close(): Promise<void>;
}

export async function startTestDeviceHost(options: TestDeviceHostOptions): Promise<TestDeviceHost> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, path: '/devices' });
  const sockets = new Set<WebSocket>();
  const send = (ws: WebSocket, reply: DeviceHostReply) => ws.send(JSON.stringify(reply));

  const host: TestDeviceHost = {
    url: '',
    printed: [],
    calls: [],
    savedToken: null,
    paperOut: false,
    cardIdentity: null,
    scan(scan) {
      for (const ws of sockets) send(ws, { type: 'event', name: 'scan', payload: { ...scan, at: Date.now() } });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };

  const health = (): DeviceHealth[] => [
    { kind: 'printer', id: 'printer', state: host.paperOut ? 'fault' : 'ready', fault: host.paperOut ? 'paper_out' : null, detail: null, since: Date.now() },
  ];

  const methods: Record<string, (args: readonly unknown[]) => unknown> = {
    terminalInfo: (): TerminalInfo => ({ role: options.role, counterId: options.counterId ?? null, deviceToken: host.savedToken ?? options.deviceToken }),
    saveDeviceToken: ([token]) => {
      host.savedToken = String(token);
      return null;
    },
    health: () => health(),
    printTicket: ([job]) => {
      if (host.paperOut) return { ok: false, fault: 'paper_out', detail: 'paper roll empty' };
      host.printed.push(job as TicketPrintJob);
      return { ok: true, value: null };
    },
    printerStatus: () => ({ ok: true, value: { online: true, paperNearEnd: false, paperOut: host.paperOut, coverOpen: false } }),
    readCard: () => (host.cardIdentity ? { ok: true, value: host.cardIdentity } : { ok: false, fault: 'card_removed', detail: null }),
    endSession: () => null,
    openRatingWindow: () => ({ ok: true, value: null }),
    closeRatingWindow: () => null,
  };

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let msg: DeviceHostMessage;
      try {
        msg = JSON.parse(String(data)) as DeviceHostMessage;
      } catch {
        send(ws, { type: 'error', id: null, message: 'not JSON' });
        return;
      }
      if (msg.type === 'hello') {
        if (msg.role !== options.role || msg.version !== DEVICE_PROTOCOL_VERSION) {
          send(ws, { type: 'error', id: null, message: `this host serves ${options.role} v${DEVICE_PROTOCOL_VERSION}` });
          ws.close();
          return;
        }
        send(ws, { type: 'welcome', version: DEVICE_PROTOCOL_VERSION, role: options.role });
        return;
      }
      host.calls.push(msg.method);
      const method = methods[msg.method];
      if (!method) {
        send(ws, { type: 'error', id: msg.id, message: `unknown method ${msg.method}` });
        return;
      }
      send(ws, { type: 'result', id: msg.id, value: method(msg.args) });
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return Object.assign(host, { url: `ws://127.0.0.1:${port}/devices` });
}
