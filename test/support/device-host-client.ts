/** A minimal device host client for tests: hello, calls by id, events collected in order. */
import { WebSocket } from 'ws';
import { DEVICE_PROTOCOL_VERSION, type DeviceHostReply, type TerminalRole } from '../../electron/common/device-contract.ts';

export interface DeviceHostClient {
  readonly events: Extract<DeviceHostReply, { type: 'event' }>[];
  readonly replies: DeviceHostReply[];
  hello(role: TerminalRole, version?: number): Promise<DeviceHostReply>;
  call(method: string, ...args: unknown[]): Promise<DeviceHostReply>;
  waitForEvent(name: string, count?: number): Promise<void>;
  close(): Promise<void>;
}

/** replyTimeoutMs: how long a call or event may take (default 5 s; a document scan with OCR takes longer). */
export async function connectDeviceHost(url: string, headers: Record<string, string> = {}, replyTimeoutMs = 5000): Promise<DeviceHostClient> {
  const socket = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const replies: DeviceHostReply[] = [];
  const events: Extract<DeviceHostReply, { type: 'event' }>[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (raw) => {
    const reply = JSON.parse(String(raw)) as DeviceHostReply;
    replies.push(reply);
    if (reply.type === 'event') events.push(reply);
    for (const w of waiters.splice(0)) w();
  });
  const next = (match: (r: DeviceHostReply) => boolean): Promise<DeviceHostReply> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply from the device host within ${replyTimeoutMs / 1000} s`)), replyTimeoutMs);
      const check = (): void => {
        const found = replies.find(match);
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  let nextId = 1;
  return {
    events,
    replies,
    hello: (role, version = DEVICE_PROTOCOL_VERSION) => {
      socket.send(JSON.stringify({ type: 'hello', version, role }));
      return next((r) => r.type === 'welcome' || (r.type === 'error' && r.id === null));
    },
    call: (method, ...args) => {
      const id = nextId++;
      socket.send(JSON.stringify({ type: 'call', id, method, args }));
      return next((r) => (r.type === 'result' || r.type === 'error') && r.id === id);
    },
    waitForEvent: async (name, count = 1) => {
      await next(() => events.filter((e) => e.name === name).length >= count);
    },
    close: async () => {
      if (socket.readyState === socket.CLOSED) return;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.close();
      await closed;
    },
  };
}
