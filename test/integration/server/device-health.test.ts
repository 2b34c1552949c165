/**
 * Device health on the hall server: terminals report for themselves, the dashboard reads every
 * enrolled terminal with its last report, silence after 90 s is marked, and bad reports or the
 * wrong caller change nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HEALTH_SILENT_AFTER_MS, type DevicesHealthResponse } from '../../../electron/common/device-health-wire.ts';
import { api, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';

describe('device health API', () => {
  let now = Date.parse('2026-03-02T01:00:00Z');
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let kiosk: string;
  let counter: string;
  let dashboard: string;

  const printerOut = { kind: 'printer', id: 'printer', state: 'fault', fault: 'paper_out', detail: 'paper end sensor', since: now - 5_000 } as const;
  const scannerReady = { kind: 'scanner', id: 'scanner', state: 'ready', fault: null, detail: null, since: now - 60_000 } as const;
  const board = async (): Promise<DevicesHealthResponse> => {
    const r = await api(hall.url, 'GET', '/api/v1/devices/health', { token: dashboard });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as DevicesHealthResponse;
  };
  const report = (token: string, body: unknown) => api(hall.url, 'PUT', '/api/v1/devices/self/health', { token, body });

  before(async () => {
    tmp = tempDir('hall-device-health-');
    hall = await startTestHall({ clock: () => now, dbPath: join(tmp.dir, 'hall.db') });
    kiosk = hall.device('kiosk');
    counter = hall.device('counter', 'quay-2');
    dashboard = hall.device('dashboard');
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  test('before any report every enrolled terminal is listed as silent; dashboards and rating devices are not terminals', async () => {
    hall.device('rating', 'quay-2');
    const b = await board();
    assert.equal(b.now, now);
    assert.deepEqual(
      b.terminals.map((t) => [t.role, t.counterId, t.reportedAt, t.silent, t.devices.length]),
      [
        ['kiosk', null, null, true, 0],
        ['counter', 'quay-2', null, true, 0],
      ],
    );
  });

  test('a terminal’s report replaces its previous one and is shown with the server’s time', async () => {
    const first = await report(kiosk, { devices: [printerOut, scannerReady] });
    assert.equal(first.status, 204, JSON.stringify(first.json));
    now += 1_000;
    const second = await report(kiosk, { devices: [{ ...printerOut, state: 'ready', fault: null, detail: null, since: now }] });
    assert.equal(second.status, 204);
    const k = (await board()).terminals.find((t) => t.role === 'kiosk');
    assert.equal(k?.reportedAt, now);
    assert.equal(k?.silent, false);
    assert.deepEqual(
      k?.devices.map((d) => [d.id, d.state]),
      [['printer', 'ready']],
    );
    const c = (await board()).terminals.find((t) => t.role === 'counter');
    assert.equal(c?.silent, true, 'the counter has not reported');
  });

  test('a terminal silent for longer than 90 s is marked silent, with its last report kept', async () => {
    await report(counter, { devices: [scannerReady] });
    now += HEALTH_SILENT_AFTER_MS;
    assert.equal((await board()).terminals.find((t) => t.role === 'counter')?.silent, false, 'exactly 90 s is not yet silent');
    now += 1;
    const c = (await board()).terminals.find((t) => t.role === 'counter');
    assert.equal(c?.silent, true);
    assert.deepEqual(
      c?.devices.map((d) => d.id),
      ['scanner'],
    );
  });

  test('bad reports and wrong callers are refused and change nothing', async () => {
    const before = JSON.stringify((await board()).terminals);
    const cases: [string, string | undefined, unknown, number, string][] = [
      ['unknown state', kiosk, { devices: [{ ...printerOut, state: 'on fire' }] }, 400, 'VALIDATION_FAILED'],
      ['unknown fault', kiosk, { devices: [{ ...printerOut, fault: 'toner' }] }, 400, 'VALIDATION_FAILED'],
      ['extra field', kiosk, { devices: [{ ...printerOut, citizen: 'x' }] }, 400, 'VALIDATION_FAILED'],
      ['the same id twice', kiosk, { devices: [printerOut, printerOut] }, 400, 'VALIDATION_FAILED'],
      ['too many devices', kiosk, { devices: Array.from({ length: 17 }, (_, i) => ({ ...scannerReady, id: `s${i}` })) }, 400, 'VALIDATION_FAILED'],
      ['no token', undefined, { devices: [] }, 401, 'UNAUTHENTICATED'],
      ['a dashboard reporting', dashboard, { devices: [] }, 403, 'FORBIDDEN'],
    ];
    for (const [what, token, body, status, code] of cases) {
      const r = await api(hall.url, 'PUT', '/api/v1/devices/self/health', { ...(token ? { token } : {}), body });
      assert.equal(r.status, status, `${what}: ${JSON.stringify(r.json)}`);
      assert.equal(r.json.error.code, code, what);
    }
    const read = await api(hall.url, 'GET', '/api/v1/devices/health', { token: kiosk });
    assert.equal(read.status, 403, 'a kiosk cannot read the board');
    assert.equal(JSON.stringify((await board()).terminals), before);
  });
});
