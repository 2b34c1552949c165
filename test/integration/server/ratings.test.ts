/**
 * The rating API end to end: a rating device bound to the counter rates within the window opened by
 * the finish (201), the 409 codes, who may not rate, the snapshot's ratingWindow, the stream's
 * redaction for counter and kiosk clients, the restart that keeps the window, and the KPIs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, startTestHall, tempDir, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

const SECOND = 1000;
/** 08:00 in Hanoi, Monday 2026-03-02. */
const T0 = Date.parse('2026-03-02T01:00:00Z');

describe('rating API', () => {
  let now = T0;
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let officer: { token: string; session: string };
  let kiosk: string;
  let rater: string;

  const ok = (res: ApiResponse, status = 200): void => assert.equal(res.status, status, JSON.stringify(res.json));
  const op = async (action: string, body?: unknown): Promise<ApiResponse> => {
    const r = await api(hall.url, 'POST', `/api/v1/counters/quay-1/${action}`, { token: officer.token, session: officer.session, body });
    ok(r);
    return r;
  };
  const rate = (body: unknown, token = rater, counter = 'quay-1'): Promise<ApiResponse> =>
    api(hall.url, 'POST', `/api/v1/counters/${counter}/ratings`, { token, body });
  /** Issues, calls, starts and finishes one ho-tich ticket at quay-1; returns its id. */
  const serveOne = async (): Promise<string> => {
    const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
    ok(issued, 201);
    await op('call-next');
    await op('start');
    now += 60 * SECOND;
    await op('finish', { outcome: 'received_dossier' });
    return issued.json.ticket.id as string;
  };

  before(async () => {
    tmp = tempDir('hall-ratings-');
    hall = await startTestHall({ clock: () => now, dbPath: join(tmp.dir, 'hall.db') });
    officer = await hall.officerAt('quay-1');
    kiosk = hall.device('kiosk');
    rater = hall.device('rating', 'quay-1');
    await op('open');
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  test('no window before any finish: 409 rating_window_closed', async () => {
    const r = await rate({ level: 'satisfied' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'rating_window_closed');
  });

  test('rated within the window: 201, snapshot window, redacted for counter and kiosk, whole for the dashboard', async () => {
    const dashboard = hall.device('dashboard');
    const ticketId = await serveOne();
    const snap = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: dashboard });
    ok(snap);
    const quay1 = snap.json.counters.find((c: { id: string }) => c.id === 'quay-1');
    assert.deepEqual(quay1.ratingWindow, { ticketId, closesAt: now + 30 * SECOND });

    const streams = {
      counter: await StreamClient.connect(hall.url, { token: officer.token }),
      kiosk: await StreamClient.connect(hall.url, { token: kiosk }),
      dashboard: await StreamClient.connect(hall.url, { token: dashboard }),
      rating: await StreamClient.connect(hall.url, { token: rater }),
    };
    for (const s of Object.values(streams)) await s.waitFor((m) => m.type === 'snapshot');
    now += 30 * SECOND; // the last moment of the window
    const r = await rate({ level: 'dissatisfied', reason: 'Chờ quá lâu' });
    ok(r, 201);
    assert.deepEqual(r.json, { ticketId, level: 'dissatisfied' });
    const rated = (s: StreamClient) => s.waitForEvent((e) => e.type === 'ticket.rated', 5000, 'ticket.rated');
    assert.deepEqual((await rated(streams.counter)).data, { number: 'A001', counterId: 'quay-1' });
    assert.deepEqual((await rated(streams.kiosk)).data, { number: 'A001', counterId: 'quay-1' });
    assert.deepEqual((await rated(streams.dashboard)).data, { number: 'A001', counterId: 'quay-1', level: 'dissatisfied', reason: 'Chờ quá lâu' });
    assert.deepEqual((await rated(streams.rating)).data, { number: 'A001', counterId: 'quay-1', level: 'dissatisfied', reason: 'Chờ quá lâu' });
    for (const s of Object.values(streams)) await s.close();

    const again = await rate({ level: 'satisfied' });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'already_rated');
  });

  test('a replayed gap is redacted for a counter client too', async () => {
    const counter = await StreamClient.connect(hall.url, { token: officer.token, lastSeq: 0 });
    const e = await counter.waitForEvent((x) => x.type === 'ticket.rated');
    assert.deepEqual(e.data, { number: 'A001', counterId: 'quay-1' });
    await counter.close();
  });

  test('after the window: rating_window_closed; the snapshot shows no window', async () => {
    await serveOne();
    now += 30 * SECOND + 1;
    const r = await rate({ level: 'satisfied' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'rating_window_closed');
    const snap = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: hall.device('display') });
    assert.equal(snap.json.counters.find((c: { id: string }) => c.id === 'quay-1').ratingWindow, null);
  });

  test('a keypad press that reaches the hall after the window closed counts when it was pressed inside it', async () => {
    const ticketId = await serveOne();
    now += 55 * SECOND; // the window closed 25 s ago
    const outside = await rate({ level: 'satisfied', pressedMsAgo: 20 * SECOND });
    assert.deepEqual([outside.status, outside.json.error?.code], [409, 'rating_window_closed'], 'pressed 5 s after the window');
    const tooOld = await rate({ level: 'satisfied', pressedMsAgo: 90 * SECOND + 1 });
    assert.deepEqual([tooOld.status, tooOld.json.error?.code], [400, 'VALIDATION_FAILED'], 'older than any retry');
    const late = await rate({ level: 'satisfied', pressedMsAgo: 30 * SECOND });
    assert.equal(late.status, 201, JSON.stringify(late.json));
    assert.equal(late.json.ticketId, ticketId);
    const logged = hall.server.db.prepare("SELECT at, data FROM events WHERE type = 'ticket.rated' ORDER BY seq DESC LIMIT 1").get() as {
      at: number;
      data: string;
    };
    assert.deepEqual([logged.at, JSON.parse(logged.data).pressedAt], [now, now - 30 * SECOND], 'the event keeps the arrival and the press');
  });

  test('who may not rate: the officer, a rating device of another counter, an unbound device role', async () => {
    await serveOne();
    const asOfficer = await api(hall.url, 'POST', '/api/v1/counters/quay-1/ratings', {
      token: officer.token,
      session: officer.session,
      body: { level: 'very_satisfied' },
    });
    assert.equal(asOfficer.status, 403);
    assert.equal((await rate({ level: 'very_satisfied' }, hall.device('rating', 'quay-2'))).json.error.code, 'DEVICE_NOT_BOUND');
    assert.equal((await rate({ level: 'very_satisfied' }, hall.device('dashboard'))).status, 403);
  });

  test('bad bodies: a reason with satisfied, a reason over 200 characters, a 5-level choice in a 3-level hall', async () => {
    for (const body of [{ level: 'satisfied', reason: 'ok' }, { level: 'dissatisfied', reason: 'x'.repeat(201) }, { level: 'neutral' }, { level: 'great' }]) {
      const r = await rate(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.error.code, 'VALIDATION_FAILED');
    }
  });

  test('the window survives a restart; ratings feed the KPIs', async () => {
    await hall.server.close();
    hall = await startTestHall({ clock: () => now, dbPath: join(tmp.dir, 'hall.db') });
    rater = hall.device('rating', 'quay-1');
    ok(await rate({ level: 'very_satisfied' }), 201);
    const kpis = await api(hall.url, 'GET', '/api/v1/kpis?from=2026-03-02', { token: hall.device('dashboard') });
    ok(kpis);
    // One dissatisfied, one satisfied (the late keypad press), one very satisfied: 2 of 3.
    assert.equal(kpis.json.rows[0].ratings, 3);
    assert.equal(kpis.json.rows[0].satisfactionPct, 66.7);
  });
});
