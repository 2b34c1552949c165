/** The Node device host of browser mode, in-process with simulated devices, driven by a real WebSocket client. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { startDeviceHost, type DeviceHost } from '../../../../devices/terminal/device-host.ts';
import { connectDeviceHost, type DeviceHostClient } from '../../../support/device-host-client.ts';
import { VIETNAMESE_TICKET } from '../../../support/ticket-jobs.ts';

let host: DeviceHost | null = null;
let client: DeviceHostClient | null = null;
afterEach(async () => {
  await client?.close();
  await host?.close();
  client = null;
  host = null;
});

describe('device host', () => {
  it('serves the kiosk API: welcome, printTicket on the simulated printer, status, scans as events', async () => {
    host = await startDeviceHost({
      role: 'kiosk',
      devices: [
        { id: 'printer', kind: 'printer', uri: 'sim:printer' },
        { id: 'scanner', kind: 'scanner', uri: 'sim:scanner' },
      ],
    });
    assert.match(host.url, /^ws:\/\/127\.0\.0\.1:\d+\/devices$/);
    client = await connectDeviceHost(host.url);
    assert.deepEqual(await client.hello('kiosk'), { type: 'welcome', version: 1, role: 'kiosk' });

    assert.deepEqual(await client.call('printTicket', VIETNAMESE_TICKET), { type: 'result', id: 1, value: { ok: true, value: null } });
    assert.equal(host.manager.simulators.printer?.cuts, 1);
    const status = await client.call('printerStatus');
    assert.deepEqual(status, { type: 'result', id: 2, value: { ok: true, value: { online: true, paperNearEnd: false, paperOut: false, coverOpen: false } } });

    host.manager.simulators.printer?.setStatus({ paperOut: true });
    const refused = await client.call('printTicket', VIETNAMESE_TICKET);
    assert.equal(refused.type === 'result' && (refused.value as { fault: string }).fault, 'paper_out');
    await client.waitForEvent('health');
    assert.deepEqual(
      client.events.filter((e) => e.name === 'health').map((e) => (e.payload as { fault: string }).fault),
      ['paper_out'],
    );

    host.manager.simulators.scanner?.scan('https://hall.example/t/q3Xr0bYpT8mKzL2wVn5HcA');
    await client.waitForEvent('scan');
    const scan = client.events.find((e) => e.name === 'scan')?.payload as { kind: string; text: string };
    assert.equal(scan.kind, 'ticket_qr');

    const info = await client.call('terminalInfo');
    assert.deepEqual(info, { type: 'result', id: 4, value: { role: 'kiosk', counterId: null, deviceToken: null } });
  });

  it('serves the counter API: a keypad press arrives as the rating event, without its level', async () => {
    host = await startDeviceHost({
      role: 'counter',
      counterId: 'quay-2',
      devices: [{ id: 'keypad', kind: 'keypad', uri: 'sim:keypad', profile: 'hid-5-key' }],
    });
    client = await connectDeviceHost(host.url);
    await client.hello('counter');
    assert.deepEqual(await client.call('openRatingWindow', 30), { type: 'result', id: 1, value: { ok: true, value: null } });
    assert.equal(host.manager.simulators.keypad?.ledsOn, true);
    host.manager.simulators.keypad?.press('neutral');
    await client.waitForEvent('rating');
    const payload = client.events.find((e) => e.name === 'rating')?.payload as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload), ['at'], 'the page never learns the level');
    assert.equal(typeof payload.at, 'number');
  });

  it('refuses another role, another protocol version, methods outside the role and calls before hello', async () => {
    host = await startDeviceHost({ role: 'display', devices: [] });
    client = await connectDeviceHost(host.url);
    const early = await client.call('health');
    assert.deepEqual(early, { type: 'error', id: 1, message: 'say hello first' });
    await client.hello('display');
    const foreign = await client.call('printTicket', VIETNAMESE_TICKET);
    assert.deepEqual(foreign, { type: 'error', id: 2, message: "method 'printTicket' is not part of the display API" });
    await client.close();

    client = await connectDeviceHost(host.url);
    const wrongRole = await client.hello('kiosk');
    assert.equal(wrongRole.type, 'error');
    await client.close();
    client = await connectDeviceHost(host.url);
    assert.equal((await client.hello('display', 2)).type, 'error');
  });

  it('refuses connections whose Host is not loopback (DNS rebinding)', async () => {
    host = await startDeviceHost({ role: 'display', devices: [] });
    await assert.rejects(connectDeviceHost(host.url, { host: 'evil.example' }), /Unexpected server response: 401/);
  });

  it('keeps the device token in its token file across restarts', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'device-host-'));
    try {
      const tokenFile = join(dir, 'terminal.json');
      host = await startDeviceHost({ role: 'display', devices: [], tokenFile });
      client = await connectDeviceHost(host.url);
      await client.hello('display');
      const token = 'dvt_0123456789abcdefghij';
      assert.deepEqual(await client.call('saveDeviceToken', token), { type: 'result', id: 1, value: null });
      assert.equal(JSON.parse(readFileSync(tokenFile, 'utf8')).deviceToken, token);
      const bad = await client.call('saveDeviceToken', 'short');
      assert.equal(bad.type, 'error');
      await client.close();
      await host.close();

      host = await startDeviceHost({ role: 'display', devices: [], tokenFile });
      client = await connectDeviceHost(host.url);
      await client.hello('display');
      assert.deepEqual(await client.call('terminalInfo'), { type: 'result', id: 1, value: { role: 'display', counterId: null, deviceToken: token } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
