/**
 * getTodayTimeline over HTTP on the hall's injected clock: before any ticket the day's chart starts
 * at the first working period (07:30 on a Monday of the demo hall), then at the first ticket; its
 * last point is now, people waiting rise
 * as tickets are issued and fall as they are called, and the call's wait lands in its quarter hour.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSite } from '../../../kiosk-config/load-site.ts';
import { api, DEMO_SITE, startTestHall, type TestHall } from '../../support/hall-server.ts';

const MINUTE = 60_000;
/** Monday 2026-03-09 09:00 in Hanoi. */
const T0 = Date.parse('2026-03-09T02:00:00Z');

interface Timeline {
  businessDate: string;
  at: number;
  waitTargetMinutes: number;
  stepMinutes: number;
  times: number[];
  services: { serviceId: string; waiting: number[]; waitMeanMin: (number | null)[] }[];
}

describe('getTodayTimeline', () => {
  let now = T0;
  let hall: TestHall;
  let dashboard: string;
  before(async () => {
    hall = await startTestHall({ config: loadSite(DEMO_SITE), clock: () => now, live: { idleCheckMs: 60_000 } });
    dashboard = hall.device('dashboard');
  });
  after(() => hall.close());

  const timeline = async (): Promise<Timeline> => {
    const r = await api<Timeline>(hall.url, 'GET', '/api/v1/kpis/today/timeline', { token: dashboard });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json;
  };
  const service = (t: Timeline, id: string) => t.services.find((s) => s.serviceId === id);

  test("waiting rises with issues and falls with calls; a call's wait lands in its quarter hour", async () => {
    const kiosk = hall.device('kiosk');
    assert.equal((await api(hall.url, 'GET', '/api/v1/kpis/today/timeline', { token: kiosk })).status, 403);

    let t = await timeline();
    assert.equal(t.businessDate, '2026-03-09');
    assert.equal(t.times[0], Date.parse('2026-03-09T00:30:00Z'), 'starts at the first period, 07:30');
    assert.equal(t.times.at(-1), T0);
    assert.equal(t.waitTargetMinutes, 15);
    assert.deepEqual(
      t.services.map((s) => s.serviceId),
      hall.config.services.map((s) => s.id),
    );

    for (const serviceId of ['dat-dai', 'dat-dai', 'ho-tich']) {
      assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } })).status, 201);
    }
    now = T0 + 16 * MINUTE;
    t = await timeline();
    assert.deepEqual(t.times, [T0, T0 + 15 * MINUTE, now], 'from the first ticket, 09:00');
    assert.deepEqual(service(t, 'dat-dai')?.waiting.slice(-2), [2, 2]);
    assert.deepEqual(service(t, 'ho-tich')?.waiting.slice(-2), [1, 1]);

    const officer = await hall.officerAt('quay-3');
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-3/open', { token: officer.token, session: officer.session, body: {} })).status, 200);
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-3/call-next', { token: officer.token, session: officer.session, body: {} })).status, 200);
    now += MINUTE;
    t = await timeline();
    const datDai = service(t, 'dat-dai');
    assert.deepEqual(datDai?.waiting.slice(-3), [2, 2, 1], 'one called at 09:16: one left waiting at 09:17');
    assert.deepEqual(datDai?.waitMeanMin.slice(-3), [null, null, 16]);
    assert.ok(t.services.every((s) => s.waiting.length === t.times.length && s.waitMeanMin.length === t.times.length));
  });
});
