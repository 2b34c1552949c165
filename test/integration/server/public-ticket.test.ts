/**
 * The public ticket page's routes against the real server (issue 16, "The ticket's QR"): the
 * token on the QR is not the ticket id and opens only that ticket's page; the page's data carries
 * nothing personal and no id; an unknown token is 404 and a ticket id is no token; the routes are
 * read-only; the live stream follows the call and ends with the business day; a guessing loop
 * from one address is refused by the rate limit (bounded in requests and wall time), whatever
 * X-Forwarded-For it claims.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TICKET_TOKEN } from '../../../electron/common/ticket-link.ts';
import { publicTicketView } from '../../../electron/common/public-ticket-wire.ts';
import { api, openDemoHall, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { EventStreamClient } from '../../support/event-stream-client.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

const BASE = 'https://xephang.hoabinh.example.gov.vn';
/** Monday 23/11/2026 09:00 in Asia/Ho_Chi_Minh. */
const T0 = Date.parse('2026-11-23T02:00:00Z');
/** Midnight at the end of that business day, in the hall's time zone. */
const MIDNIGHT = Date.parse('2026-11-23T17:00:00Z');
const ID_NUMBER = '001203004567';
const VIEW_KEYS = Object.keys(publicTicketView.shape).sort();

const tokenOf = (statusPath: string): string => statusPath.replace(/^\/t\//, '');

describe('public ticket page routes', () => {
  let hall: TestHall;
  let now = T0;
  let kiosk: string;
  let officer: { token: string; session: string };

  const issue = async (body: Record<string, unknown> = {}) => {
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', ...body } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json;
  };
  const page = (token: string) => api(hall.url, 'GET', `/api/v1/public/tickets/${token}`);

  before(async () => {
    const config = { ...openDemoHall(), publicBaseUrl: BASE, publicTicketPage: { requestsPerMinute: 1_200, trustedProxies: [] } };
    hall = await startTestHall({ config, clock: () => now });
    kiosk = hall.device('kiosk');
    officer = await hall.officerAt('quay-1');
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { ...officer, body: {} })).status, 200);
  });
  after(() => hall.close());

  test('the QR carries an unguessable token under publicBaseUrl, never the ticket id', async () => {
    const a = await issue();
    const b = await issue();
    for (const issued of [a, b]) {
      const token = tokenOf(issued.statusPath);
      assert.match(token, TICKET_TOKEN);
      assert.ok(!token.includes(issued.ticket.id) && !issued.ticket.id.includes(token));
      assert.deepEqual(issued.qr, { text: `${BASE}/t/${token}`, opensPage: true });
    }
    assert.notEqual(a.statusPath, b.statusPath);
  });

  test('the page shows number, service, people ahead and wait; nothing personal and no id', async () => {
    const first = await issue();
    const ahead = (await page(tokenOf(first.statusPath))).json.peopleAhead as number;
    const mine = await issue({ priority: 'pregnant', idNumber: ID_NUMBER, consent: IDENTIFY_CONSENT });
    const r = await page(tokenOf(mine.statusPath));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(Object.keys(r.json).sort(), VIEW_KEYS);
    assert.equal(r.json.number, mine.ticket.number);
    assert.deepEqual(r.json.service, { vi: 'Hộ tịch', en: hall.config.services.find((s) => s.id === 'ho-tich')?.name.en });
    assert.equal(r.json.state, 'waiting');
    // A pregnant citizen's ticket goes before the normal ones waiting: the estimate the kiosk gave.
    assert.equal(r.json.peopleAhead, mine.estimate.peopleAhead);
    assert.ok(r.json.peopleAhead <= ahead + 1);
    assert.equal(r.json.estimatedWaitMinutes, mine.estimate.estimatedWaitMinutes);
    assert.equal(r.json.counterNumber, null);
    assert.equal(r.json.businessDate, '23/11/2026');
    assert.equal(r.json.expiresAt, MIDNIGHT);
    assert.equal(r.json.live, true);
    const text = JSON.stringify(r.json);
    for (const secret of [mine.ticket.id, ID_NUMBER, 'pregnant', 'priority', 'personHash', 'deviceId', kiosk]) assert.ok(!text.includes(secret), secret);
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  test('an unknown token is 404 like any other; a ticket id or a malformed token is no token', async () => {
    const issued = await issue();
    const unknown = await page(randomBytes(16).toString('base64url'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'UNKNOWN_TICKET');
    assert.deepEqual(unknown.json.error.details, {});
    // One character changed: as unknown as a random one.
    const token = tokenOf(issued.statusPath);
    const near = (await page(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).json;
    assert.deepEqual(near, unknown.json);
    for (const bad of [issued.ticket.id, 'x', `${token}A`]) {
      const r = await page(encodeURIComponent(bad));
      assert.equal(r.status, 400, bad);
      assert.equal(r.json.error.code, 'VALIDATION_FAILED');
    }
    const events = await api(hall.url, 'GET', `/api/v1/public/tickets/${randomBytes(16).toString('base64url')}/events`);
    assert.equal(events.status, 404);
  });

  test('read-only: every other method is refused and nothing changes', async () => {
    const issued = await issue();
    const token = tokenOf(issued.statusPath);
    const seq = hall.server.hall.lastSeq;
    for (const method of ['POST', 'PUT', 'DELETE']) {
      for (const path of [`/api/v1/public/tickets/${token}`, `/api/v1/public/tickets/${token}/events`]) {
        const r = await api(hall.url, method, path, { body: { state: 'done' } });
        assert.equal(r.status, 405, `${method} ${path}`);
        assert.equal(r.json.error.code, 'METHOD_NOT_ALLOWED');
      }
    }
    assert.equal(hall.server.hall.lastSeq, seq);
    assert.equal((await page(token)).json.state, 'waiting');
  });

  test('the live stream sends the view, then the call with the counter, without asking again', async () => {
    // The counter calls in order: everyone issued so far is called before this ticket.
    const mine = await issue();
    const stream = await EventStreamClient.open(`${hall.url}/api/v1/public/tickets/${tokenOf(mine.statusPath)}/events`);
    try {
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
      const first = await stream.next();
      assert.equal(first.data.state, 'waiting');
      assert.deepEqual(Object.keys(first.data).sort(), VIEW_KEYS);
      let ahead = first.data.peopleAhead as number;
      let seen = first.data;
      for (let guard = 0; seen.state === 'waiting' && guard < 50; guard++) {
        const call = await api(hall.url, 'POST', '/api/v1/counters/quay-1/call-next', { ...officer, body: {} });
        assert.equal(call.status, 200, JSON.stringify(call.json));
        const calledNumber = call.json.ticket.number as string;
        const next = await stream.next();
        seen = next.data;
        if (calledNumber === mine.ticket.number) break;
        assert.equal(seen.peopleAhead, ahead - 1, 'one fewer ahead after each call');
        ahead = seen.peopleAhead;
        assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/no-show', { ...officer, body: {} })).status, 200);
      }
      assert.equal(seen.state, 'called');
      assert.equal(seen.counterNumber, 1);
      assert.equal(seen.callCount, 1);
      assert.equal(seen.number, mine.ticket.number);
      assert.ok(!JSON.stringify(stream.messages).includes(mine.ticket.id));

      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/recall', { ...officer, body: {} })).status, 200);
      assert.equal((await stream.next()).data.callCount, 2);
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/start', { ...officer, body: {} })).status, 200);
      assert.equal((await stream.next()).data.state, 'serving');
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/finish', { ...officer, body: { outcome: 'guidance_only' } })).status, 200);
      const done = (await stream.next()).data;
      assert.equal(done.state, 'done');
      assert.equal(done.live, false);
      await stream.ended; // a final ticket's stream ends
    } finally {
      stream.close();
    }
  });

  test('the page expires at the end of the business day: the stream says so and ends', async () => {
    const mine = await issue();
    const token = tokenOf(mine.statusPath);
    const stream = await EventStreamClient.open(`${hall.url}/api/v1/public/tickets/${token}/events`);
    try {
      assert.equal((await stream.next()).data.state, 'waiting');
      now = MIDNIGHT + 1_000;
      hall.server.hall.closeDayIfDue(); // the hall's own closing: the open tickets end with the day
      const last = (await stream.next()).data;
      assert.equal(last.state, 'expired');
      assert.equal(last.live, false);
      assert.equal(last.peopleAhead, null);
      assert.equal(last.counterNumber, null);
      await stream.ended;
      const later = await page(token);
      assert.equal(later.status, 200);
      assert.equal(later.json.state, 'expired');
    } finally {
      stream.close();
    }
  });

  test("the OpenAPI document publishes both routes as public, with the view's schema", async () => {
    const doc = (await api(hall.url, 'GET', '/api/v1/openapi.json')).json;
    const get = doc.paths['/api/v1/public/tickets/{token}'].get;
    assert.equal(get.operationId, 'getPublicTicket');
    assert.deepEqual(get.security, []);
    const schema = get.responses['200'].content['application/json'].schema;
    const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').at(-1)] : schema;
    assert.deepEqual(Object.keys(resolved.properties).sort(), VIEW_KEYS);
    assert.equal(doc.paths['/api/v1/public/tickets/{token}/events'].get.operationId, 'streamPublicTicket');
  });
});

describe('public ticket page rate limit', () => {
  const LIMIT = 12;
  const MAX_REQUESTS = 200;
  const MAX_WALL_MS = 20_000;
  let hall: TestHall;

  before(async () => {
    hall = await startTestHall({ config: { ...openDemoHall(), publicTicketPage: { requestsPerMinute: LIMIT, trustedProxies: [] } } });
  });
  after(() => hall.close());

  test('a guessing loop from one address is refused after the limit, whatever X-Forwarded-For it sends', async () => {
    const kiosk = hall.device('kiosk');
    const issued = (await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).json;
    // Without publicBaseUrl the QR carries only the ticket code.
    assert.deepEqual(issued.qr, { text: `VE:${tokenOf(issued.statusPath)}`, opensPage: false });
    const answers: number[] = [];
    const started = Date.now();
    for (let i = 0; i < MAX_REQUESTS && Date.now() - started < MAX_WALL_MS; i++) {
      const r = await fetch(`${hall.url}/api/v1/public/tickets/${randomBytes(16).toString('base64url')}`, {
        headers: { 'x-forwarded-for': `203.0.113.${i % 250}` },
      });
      answers.push(r.status);
      if (r.status === 429) {
        const body = (await r.json()) as { error: { code: string; details: { retryAfterMs: number } } };
        assert.equal(body.error.code, 'TOO_MANY_ATTEMPTS');
        assert.ok(body.error.details.retryAfterMs > 0 && body.error.details.retryAfterMs <= 60_000);
        assert.ok(Number(r.headers.get('retry-after')) > 0);
        break;
      }
      await r.arrayBuffer();
    }
    assert.equal(answers.filter((s) => s === 404).length, LIMIT, 'exactly the budget was looked up');
    assert.equal(answers.at(-1), 429);
    // The budget is the address's, not the token's: the real ticket's page waits too, and so does its stream.
    assert.equal((await api(hall.url, 'GET', `/api/v1/public/tickets/${tokenOf(issued.statusPath)}`)).status, 429);
    assert.equal((await api(hall.url, 'GET', `/api/v1/public/tickets/${tokenOf(issued.statusPath)}/events`)).status, 429);
    // Terminals are not limited by it.
    assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'chung-thuc' } })).status, 201);
  });
});
