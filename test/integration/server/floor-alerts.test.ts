/**
 * An alert on a real wait over the target, on the hall's injectable clock: raised on getAlerts and
 * on the stream once a ticket has waited past 15 minutes, acknowledged by a supervisor at a
 * dashboard (an officer may not), both steps kept in the event log, and cleared when the ticket is
 * called.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AlertMessage } from '../../../electron/common/wire.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

const MINUTE = 60_000;
/** Monday 2026-03-09 09:00 in Hanoi. */
const T0 = Date.parse('2026-03-09T02:00:00Z');

describe('an alert on a real over-target wait', () => {
  let now = T0;
  let hall: TestHall;
  before(async () => {
    hall = await startTestHall({ clock: () => now, live: { throttleMs: 50, idleCheckMs: 60_000 } });
  });
  after(() => hall.close());

  async function dashboardLogin(role: 'supervisor'): Promise<{ token: string; session: string; staffId: string }> {
    const token = hall.device('dashboard');
    const username = `${role}-${randomUUID().slice(0, 6)}`;
    const staffId = randomUUID();
    new AccessStore(hall.server.db).addStaff({
      id: staffId,
      username,
      displayName: 'Trưởng bộ phận',
      role,
      pinHash: hashPin('246810'),
      counterIds: [],
      now: Date.now(),
    });
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username, pin: '246810' } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    return { token, session: login.json.sessionToken as string, staffId };
  }

  test('raised after 15 minutes of real waiting, acknowledged by a supervisor only, kept as events, cleared by the call', async () => {
    const kiosk = hall.device('kiosk');
    const supervisor = await dashboardLogin('supervisor');
    // An officer logs in on counter terminals only.
    const officer = await hall.officerAt('quay-1');
    const stream = await StreamClient.connect(hall.url, { token: supervisor.token });
    try {
      const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'dat-dai' } });
      assert.equal(issued.status, 201, JSON.stringify(issued.json));
      const number = issued.json.ticket.number as string;

      now += 15 * MINUTE;
      let alerts = await api(hall.url, 'GET', '/api/v1/alerts', { token: supervisor.token });
      assert.equal(
        alerts.json.alerts.some((a: { kind: string }) => a.kind === 'wait_over_target'),
        false,
        'exactly the target is within it',
      );

      now += MINUTE + 5_000;
      alerts = await api(hall.url, 'GET', '/api/v1/alerts', { token: supervisor.token });
      const alert = alerts.json.alerts.find((a: { kind: string }) => a.kind === 'wait_over_target');
      assert.ok(alert, JSON.stringify(alerts.json));
      assert.equal(alert.id, 'wait_over_target:dat-dai');
      assert.equal(alert.messageVi, `Số ${number} (Đất đai) đã chờ 16 phút, vượt mục tiêu 15 phút`);
      assert.equal(alert.acknowledged ?? null, null);
      const raised = await stream.waitFor(
        (m) => m.type === 'alert' && (m as AlertMessage).alert.kind === 'wait_over_target' && (m as AlertMessage).state === 'raised',
      );
      assert.equal((raised as AlertMessage).alert.id, alert.id);

      const path = `/api/v1/alerts/${encodeURIComponent(alert.id)}/acknowledge`;
      const byOfficer = await api(hall.url, 'POST', path, { token: officer.token, session: officer.session, body: {} });
      assert.equal(byOfficer.status, 403, "an officer at a counter does not acknowledge supervisors' alerts");
      const noSession = await api(hall.url, 'POST', path, { token: supervisor.token, body: {} });
      assert.equal(noSession.status, 401);
      const acked = await api(hall.url, 'POST', path, { token: supervisor.token, session: supervisor.session, body: {} });
      assert.equal(acked.status, 200, JSON.stringify(acked.json));
      assert.deepEqual(acked.json.alert.acknowledged, { at: now, by: supervisor.staffId });
      await stream.waitFor((m) => m.type === 'alert' && (m as AlertMessage).state === 'acknowledged');
      const unknown = await api(hall.url, 'POST', '/api/v1/alerts/wait_over_target%3Ahon/acknowledge', {
        token: supervisor.token,
        session: supervisor.session,
        body: {},
      });
      assert.equal(unknown.status, 404);

      // Still waiting: the alert stays, acknowledged, with the wait growing.
      now += 2 * MINUTE;
      alerts = await api(hall.url, 'GET', '/api/v1/alerts', { token: supervisor.token });
      const later = alerts.json.alerts.find((a: { id: string }) => a.id === alert.id);
      assert.equal(later.value, 18);
      assert.deepEqual(later.acknowledged, { at: acked.json.alert.acknowledged.at, by: supervisor.staffId });

      const events = hall.server.db.prepare("SELECT type, data FROM events WHERE type LIKE 'alert.%' ORDER BY seq").all() as { type: string; data: string }[];
      assert.deepEqual(
        events.map((e) => [e.type, JSON.parse(e.data).alertId]),
        [
          ['alert.raised', alert.id],
          ['alert.acknowledged', alert.id],
        ],
      );
      assert.equal(JSON.parse(events[1]?.data ?? '{}').staffId, supervisor.staffId);

      const counter = await hall.officerAt('quay-3');
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-3/open', { token: counter.token, session: counter.session, body: {} })).status, 200);
      const call = await api(hall.url, 'POST', '/api/v1/counters/quay-3/call-next', { token: counter.token, session: counter.session, body: {} });
      assert.equal(call.status, 200, JSON.stringify(call.json));
      await stream.waitFor((m) => m.type === 'alert' && (m as AlertMessage).state === 'cleared' && (m as AlertMessage).alert.id === alert.id);
      alerts = await api(hall.url, 'GET', '/api/v1/alerts', { token: supervisor.token });
      assert.equal(
        alerts.json.alerts.some((a: { id: string }) => a.id === alert.id),
        false,
      );
    } finally {
      await stream.close();
    }
  });
});
