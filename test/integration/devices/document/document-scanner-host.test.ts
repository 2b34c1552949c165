/** scanDocument through the Node device host over its loopback WebSocket, with SANE's test backend as the kiosk's and the counter's document scanner. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { DeviceHealth, ScannedPaper } from '../../../../electron/common/device-contract.ts';
import { startDeviceHost, type DeviceHost } from '../../../../devices/terminal/device-host.ts';
import { connectDeviceHost, type DeviceHostClient } from '../../../support/device-host-client.ts';

let host: DeviceHost | null = null;
let client: DeviceHostClient | null = null;
afterEach(async () => {
  await client?.close();
  await host?.close();
  client = null;
  host = null;
});

const SCAN = { idNumber: '079203000001', docTypeCode: 'KS', pages: 1 };

describe('device host: document scanner', () => {
  it('the kiosk scans a paper over the WebSocket; the scanner reports ready', async () => {
    host = await startDeviceHost({
      role: 'kiosk',
      devices: [{ id: 'document-scanner', kind: 'documentScanner', uri: 'sane:test' }],
      documentScannerOptions: { areaMm: { width: 30, height: 30 } },
    });
    client = await connectDeviceHost(host.url, {}, 30_000);
    await client.hello('kiosk');
    const health = await client.call('health');
    assert.deepEqual(
      (health.type === 'result' ? (health.value as DeviceHealth[]) : []).map((h) => [h.id, h.kind, h.state]),
      [['document-scanner', 'documentScanner', 'ready']],
    );
    const reply = await client.call('scanDocument', SCAN);
    assert.equal(reply.type, 'result');
    const result = (reply as { value: { ok: boolean; value: ScannedPaper } }).value;
    assert.equal(result.ok, true, JSON.stringify(result).slice(0, 300));
    assert.equal(result.value.code, '079203000001.KS');
    assert.equal(Buffer.from(result.value.pdfBase64, 'base64').subarray(0, 5).toString(), '%PDF-');
    assert.match(result.value.sha256, /^[0-9a-f]{64}$/);
  });

  it('a counter whose SANE device is missing reports it absent and answers scanDocument with disconnected', async () => {
    host = await startDeviceHost({
      role: 'counter',
      counterId: 'quay-2',
      devices: [{ id: 'document-scanner', kind: 'documentScanner', uri: 'sane:epson2:libusb:001:004' }],
      backoff: { initialMs: 60_000, maxMs: 60_000, factor: 1 },
    });
    client = await connectDeviceHost(host.url, {}, 30_000);
    await client.hello('counter');
    const [health] = host.manager.health();
    assert.equal(health?.state, 'absent');
    assert.match(health?.detail ?? '', /scanner not found or not answering/);
    const reply = await client.call('scanDocument', SCAN);
    assert.equal(reply.type === 'result' && (reply.value as { fault: string }).fault, 'disconnected');
  });
});
