/**
 * Live supervision over HTTP and the stream: kpis.updated reaches dashboard and display clients
 * (throttled: a burst of events gives one push), alerts are raised and cleared (projected wait of a
 * new ticket, a counter idling while its queue waits), and staffing advice uses the history's
 * weekday × hour arrivals ("Mở thêm … quầy cho …").
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertMessage, KpisUpdatedMessage } from '../../../electron/common/wire.ts';
import { IMPORT_HEADER } from '../../../electron/core/ticket-import.ts';
import { importTicketsFile } from '../../../electron/server/import-tickets.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { api, openDemoHall, startTestHall, tempDir, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

const MINUTE = 60_000;
/** Monday 2026-03-09 09:00 in Hanoi. */
const T0 = Date.parse('2026-03-09T02:00:00Z');
const THROTTLE_MS = 300;

/** History: on each of the two previous Mondays, 40 Đất đai tickets between 09:00 and 10:00 (15 min service each). */
function historyCsv(): string {
  const lines: string[] = [IMPORT_HEADER.join(',')];
  for (const day of ['2026-02-23', '2026-03-02']) {
    for (let i = 0; i < 40; i += 1) {
      const at = (m: number): string => new Date(Date.parse(`${day}T02:00:00Z`) + m * MINUTE + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
      lines.push(`dat-dai,C${String(i + 1).padStart(3, '0')},normal,${at(i)},${at(i + 5)},${at(i + 5)},${at(i + 20)},quay-3,cb-1,served,,,`);
    }
  }
  return lines.join('\n');
}

describe('live KPIs, alerts and staffing', () => {
  let now = T0;
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let dashboard: string;
  let kiosk: string;
  const ok = (r: ApiResponse, status = 200): void => assert.equal(r.status, status, JSON.stringify(r.json));

  before(async () => {
    tmp = tempDir('hall-live-');
    const dbPath = join(tmp.dir, 'hall.db');
    writeFileSync(join(tmp.dir, 'h.csv'), historyCsv());
    const db = openHallDatabase(dbPath);
    assert.equal(importTicketsFile(db, openDemoHall(), join(tmp.dir, 'h.csv'), { skipInvalid: false, now: T0 }).imported, 80);
    db.close();
    hall = await startTestHall({ dbPath, clock: () => now, live: { throttleMs: THROTTLE_MS, idleCheckMs: 60_000 } });
    dashboard = hall.device('dashboard');
    kiosk = hall.device('kiosk');
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  test('a burst of issues gives at most a leading and a trailing kpis.updated to dashboard and display, none to a kiosk', async () => {
    const dash = await StreamClient.connect(hall.url, { token: dashboard });
    const display = await StreamClient.connect(hall.url, { token: hall.device('display') });
    const kioskStream = await StreamClient.connect(hall.url, { token: kiosk });
    for (const s of [dash, display, kioskStream]) await s.waitFor((m) => m.type === 'snapshot');
    for (let i = 0; i < 3; i += 1) ok(await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } }), 201);
    const pushed = await dash.waitFor<KpisUpdatedMessage>((m) => m.type === 'kpis.updated' && m.hall.tickets === 3, 5000, 'kpis.updated with 3 tickets');
    assert.equal(pushed.businessDate, '2026-03-09');
    assert.equal(pushed.hall.tickets, 3);
    assert.equal(pushed.byService.find((r) => r.key === 'ho-tich')?.tickets, 3);
    await display.waitFor((m) => m.type === 'kpis.updated', 5000, 'kpis.updated on the display');
    await new Promise((r) => setTimeout(r, THROTTLE_MS * 3));
    assert.ok(dash.messages.filter((m) => m.type === 'kpis.updated').length <= 2, 'three events, at most two pushes');
    assert.equal(kioskStream.messages.filter((m) => m.type === 'kpis.updated').length, 0);
    const today = await api(hall.url, 'GET', '/api/v1/kpis/today', { token: dashboard });
    ok(today);
    assert.equal(today.json.hall.tickets, 3);
    for (const s of [dash, display, kioskStream]) await s.close();
  });

  test('projected wait over the target raises an alert on the stream and in getAlerts', async () => {
    const dash = await StreamClient.connect(hall.url, { token: dashboard });
    await dash.waitFor((m) => m.type === 'snapshot');
    // Xây dựng: ticket after ticket until the estimate of the next one passes the 15-minute target.
    let alert: AlertMessage | undefined;
    for (let i = 0; i < 30 && !alert; i += 1) {
      ok(await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'xay-dung' } }), 201);
      alert = dash.messages.find((m): m is AlertMessage => m.type === 'alert' && m.alert.kind === 'projected_wait');
      if (!alert) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(alert, 'a projected_wait alert arrived');
    assert.equal(alert.state, 'raised');
    assert.equal(alert.alert.serviceId, 'xay-dung');
    assert.ok(alert.alert.value > 15);
    assert.match(alert.alert.messageVi, /dự kiến chờ \d+ phút, vượt mục tiêu 15 phút/);
    const listed = await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard });
    ok(listed);
    assert.ok(listed.json.alerts.some((a: { id: string }) => a.id === 'projected_wait:xay-dung'));
    await dash.close();
  });

  test('an open counter that does not call for 3 minutes while its queue waits', async () => {
    const officer = await hall.officerAt('quay-2');
    ok(await api(hall.url, 'POST', '/api/v1/counters/quay-2/open', { token: officer.token, session: officer.session }));
    ok(await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'chung-thuc' } }), 201);
    const before = await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard });
    assert.ok(!before.json.alerts.some((a: { id: string }) => a.id === 'counter_idle:quay-2'));
    now += 3 * MINUTE;
    const idle = await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard });
    assert.ok(
      idle.json.alerts.some((a: { id: string }) => a.id === 'counter_idle:quay-2'),
      JSON.stringify(idle.json),
    );
    ok(await api(hall.url, 'POST', '/api/v1/counters/quay-2/call-next', { token: officer.token, session: officer.session }));
    const after = await api(hall.url, 'GET', '/api/v1/alerts', { token: dashboard });
    assert.ok(!after.json.alerts.some((a: { id: string }) => a.id === 'counter_idle:quay-2'));
  });

  test('staffing advice for Monday 09:00 from the two previous Mondays', async () => {
    const r = await api(hall.url, 'GET', '/api/v1/staffing', { token: dashboard });
    ok(r);
    assert.equal(r.json.weekday, 1);
    assert.equal(r.json.hour, 9);
    assert.deepEqual(r.json.history, { from: '2026-01-12', to: '2026-03-08' });
    const land = r.json.advice.find((a: { serviceId: string }) => a.serviceId === 'dat-dai');
    // 40 arrivals/h × 15 min = 10 Erlangs: at least 11 counters; none of dat-dai's counters is open.
    assert.equal(land.arrivalsPerHour, 40);
    assert.equal(land.countersOpen, 0);
    assert.ok(land.countersNeeded >= 11);
    assert.equal(land.messageVi, `Mở thêm ${land.countersNeeded} quầy cho Đất đai`);
    assert.equal((await api(hall.url, 'GET', '/api/v1/staffing', { token: hall.device('display') })).status, 403);
  });
});
