/**
 * "Gọi cán bộ hỗ trợ": a kiosk's help request becomes a help_requested alert for dashboards and
 * counters (getAlerts, getHelpRequests and the stream), renewed by a repeated call, cleared when a
 * supervisor or an officer marks it handled, dropped after 15 minutes; only kiosks may ask, and
 * only dashboards and counters may see and resolve.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Alert } from '../../../electron/common/wire.ts';
import { api, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

describe('kiosk help requests', () => {
  let now = Date.parse('2026-03-02T02:05:00Z'); // 09:05 in Hanoi
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let kiosk: string;
  let dashboard: string;

  const alerts = async (): Promise<Alert[]> => {
    const r = await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard });
    assert.equal(r.status, 200);
    return (r.json.alerts as Alert[]).filter((a) => a.kind === 'help_requested');
  };
  const kioskId = async (): Promise<string> => (await alerts())[0]?.id.replace('help_requested:', '') ?? '';

  before(async () => {
    tmp = tempDir('hall-help-');
    hall = await startTestHall({ clock: () => now, dbPath: join(tmp.dir, 'hall.db') });
    kiosk = hall.device('kiosk');
    dashboard = hall.device('dashboard');
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  test('a kiosk asks: dashboards and counters get the alert with the kiosk’s name and the local time, live and from the API', async () => {
    const counter = hall.device('counter', 'quay-2');
    const streams = [await StreamClient.connect(hall.url, { token: dashboard }), await StreamClient.connect(hall.url, { token: counter })];
    try {
      for (const stream of streams) await stream.waitFor((m) => m.type === 'snapshot');
      const r = await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: {} });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      for (const stream of streams) {
        const pushed = await stream.waitFor((m) => m.type === 'alert' && (m as { alert: Alert }).alert.kind === 'help_requested');
        assert.equal((pushed as { state: string }).state, 'raised');
      }
      const [alert] = await alerts();
      assert.equal(alert?.id, r.json.alertId);
      assert.match(alert?.messageVi ?? '', /^Công dân tại .+ cần cán bộ hỗ trợ \(gọi lúc 09:05\)$/);
      assert.equal(alert?.messageVi, alert?.messageVi.normalize('NFC'));
      const atCounter = await api(hall.url, 'GET', '/api/v1/help-requests', { token: counter });
      assert.equal(atCounter.status, 200, JSON.stringify(atCounter.json));
      assert.deepEqual(atCounter.json.helpRequests, [alert]);
      const display = hall.device('display');
      assert.equal((await api(hall.url, 'GET', '/api/v1/help-requests', { token: display })).status, 403, 'not on the hall screens');
      assert.equal((await api(hall.url, 'GET', '/api/v1/alerts', { token: counter })).status, 403, 'the other alerts stay on the dashboards');
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  test('two kiosks ask: the counters list the longest waiting first', async () => {
    const second = hall.device('kiosk');
    now += 60_000;
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: second, body: {} })).status, 201);
    const counter = hall.device('counter', 'quay-3');
    const list = (await api(hall.url, 'GET', '/api/v1/help-requests', { token: counter })).json.helpRequests as Alert[];
    assert.equal(list.length, 2);
    assert.ok(list[0]!.at < list[1]!.at, 'oldest first');
    const id = list[1]!.id.replace('help_requested:', '');
    assert.equal((await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: dashboard, body: {} })).status, 200);
    now -= 60_000;
  });

  test('calling again renews the one alert with the new time', async () => {
    now += 3 * 60_000;
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: {} })).status, 201);
    const list = await alerts();
    assert.equal(list.length, 1);
    assert.equal(list[0]?.at, now);
    assert.match(list[0]?.messageVi ?? '', /gọi lúc 09:08\)$/);
  });

  test('only a kiosk may ask; a kiosk or a display cannot resolve; a supervisor’s resolve clears it, a second resolve is 404', async () => {
    const counter = hall.device('counter', 'quay-1');
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: counter, body: {} })).status, 403);
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: { note: 'x' } })).status, 400);
    const id = await kioskId();
    assert.equal((await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: kiosk, body: {} })).status, 403);
    assert.equal((await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: hall.device('display'), body: {} })).status, 403);
    assert.equal((await alerts()).length, 1, 'still open');
    const resolved = await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: dashboard, body: {} });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.json));
    assert.deepEqual(await alerts(), []);
    const again = await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: dashboard, body: {} });
    assert.equal(again.status, 404);
    assert.equal(again.json.error.code, 'NOT_FOUND');
  });

  test('an officer going to the kiosk resolves it from the counter: cleared on the dashboards too', async () => {
    const counter = hall.device('counter', 'quay-4');
    const stream = await StreamClient.connect(hall.url, { token: dashboard });
    try {
      await stream.waitFor((m) => m.type === 'snapshot');
      assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: {} })).status, 201);
      const id = await kioskId();
      const resolved = await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: counter, body: {} });
      assert.equal(resolved.status, 200, JSON.stringify(resolved.json));
      const cleared = await stream.waitFor((m) => m.type === 'alert' && (m as { state: string }).state === 'cleared');
      assert.equal((cleared as { alert: Alert }).alert.id, `help_requested:${id}`);
      assert.deepEqual(await alerts(), []);
      assert.deepEqual((await api(hall.url, 'GET', '/api/v1/help-requests', { token: counter })).json.helpRequests, []);
    } finally {
      stream.close();
    }
  });

  test('a request nobody handled is dropped after 15 minutes', async () => {
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: {} })).status, 201);
    now += 15 * 60_000;
    assert.equal((await alerts()).length, 1, 'exactly 15 minutes: still open');
    now += 1;
    assert.deepEqual(await alerts(), []);
  });
});
