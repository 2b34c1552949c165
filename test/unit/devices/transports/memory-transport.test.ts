import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceError } from '../../../../devices/common/device-error.ts';
import { MemoryTransport } from '../../../../devices/transports/memory-transport.ts';

describe('memory transport twin', () => {
  it('records writes and delivers scripted replies asynchronously', async () => {
    const t = new MemoryTransport({ respond: (w) => (w[0] === 0x10 ? Uint8Array.of(0x12) : null) });
    const got: number[] = [];
    t.onData((b) => got.push(...b));
    await t.open();
    const writing = t.write(Uint8Array.of(0x10, 0x04, 0x01));
    assert.deepEqual(got, [], 'no reply before the write completed');
    await writing;
    await t.write(Uint8Array.of(0x1b, 0x40));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(got, [0x12]);
    assert.deepEqual(t.status(), { isOpen: true, plugged: true, writes: 2, bytesWritten: 5 });
  });

  it('refuses overlapping writes like hardware', async () => {
    const t = new MemoryTransport();
    await t.open();
    const first = t.write(Uint8Array.of(1));
    await assert.rejects(t.write(Uint8Array.of(2)), (e: unknown) => e instanceof DeviceError && e.code === 'busy');
    await first;
  });

  it('injects a write fault once', async () => {
    const t = new MemoryTransport();
    await t.open();
    t.failNextWrite(new DeviceError('timeout', 'injected'));
    await assert.rejects(t.write(Uint8Array.of(1)), (e: unknown) => e instanceof DeviceError && e.code === 'timeout');
    await t.write(Uint8Array.of(2));
    assert.equal(t.written.length, 1);
  });

  it('unplug closes with a disconnected error; open fails until replug', async () => {
    const t = new MemoryTransport();
    const closes: (Error | null)[] = [];
    t.onClose((e) => closes.push(e));
    await t.open();
    t.unplug();
    assert.equal(t.isOpen, false);
    assert.ok(closes[0] instanceof DeviceError && closes[0].disconnected);
    await assert.rejects(t.open(), (e: unknown) => e instanceof DeviceError && e.code === 'unavailable');
    await assert.rejects(t.write(Uint8Array.of(1)), (e: unknown) => e instanceof DeviceError && e.code === 'disconnected');
    t.replug();
    await t.open();
    await t.close();
    assert.deepEqual(closes.slice(1), [null]);
  });

  it('drops device data while closed', async () => {
    const t = new MemoryTransport();
    const got: number[] = [];
    t.onData((b) => got.push(...b));
    t.emitData(Uint8Array.of(1));
    await t.open();
    t.emitData(Uint8Array.of(2));
    assert.deepEqual(got, [2]);
  });
});
