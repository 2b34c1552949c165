/**
 * "Gọi cán bộ hỗ trợ": a kiosk's help request becomes a help_requested alert for dashboards
 * (getAlerts and the stream), renewed by a repeated call, cleared when a supervisor marks it
 * handled, dropped after 15 minutes; only kiosks may ask and only dashboards may resolve.
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

  test('a kiosk asks: dashboards get the alert with the kiosk’s name and the local time, live and from getAlerts', async () => {
    const stream = await StreamClient.connect(hall.url, { token: dashboard });
    try {
      await stream.waitFor((m) => m.type === 'snapshot');
      const r = await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: {} });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const pushed = await stream.waitFor((m) => m.type === 'alert' && (m as { alert: Alert }).alert.kind === 'help_requested');
      assert.equal((pushed as { state: string }).state, 'raised');
      const [alert] = await alerts();
      assert.equal(alert?.id, r.json.alertId);
      assert.match(alert?.messageVi ?? '', /^Công dân tại .+ cần cán bộ hỗ trợ \(gọi lúc 09:05\)$/);
      assert.equal(alert?.messageVi, alert?.messageVi.normalize('NFC'));
    } finally {
      stream.close();
    }
  });

  test('calling again renews the one alert with the new time', async () => {
    now += 3 * 60_000;
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: {} })).status, 201);
    const list = await alerts();
    assert.equal(list.length, 1);
    assert.equal(list[0]?.at, now);
    assert.match(list[0]?.messageVi ?? '', /gọi lúc 09:08\)$/);
  });

  test('only a kiosk may ask and only a dashboard may resolve; a supervisor’s resolve clears it, a second resolve is 404', async () => {
    const counter = hall.device('counter', 'quay-1');
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: counter, body: {} })).status, 403);
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: { note: 'x' } })).status, 400);
    const id = await kioskId();
    assert.equal((await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: kiosk, body: {} })).status, 403);
    assert.equal((await alerts()).length, 1, 'still open');
    const resolved = await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: dashboard, body: {} });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.json));
    assert.deepEqual(await alerts(), []);
    const again = await api(hall.url, 'POST', `/api/v1/help-requests/${id}/resolve`, { token: dashboard, body: {} });
    assert.equal(again.status, 404);
    assert.equal(again.json.error.code, 'NOT_FOUND');
  });

  test('a request nobody handled is dropped after 15 minutes', async () => {
    assert.equal((await api(hall.url, 'POST', '/api/v1/help-requests', { token: kiosk, body: {} })).status, 201);
    now += 15 * 60_000;
    assert.equal((await alerts()).length, 1, 'exactly 15 minutes: still open');
    now += 1;
    assert.deepEqual(await alerts(), []);
  });
});
