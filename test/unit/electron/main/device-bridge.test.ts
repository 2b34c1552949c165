import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceHealth } from '../../../../electron/common/device-contract.ts';
import { DEVICE_IPC } from '../../../../electron/common/device-methods.ts';
import { DeviceBridge, type RoleHandlers } from '../../../../electron/main/device-bridge.ts';
import { checkSender } from '../../../../electron/main/ipc-sender.ts';
import { FakeContents, FakeIpcMain, HALL, ipcEvent, memoryLogger, silentLogger } from './fakes.ts';

const health = (id: string, state: DeviceHealth['state']): DeviceHealth => ({ kind: 'printer', id, state, fault: null, detail: null, since: 1 });

function kioskHandlers(calls: string[]): RoleHandlers {
  const record =
    (name: string, value: unknown = null) =>
    async (...args: unknown[]) => {
      calls.push(`${name}(${JSON.stringify(args)})`);
      return value;
    };
  return {
    terminalInfo: record('terminalInfo', { role: 'kiosk', counterId: null, deviceToken: null }),
    saveDeviceToken: record('saveDeviceToken'),
    health: record('health', []),
    printTicket: async () => {
      throw new Error('printer exploded');
    },
    printerStatus: record('printerStatus', { ok: true, value: { online: true } }),
    readCard: record('readCard'),
    scanCardBack: record('scanCardBack'),
    scanDocument: record('scanDocument'),
    endSession: record('endSession'),
  };
}

function setup(log = silentLogger()) {
  const calls: string[] = [];
  const ipc = new FakeIpcMain();
  const bridge = new DeviceBridge({ role: 'kiosk', hallOrigin: HALL, handlers: kioskHandlers(calls), log });
  bridge.listen(ipc);
  const contents = new FakeContents();
  bridge.attach(contents);
  const trusted = ipcEvent(contents, `${HALL}/kiosk/`);
  return { calls, ipc, bridge, contents, trusted };
}

describe('IPC sender check', () => {
  const contents = { id: 7 };
  it('trusts only the main frame of the role window on the hall origin', () => {
    assert.deepEqual(checkSender(ipcEvent(contents, `${HALL}/kiosk/`), HALL, 7), { trusted: true });
    const refused: [string, ReturnType<typeof ipcEvent>, number | null][] = [
      ['another window', ipcEvent({ id: 8 }, `${HALL}/kiosk/`), 7],
      ['no window yet', ipcEvent(contents, `${HALL}/kiosk/`), null],
      ['an iframe', ipcEvent(contents, `${HALL}/kiosk/`, { url: `${HALL}/kiosk/` }), 7],
      ['another origin', ipcEvent(contents, 'https://evil.example/kiosk/'), 7],
      ['a look-alike host', ipcEvent(contents, 'http://192.168.1.10:8080.evil.example/kiosk/'), 7],
      ['the offline page', ipcEvent(contents, 'data:text/html,offline'), 7],
      ['a file page', ipcEvent(contents, 'file:///C:/kiosk/x.html'), 7],
      ['a gone frame', { sender: { id: 7 }, senderFrame: null }, 7],
    ];
    for (const [what, event, id] of refused) assert.equal(checkSender(event, HALL, id).trusted, false, what);
  });
});

describe('device bridge', () => {
  it('dispatches a role method and answers with the result envelope', async () => {
    const { ipc, calls, trusted } = setup();
    const reply = await ipc.invoke(DEVICE_IPC.call, trusted, { type: 'call', id: 4, method: 'printerStatus', args: [] });
    assert.deepEqual(reply, { type: 'result', id: 4, value: { ok: true, value: { online: true } } });
    assert.deepEqual(calls, ['printerStatus([])']);
  });

  it('refuses calls from an untrusted sender before reading them', async () => {
    const { ipc, calls, contents } = setup();
    const reply = await ipc.invoke(DEVICE_IPC.call, ipcEvent(contents, 'https://evil.example/'), { type: 'call', id: 1, method: 'endSession', args: [] });
    assert.deepEqual(reply, { type: 'error', id: null, message: 'sender refused' });
    assert.deepEqual(calls, []);
  });

  it('refuses methods of other roles, prototype names and malformed envelopes', async () => {
    const { ipc, calls, trusted } = setup();
    for (const method of ['openRatingWindow', 'constructor', '__proto__', 'toString']) {
      const reply = await ipc.invoke(DEVICE_IPC.call, trusted, { type: 'call', id: 2, method, args: [] });
      assert.equal((reply as { type: string }).type, 'error', method);
    }
    for (const envelope of [
      null,
      'call',
      { type: 'call', id: 'x', method: 'health', args: [] },
      { type: 'call', id: 1, method: 'health' },
      { type: 'hello', id: 1 },
    ]) {
      assert.deepEqual(await ipc.invoke(DEVICE_IPC.call, trusted, envelope), { type: 'error', id: null, message: 'malformed call envelope' });
    }
    assert.deepEqual(calls, []);
  });

  it('a failing handler becomes an error reply, logged without arguments', async () => {
    const { log, text } = memoryLogger();
    const { ipc, trusted } = setup(log);
    const reply = await ipc.invoke(DEVICE_IPC.call, trusted, { type: 'call', id: 9, method: 'printTicket', args: [{ number: 'A015', hallName: 'Phường' }] });
    assert.deepEqual(reply, { type: 'error', id: 9, message: 'printer exploded' });
    assert.match(text(), /device call failed/);
    assert.doesNotMatch(text(), /A015/);
  });

  it('holds pushes until the page is ready, keeping only the latest health per device', () => {
    const { ipc, bridge, contents, trusted } = setup();
    bridge.push('health', health('printer', 'fault'));
    bridge.push('health', health('printer', 'ready'));
    bridge.push('health', health('scanner', 'ready'));
    bridge.push('scan', { kind: 'cccd_qr', text: '079123456789|...', at: 1 });
    assert.equal(contents.sent.length, 0);
    ipc.emit(DEVICE_IPC.ready, trusted);
    assert.deepEqual(
      contents.sent.map((s) => [
        s.channel,
        s.reply.type,
        (s.reply as { payload: DeviceHealth }).payload.id,
        (s.reply as { payload: DeviceHealth }).payload.state,
      ]),
      [
        [DEVICE_IPC.event, 'event', 'printer', 'ready'],
        [DEVICE_IPC.event, 'event', 'scanner', 'ready'],
      ],
    );
    bridge.push('scan', { kind: 'ticket_qr', text: 'T-1', at: 2 });
    assert.deepEqual(contents.sent.at(-1)?.reply, { type: 'event', name: 'scan', payload: { kind: 'ticket_qr', text: 'T-1', at: 2 } });
  });

  it('drops events the role does not carry and ignores ready from an untrusted sender', () => {
    const { ipc, bridge, contents, trusted } = setup();
    ipc.emit(DEVICE_IPC.ready, ipcEvent(contents, 'https://evil.example/'));
    bridge.push('scan', { kind: 'unknown', text: 'x', at: 1 });
    assert.equal(contents.sent.length, 0);
    ipc.emit(DEVICE_IPC.ready, trusted);
    bridge.push('rating', { level: 'satisfied', at: 1 });
    assert.equal(contents.sent.length, 0);
  });

  it('a page that leaves stops receiving until its successor is ready', () => {
    const { ipc, bridge, contents, trusted } = setup();
    ipc.emit(DEVICE_IPC.ready, trusted);
    bridge.pageLeft();
    bridge.push('cardPresence', { present: true, reader: 'r' });
    assert.equal(contents.sent.length, 0);
    const next = new FakeContents();
    bridge.attach(next);
    ipc.emit(DEVICE_IPC.ready, trusted);
    bridge.push('cardPresence', { present: true, reader: 'r' });
    assert.equal(next.sent.length, 0, 'the old window is no longer trusted');
    ipc.emit(DEVICE_IPC.ready, ipcEvent(next, `${HALL}/kiosk/`));
    bridge.push('cardPresence', { present: false, reader: 'r' });
    assert.equal(next.sent.length, 1);
  });

  it('refuses to start without a handler for every role method', () => {
    const handlers = { ...kioskHandlers([]) } as Record<string, unknown>;
    delete handlers.endSession;
    assert.throws(
      () => new DeviceBridge({ role: 'kiosk', hallOrigin: HALL, handlers: handlers as RoleHandlers, log: silentLogger() }),
      /no handler for kiosk method endSession/,
    );
  });

  it('stops listening when asked', () => {
    const { ipc } = setup();
    assert.equal(ipc.handlers.has(DEVICE_IPC.call), true);
    const bridge = new DeviceBridge({ role: 'kiosk', hallOrigin: HALL, handlers: kioskHandlers([]), log: silentLogger() });
    const other = new FakeIpcMain();
    const stop = bridge.listen(other);
    stop();
    assert.equal(other.handlers.size, 0);
    assert.equal(other.listeners.size, 0);
  });
});
