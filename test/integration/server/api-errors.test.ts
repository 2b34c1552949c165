/**
 * Every refused request gets its stable error code and HTTP status, a body of exactly
 * { error: { code, message, details } }, and changes nothing: the event log head and the queue
 * are the same after it. Plus the OpenAPI document, /healthz and /metrics.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { ERROR_CODES, type ErrorCode } from '../../../electron/common/errors.ts';
import { MAX_BODY_BYTES } from '../../../electron/common/wire.ts';
import { DAY_MS } from '../../../electron/server/access.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { api, startTestHall, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

/** Asserts the exact error body shape and returns its parts. */
function assertErrorBody(res: ApiResponse, status: number, code: ErrorCode): { code: string; message: string; details: Record<string, unknown> } {
  assert.equal(res.status, status, `status of ${JSON.stringify(res.json)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.ok(res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json), 'a JSON object body');
  assert.deepEqual(Object.keys(res.json), ['error']);
  const error = res.json.error as Record<string, unknown>;
  assert.deepEqual(Object.keys(error).sort(), ['code', 'details', 'message']);
  assert.equal(error.code, code);
  assert.equal(ERROR_CODES[code].http, status, 'the status is the one registered for the code');
  assert.equal(typeof error.message, 'string');
  assert.ok((error.message as string).length > 0);
  assert.ok(error.details !== null && typeof error.details === 'object' && !Array.isArray(error.details), 'details is an object');
  return error as { code: string; message: string; details: Record<string, unknown> };
}

/** Sends a raw request with node:http (chunked bodies, no content-length). */
function rawRequest(
  baseUrl: string,
  options: { method: string; path: string; headers?: Record<string, string>; chunks?: readonly Buffer[] },
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(options.path, baseUrl), { method: options.method, headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null, headers });
      });
    });
    req.on('error', reject);
    for (const c of options.chunks ?? []) req.write(c);
    req.end();
  });
}

describe('API errors', () => {
  let hall: TestHall;
  let now = Date.now();
  let kiosk = '';
  let display = '';
  let officer: { token: string; session: string };

  /** The observable state that a refused request must not change. */
  async function observable(): Promise<{ seq: number; queue: unknown; counters: unknown }> {
    const health = await api(hall.url, 'GET', '/healthz');
    assert.equal(health.status, 200);
    const snap = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: display });
    assert.equal(snap.status, 200);
    assert.equal(snap.json.seq, health.json.seq);
    return { seq: health.json.seq as number, queue: snap.json.queue, counters: snap.json.counters };
  }

  /** Runs the request, checks the error, and checks that nothing changed. */
  async function refused(
    send: () => Promise<ApiResponse>,
    status: number,
    code: ErrorCode,
  ): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
    const before = await observable();
    const res = await send();
    const error = assertErrorBody(res, status, code);
    assert.deepEqual(await observable(), before, `${code}: nothing changed`);
    return error;
  }

  before(async () => {
    hall = await startTestHall({ clock: () => now });
    kiosk = hall.device('kiosk');
    display = hall.device('display');
    officer = await hall.officerAt('quay-1');
    // A hall with something in it: three waiting tickets and an open counter.
    for (const serviceId of ['ho-tich', 'chung-thuc', 'ho-tich']) {
      const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } });
      assert.equal(r.status, 201);
    }
    const opened = await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { token: officer.token, session: officer.session });
    assert.equal(opened.status, 200);
    const state = await observable();
    assert.equal(state.seq, 4);
    assert.equal((state.queue as unknown[]).length, 3);
  });
  after(() => hall.close());

  test('malformed JSON → 400 INVALID_JSON', async () => {
    const e = await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, rawBody: '{"serviceId": "ho-tich",' }), 400, 'INVALID_JSON');
    assert.equal(typeof e.details.reason, 'string');
  });

  test('wrong content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const e = await refused(
      () => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, rawBody: '{"serviceId":"ho-tich"}', contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    assert.equal(e.details.contentType, 'text/plain');
    await refused(
      () => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, rawBody: 'serviceId=ho-tich', contentType: 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  test('unknown service → 404 UNKNOWN_SERVICE', async () => {
    const e = await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'khong-co' } }), 404, 'UNKNOWN_SERVICE');
    assert.equal(e.details.serviceId, 'khong-co');
  });

  test('unknown field in the body → 400 VALIDATION_FAILED naming the field', async () => {
    const e = await refused(
      () => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', hoTen: 'Nguyễn Văn A' } }),
      400,
      'VALIDATION_FAILED',
    );
    const issues = e.details.issues as { path: string; message: string; code: string }[];
    assert.ok(Array.isArray(issues) && issues.length > 0);
    assert.ok(
      issues.some((i) => i.code === 'unrecognized_keys' && i.message.includes('hoTen')),
      JSON.stringify(issues),
    );
  });

  test('an 11-digit idNumber → 400 VALIDATION_FAILED with a message naming the field', async () => {
    const e = await refused(
      () => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', idNumber: '00120300456', consent: IDENTIFY_CONSENT } }),
      400,
      'VALIDATION_FAILED',
    );
    const issues = e.details.issues as { path: string; message: string }[];
    assert.deepEqual(
      issues.map((i) => i.path),
      ['idNumber'],
    );
    assert.match(issues[0]?.message ?? '', /ID number has exactly 12 digits/);
    assert.doesNotMatch(JSON.stringify(e), /00120300456/, 'the ID number is not echoed back');
  });

  test('a display token on POST /api/v1/tickets → 403 FORBIDDEN', async () => {
    const e = await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { token: display, body: { serviceId: 'ho-tich' } }), 403, 'FORBIDDEN');
    assert.equal(e.details.role, 'display');
  });

  test('the wrong role learns nothing about validation: 403 comes before 400', async () => {
    await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { token: display, body: { nonsense: true } }), 403, 'FORBIDDEN');
  });

  test('no token → 401 UNAUTHENTICATED; an unknown token too', async () => {
    await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { body: { serviceId: 'ho-tich' } }), 401, 'UNAUTHENTICATED');
    await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { token: 'dev_not-a-real-token', body: { serviceId: 'ho-tich' } }), 401, 'UNAUTHENTICATED');
    await refused(() => api(hall.url, 'GET', '/api/v1/hall/snapshot'), 401, 'UNAUTHENTICATED');
  });

  test('an expired device token → 401 TOKEN_EXPIRED', async () => {
    const shortLived = hall.device('kiosk', null, 1);
    const ok = await api(hall.url, 'GET', '/api/v1/hall/config', { token: shortLived });
    assert.equal(ok.status, 200);
    const start = now;
    try {
      now = start + 2 * DAY_MS;
      const res = await api(hall.url, 'POST', '/api/v1/tickets', { token: shortLived, body: { serviceId: 'ho-tich' } });
      const e = assertErrorBody(res, 401, 'TOKEN_EXPIRED');
      assert.equal(e.details.expiredAt, start + DAY_MS);
    } finally {
      now = start;
    }
    const health = await api(hall.url, 'GET', '/healthz');
    assert.equal(health.json.seq, 4, 'nothing was issued');
  });

  test('a staff call without a session → 401; on a counter the device is not bound to → 403 DEVICE_NOT_BOUND', async () => {
    await refused(() => api(hall.url, 'POST', '/api/v1/counters/quay-1/call-next', { token: officer.token }), 401, 'UNAUTHENTICATED');
    const e = await refused(
      () => api(hall.url, 'POST', '/api/v1/counters/quay-2/call-next', { token: officer.token, session: officer.session }),
      403,
      'DEVICE_NOT_BOUND',
    );
    assert.equal(e.details.counterId, 'quay-2');
  });

  test('a body over 16 KiB → 413 PAYLOAD_TOO_LARGE (declared length)', async () => {
    const big = JSON.stringify({ serviceId: 'ho-tich', padding: 'x'.repeat(MAX_BODY_BYTES) });
    assert.ok(Buffer.byteLength(big) > MAX_BODY_BYTES);
    const e = await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, rawBody: big }), 413, 'PAYLOAD_TOO_LARGE');
    assert.equal(e.details.limitBytes, MAX_BODY_BYTES);
  });

  test('a body over 16 KiB → 413 PAYLOAD_TOO_LARGE (chunked, no declared length)', async () => {
    const chunk = Buffer.alloc(4096, 0x20);
    await refused(
      () =>
        rawRequest(hall.url, {
          method: 'POST',
          path: '/api/v1/tickets',
          headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' },
          chunks: [Buffer.from('{"serviceId":"ho-tich"'), ...Array.from({ length: 5 }, () => chunk), Buffer.from('}')],
        }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    // A body of exactly the limit is read and judged on its content.
    const exact = Buffer.alloc(MAX_BODY_BYTES, 0x20);
    exact.write('{"serviceId":"khong-co"}');
    await refused(() => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, rawBody: exact.toString() }), 404, 'UNKNOWN_SERVICE');
  });

  test('unknown route → 404 NOT_FOUND', async () => {
    const e = await refused(() => api(hall.url, 'GET', '/api/v1/no-such-thing', { token: kiosk }), 404, 'NOT_FOUND');
    assert.equal(e.details.path, '/api/v1/no-such-thing');
    await refused(() => api(hall.url, 'POST', '/api/v2/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } }), 404, 'NOT_FOUND');
    await refused(() => api(hall.url, 'GET', '/no-such-page'), 404, 'NOT_FOUND');
  });

  test('a path parameter that is not valid percent-encoding → 404 NOT_FOUND, not a server error', async () => {
    await refused(() => api(hall.url, 'GET', '/api/v1/tickets/%E0%A4%A'), 404, 'NOT_FOUND');
    await refused(() => api(hall.url, 'POST', '/api/v1/counters/%ZZ/call-next', { token: officer.token, session: officer.session }), 404, 'NOT_FOUND');
  });

  test('an unknown ticket → 404 UNKNOWN_TICKET', async () => {
    await refused(() => api(hall.url, 'GET', `/api/v1/tickets/${randomUUID()}`, { token: kiosk }), 404, 'UNKNOWN_TICKET');
  });

  test('wrong method → 405 METHOD_NOT_ALLOWED', async () => {
    const e = await refused(() => api(hall.url, 'GET', '/api/v1/tickets', { token: kiosk }), 405, 'METHOD_NOT_ALLOWED');
    assert.equal(e.details.method, 'GET');
    await refused(
      () => api(hall.url, 'DELETE', '/api/v1/counters/quay-1/call-next', { token: officer.token, session: officer.session }),
      405,
      'METHOD_NOT_ALLOWED',
    );
  });

  test('a pairing code works once; the second use → 401 INVALID_PAIRING_CODE', async () => {
    const code = hall.server.access.createPairing({ id: randomUUID(), role: 'display', name: 'Màn hình tầng 2', counterId: null, validMinutes: 10 });
    const first = await api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code } });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.match(first.json.token, /^dev_/);
    await refused(() => api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code } }), 401, 'INVALID_PAIRING_CODE');
    await refused(() => api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code: code.replace('-', '') } }), 401, 'INVALID_PAIRING_CODE');
    await refused(() => api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code: 'abcd-efgh' } }), 400, 'VALIDATION_FAILED');
  });

  test('wrong PIN or unknown user → 401 INVALID_CREDENTIALS', async () => {
    const store = new AccessStore(hall.server.db);
    store.addStaff({
      id: randomUUID(),
      username: 'hoa.tt',
      displayName: 'Trần Thị Hoa',
      role: 'officer',
      pinHash: hashPin('135790'),
      counterIds: ['quay-2'],
      now,
    });
    const counter2 = hall.device('counter', 'quay-2');
    await refused(
      () => api(hall.url, 'POST', '/api/v1/sessions', { token: counter2, body: { username: 'hoa.tt', pin: '000000' } }),
      401,
      'INVALID_CREDENTIALS',
    );
    await refused(
      () => api(hall.url, 'POST', '/api/v1/sessions', { token: counter2, body: { username: 'nobody', pin: '135790' } }),
      401,
      'INVALID_CREDENTIALS',
    );
    const ok = await api(hall.url, 'POST', '/api/v1/sessions', { token: counter2, body: { username: 'hoa.tt', pin: '135790' } });
    assert.equal(ok.status, 201);
  });

  test('a refused counter operation → its domain code (409), nothing changed', async () => {
    await refused(() => api(hall.url, 'POST', '/api/v1/counters/quay-1/start', { token: officer.token, session: officer.session }), 409, 'NO_CURRENT_TICKET');
    await refused(
      () => api(hall.url, 'POST', '/api/v1/counters/quay-1/call', { token: officer.token, session: officer.session, body: { number: 'B001' } }),
      409,
      'SERVICE_NOT_AT_COUNTER',
    );
    await refused(
      () => api(hall.url, 'POST', '/api/v1/counters/quay-1/call', { token: officer.token, session: officer.session, body: { number: 'A001', ticketId: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  test('GET /api/v1/openapi.json lists the operations', async () => {
    const res = await api(hall.url, 'GET', '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.json.openapi, '3.1.0');
    const ids = new Set<string>();
    for (const methods of Object.values(res.json.paths as Record<string, Record<string, { operationId: string }>>)) {
      for (const op of Object.values(methods)) ids.add(op.operationId);
    }
    for (const id of [
      'issueTicket',
      'callNext',
      'callTicket',
      'recall',
      'startService',
      'finishService',
      'markNoShow',
      'holdTicket',
      'transferTicket',
      'cancelTicket',
      'getHallSnapshot',
      'getTicketStatus',
    ]) {
      assert.ok(ids.has(id), `operationId ${id}`);
    }
    assert.deepEqual(
      res.json.paths['/api/v1/tickets/{ticketId}'].get.parameters.map((p: { name: string }) => p.name),
      ['ticketId'],
    );
    assert.deepEqual(res.json.components.schemas.Error.properties.error.required, ['code', 'message', 'details']);
  });

  test('/healthz is 200 and /metrics counts the requests by operation and status, and the durable commits', async () => {
    const health = await api(hall.url, 'GET', '/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.json.status, 'ok');
    assert.equal(typeof health.json.seq, 'number');
    const res = await fetch(`${hall.url}/metrics`);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /# TYPE hall_http_requests_total counter/);
    assert.match(text, /^hall_http_requests_total\{operation="issueTicket",status="201"\} 3$/m);
    assert.match(text, /^hall_http_requests_total\{operation="issueTicket",status="400"\} \d+$/m);
    assert.match(text, /^hall_http_requests_total\{operation="unmatched",status="404"\} \d+$/m);
    assert.match(text, /^hall_event_log_seq 4$/m);
    // Every command that stored events was one durable commit: the three issues at least, never more than the events.
    const commits = Number(/^hall_event_commit_seconds_count (\d+)$/m.exec(text)?.[1]);
    assert.ok(commits >= 3 && commits <= 4, `${commits} durable commits`);
    assert.match(text, new RegExp(`^hall_event_commit_seconds_bucket\\{le="\\+Inf"\\} ${commits}$`, 'm'));
  });

  test('a ticket’s status by its id is for enrolled terminals only: it names the priority class (phones use the ticket page)', async () => {
    const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', priority: 'pregnant' } });
    assert.equal(issued.status, 201);
    await refused(() => api(hall.url, 'GET', `/api/v1/tickets/${issued.json.ticket.id}`), 401, 'UNAUTHENTICATED');
    const seen = await api(hall.url, 'GET', `/api/v1/tickets/${issued.json.ticket.id}`, { token: kiosk });
    assert.equal(seen.json.priority, 'pregnant');
  });
});
