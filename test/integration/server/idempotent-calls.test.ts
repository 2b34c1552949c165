/**
 * Idempotency-Key on state-changing calls against the real hall server: a ticket request whose
 * connection drops after the hall committed it is retried with the same key and gets the same
 * ticket (one ticket in the hall); a key reused for another request is refused; a refused request
 * is judged afresh on retry; keys are per device; a counter action is not repeated by its retry;
 * the kept answers are sealed under the hall data key (a session token is never stored in clear).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

/** Sends a POST and destroys the connection as soon as the hall commits its events (before any answer). */
function postAndDropAfterCommit(hall: TestHall, path: string, token: string, key: string, body: unknown): Promise<'dropped' | 'answered'> {
  return new Promise((resolve) => {
    const text = JSON.stringify(body);
    const req = request(`${hall.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'idempotency-key': key },
    });
    const stop = hall.server.hall.onEvents(() => {
      stop();
      req.destroy();
    });
    req.on('response', () => resolve('answered'));
    req.on('error', () => resolve('dropped'));
    req.end(text);
  });
}

const withKey = async (hall: TestHall, method: string, path: string, token: string, key: string, body: unknown, session?: string) => {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key };
  if (session) headers['x-staff-session'] = session;
  const res = await fetch(`${hall.url}${path}`, { method, headers, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any, replayed: res.headers.get('idempotent-replayed') };
};

describe('idempotent state-changing calls', () => {
  let hall: TestHall;
  let kiosk: string;
  const issuedCount = (): number => hall.server.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get() as number;

  before(async () => {
    hall = await startTestHall();
    kiosk = hall.device('kiosk');
  });
  after(() => hall.close());

  test('the connection drops after the hall committed: the retry with the same key returns the same ticket, and the hall holds one', async () => {
    const key = '0f6c3a52-9d1e-4c55-8a7b-3e2d1c0b9a87';
    const before = issuedCount();
    assert.equal(await postAndDropAfterCommit(hall, '/api/v1/tickets', kiosk, key, { serviceId: 'ho-tich' }), 'dropped');
    assert.equal(issuedCount(), before + 1, 'the first copy was committed');
    const retry = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, key, { serviceId: 'ho-tich' });
    assert.equal(retry.status, 201);
    assert.equal(retry.replayed, 'true');
    assert.equal(issuedCount(), before + 1, 'the retry issued nothing');
    const snapshot = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk });
    const waiting = snapshot.json.queue.filter((t: { serviceId: string }) => t.serviceId === 'ho-tich');
    assert.deepEqual(
      waiting.map((t: { id: string }) => t.id),
      [retry.json.ticket.id],
    );
    // And a third copy still gets the same answer.
    const again = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, key, { serviceId: 'ho-tich' });
    assert.deepEqual(again.json, retry.json);
  });

  test('a kept answer is stored sealed: a staff session token is not in the database in clear, and the retry still answers it', async () => {
    const officer = await hall.officerAt('quay-1');
    const username = hall.server.db.prepare('SELECT username FROM staff ORDER BY rowid DESC LIMIT 1').pluck().get() as string;
    const login = { username, pin: '123456' };
    const first = await withKey(hall, 'POST', '/api/v1/sessions', officer.token, 'login-sealed-0001', login);
    assert.equal(first.status, 201, JSON.stringify(first.json));
    const again = await withKey(hall, 'POST', '/api/v1/sessions', officer.token, 'login-sealed-0001', login);
    assert.equal(again.replayed, 'true');
    assert.equal(again.json.sessionToken, first.json.sessionToken);
    const kept = hall.server.db.prepare('SELECT body FROM idempotency_keys').pluck().all() as string[];
    assert.ok(kept.length > 0 && kept.every((b) => b.startsWith('sealed1:')), 'every kept answer is sealed');
    assert.ok(!kept.some((b) => b.includes(first.json.sessionToken)), 'the session token is not in clear');
    // Nor can the PIN be found again by hashing every candidate against the kept fingerprint: it is keyed.
    const print = hall.server.db.prepare("SELECT fingerprint FROM idempotency_keys WHERE key = 'login-sealed-0001'").pluck().get() as string;
    const plain = createHash('sha256').update('POST /api/v1/sessions\n').update(JSON.stringify(login)).digest('hex');
    assert.match(print, /^[0-9a-f]{64}$/);
    assert.notEqual(print, plain);
  });

  test('without a key, or with a new key, every request is a new ticket', async () => {
    const before = issuedCount();
    const a = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'chung-thuc' } });
    const b = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, 'key-number-two-0001', { serviceId: 'chung-thuc' });
    const c = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, 'key-number-two-0002', { serviceId: 'chung-thuc' });
    assert.equal(new Set([a.json.ticket.id, b.json.ticket.id, c.json.ticket.id]).size, 3);
    assert.equal(issuedCount(), before + 3);
  });

  test('a key reused for a different request is refused and issues nothing', async () => {
    await withKey(hall, 'POST', '/api/v1/tickets', kiosk, 'key-reused-000001', { serviceId: 'dat-dai' });
    const before = issuedCount();
    const other = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, 'key-reused-000001', { serviceId: 'xay-dung' });
    assert.equal(other.status, 422);
    assert.equal(other.json.error.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(issuedCount(), before);
  });

  test('a malformed key is refused with the header named', async () => {
    const res = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, 'short', { serviceId: 'dat-dai' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.details.header, 'Idempotency-Key');
  });

  test('a refused request keeps no answer: its retry is judged afresh', async () => {
    const key = 'key-refused-then-ok';
    const refused = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, key, { serviceId: 'no-such-service' });
    assert.equal(refused.status, 404);
    const again = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, key, { serviceId: 'no-such-service' });
    assert.equal(again.status, 404);
    assert.equal(again.replayed, null);
  });

  test('keys belong to the device that sent them', async () => {
    const other = hall.device('kiosk');
    const key = 'key-shared-by-two-kiosks';
    const a = await withKey(hall, 'POST', '/api/v1/tickets', kiosk, key, { serviceId: 'ho-tich' });
    const b = await withKey(hall, 'POST', '/api/v1/tickets', other, key, { serviceId: 'ho-tich' });
    assert.equal(b.status, 201);
    assert.notEqual(a.json.ticket.id, b.json.ticket.id);
  });

  test('a counter’s call-next retried with its key calls one citizen, not two', async () => {
    const officer = await hall.officerAt('quay-2');
    assert.equal((await withKey(hall, 'POST', '/api/v1/counters/quay-2/open', officer.token, 'open-quay-2-once', {}, officer.session)).status, 200);
    const key = 'call-next-quay-2-first';
    const first = await withKey(hall, 'POST', '/api/v1/counters/quay-2/call-next', officer.token, key, {}, officer.session);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const retry = await withKey(hall, 'POST', '/api/v1/counters/quay-2/call-next', officer.token, key, {}, officer.session);
    assert.deepEqual(retry.json, first.json);
    const called = hall.server.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.called' AND counter_id = 'quay-2'").pluck().get();
    assert.equal(called, 1);
  });
});
