import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceHostMessage } from '../../../../electron/common/device-contract.ts';
import { DEVICE_IPC } from '../../../../electron/common/device-methods.ts';
import { createRoleApi, exposeRoleApi, type BridgeIpcRenderer } from '../../../../electron/preload/role-bridge.ts';

class FakeIpcRenderer implements BridgeIpcRenderer {
  readonly invoked: { channel: string; message: DeviceHostMessage }[] = [];
  readonly sent: string[] = [];
  readonly listeners = new Map<string, ((event: unknown, reply: unknown) => void)[]>();
  answer: (message: DeviceHostMessage) => unknown = (m) => ({ type: 'result', id: (m as { id: number }).id, value: null });
  async invoke(channel: string, message: DeviceHostMessage): Promise<unknown> {
    this.invoked.push({ channel, message });
    return this.answer(message);
  }
  send(channel: string): void {
    this.sent.push(channel);
  }
  on(channel: string, listener: (event: unknown, reply: unknown) => void): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  push(reply: unknown): void {
    for (const l of this.listeners.get(DEVICE_IPC.event) ?? []) l({ sender: 'ipc event object' }, reply);
  }
}

describe('preload role bridge', () => {
  it('exposes exactly the role API on window.hallBridge', () => {
    const exposed: [string, unknown][] = [];
    exposeRoleApi('kiosk', { exposeInMainWorld: (key, api) => void exposed.push([key, api]) }, new FakeIpcRenderer());
    assert.equal(exposed.length, 1);
    const [key, api] = exposed[0] ?? [];
    assert.equal(key, 'hallBridge');
    assert.deepEqual(Object.keys(api as object).sort(), [
      'endSession',
      'health',
      'onCardPresence',
      'onHealth',
      'onScan',
      'printTicket',
      'printerStatus',
      'readCard',
      'saveDeviceToken',
      'scanCardBack',
      'scanDocument',
      'terminalInfo',
    ]);
    assert.ok(Object.isFrozen(api));
  });

  it('counter and display APIs carry only their own members', () => {
    assert.deepEqual(Object.keys(createRoleApi('counter', new FakeIpcRenderer())).sort(), [
      'closeRatingWindow',
      'health',
      'onHealth',
      'onRating',
      'onScan',
      'openRatingWindow',
      'saveDeviceToken',
      'scanDocument',
      'terminalInfo',
    ]);
    assert.deepEqual(Object.keys(createRoleApi('display', new FakeIpcRenderer())).sort(), ['health', 'onHealth', 'saveDeviceToken', 'terminalInfo']);
  });

  it('a method call travels as a call envelope with a fresh id and resolves with the result', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = (m) => ({ type: 'result', id: (m as { id: number }).id, value: { ok: true, value: null } });
    const api = createRoleApi('counter', ipc);
    assert.deepEqual(await api.openRatingWindow(30), { ok: true, value: null });
    await api.closeRatingWindow();
    assert.deepEqual(ipc.invoked, [
      { channel: DEVICE_IPC.call, message: { type: 'call', id: 1, method: 'openRatingWindow', args: [30] } },
      { channel: DEVICE_IPC.call, message: { type: 'call', id: 2, method: 'closeRatingWindow', args: [] } },
    ]);
  });

  it('an error reply rejects with its message', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = () => ({ type: 'error', id: null, message: 'sender refused' });
    await assert.rejects(createRoleApi('display', ipc).health(), /sender refused/);
  });

  it('listeners get only the payload of their own event; the first one tells main the page is ready', () => {
    const ipc = new FakeIpcRenderer();
    const api = createRoleApi('kiosk', ipc);
    const scans: unknown[] = [];
    const health: unknown[] = [];
    assert.deepEqual(ipc.sent, []);
    const stopScans = api.onScan((scan) => scans.push(scan));
    api.onHealth((h) => health.push(h));
    assert.deepEqual(ipc.sent, [DEVICE_IPC.ready]);
    assert.equal(ipc.listeners.get(DEVICE_IPC.event)?.length, 1);
    ipc.push({ type: 'event', name: 'scan', payload: { kind: 'ticket_qr', text: 'T', at: 1 } });
    ipc.push({ type: 'event', name: 'health', payload: { id: 'printer' } });
    ipc.push({ type: 'event', name: 'rating', payload: { level: 'x' } });
    ipc.push('garbage');
    assert.deepEqual(scans, [{ kind: 'ticket_qr', text: 'T', at: 1 }]);
    assert.deepEqual(health, [{ id: 'printer' }]);
    stopScans();
    ipc.push({ type: 'event', name: 'scan', payload: { kind: 'ticket_qr', text: 'U', at: 2 } });
    assert.equal(scans.length, 1);
  });

  it('refuses a listener that is not a function', () => {
    const api = createRoleApi('display', new FakeIpcRenderer());
    assert.throws(() => api.onHealth('nope' as never), /onHealth needs a function/);
  });
});
