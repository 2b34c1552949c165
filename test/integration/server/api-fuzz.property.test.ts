/**
 * Fuzzing the real server: arbitrary bodies and content types sent to the ticket route (kiosk) and
 * to counter routes (logged-in officer) never produce a 5xx; every non-2xx answer is a
 * well-formed error body and leaves the event log head where it was.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ERROR_CODES } from '../../../electron/common/errors.ts';
import { MAX_BODY_BYTES } from '../../../electron/common/wire.ts';
import { verifyEventChain } from '../../../electron/store/event-log.ts';
import { alwaysOpenHallConfig } from '../../support/hall-config.fixture.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

const RUNS = 150;

const PRINTABLE = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const contentTypeArb = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 3 },
  { arbitrary: fc.constant(undefined), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json-patch+json',
      'application/jsonp',
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      '*/*',
    ),
    weight: 1,
  },
  { arbitrary: fc.string({ unit: PRINTABLE, maxLength: 40 }), weight: 1 },
);

const SERVICE_IDS = ['ho-tich', 'chung-thuc', 'dat-dai', 'khong-co'];
const COUNTER_IDS = ['quay-1', 'quay-2', 'quay-3', 'quay-4', 'quay-9'];
const FIELD_NAMES = [
  'serviceId',
  'priority',
  'idNumber',
  'procedureId',
  'slotStart',
  'ticketId',
  'number',
  'outcome',
  'toServiceId',
  'toCounterId',
  'reason',
  'extra',
];
const FIELD_VALUES = fc.oneof(
  fc.constantFrom(
    ...SERVICE_IDS,
    ...COUNTER_IDS,
    'normal',
    'elderly',
    'appointment',
    'A001',
    'B002',
    'received_dossier',
    '001203004567',
    '00120300456',
    'nghỉ trưa',
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer(),
);

const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

/** Well-formed requests (which may still be refused by the hall's rules). */
const plausibleTicket = fc
  .record(
    {
      serviceId: fc.constantFrom(...SERVICE_IDS),
      priority: fc.constantFrom('normal', 'elderly', 'disabled', 'appointment'),
      idNumber: fc.constantFrom('001203004567', '079088001234'),
    },
    { requiredKeys: ['serviceId'] },
  )
  .map((b) => ('idNumber' in b ? { ...b, consent: IDENTIFY_CONSENT } : b))
  .map(json);
const plausibleCounterBody = fc
  .oneof(
    fc.constant({}),
    fc.record({ number: fc.constantFrom('A001', 'A002', 'A003', 'B001', 'C001', 'A999') }),
    fc.record({ outcome: fc.constantFrom('received_dossier', 'returned_result', 'guidance_only', 'rejected') }),
    fc.record({ toServiceId: fc.constantFrom(...SERVICE_IDS) }, { requiredKeys: [] }),
    fc.record({ toCounterId: fc.constantFrom(...COUNTER_IDS) }),
    fc.record({ reason: fc.constantFrom('nghỉ trưa', '', '   ') }),
  )
  .map(json);

/** Bodies from nonsense to almost right: raw text, random bytes, JSON of any shape, near-valid objects. */
const nonsenseArb: fc.Arbitrary<Buffer | null> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), FIELD_VALUES, { maxKeys: 4 }).map((o) => Buffer.from(JSON.stringify(o))),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v).slice(0, -1))),
  fc
    .constantFrom('{', '{}', '[]', 'null', '""', '0', 'true', '{"__proto__":{"serviceId":"ho-tich"}}', '{"serviceId":"ho-tich","serviceId":1}')
    .map((s) => Buffer.from(s)),
  fc.nat({ max: 4 }).map((n) => Buffer.from(`{"serviceId":"ho-tich","p":"${'x'.repeat(MAX_BODY_BYTES + n)}"}`)),
);

const bodyFor = (plausible: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer | null> =>
  fc.oneof({ arbitrary: nonsenseArb, weight: 3 }, { arbitrary: plausible, weight: 2 });

interface Sent {
  readonly status: number;
  readonly text: string;
}

describe('API fuzz', () => {
  let hall: TestHall;
  let kiosk = '';
  let officer: { token: string; session: string };
  const statuses = new Map<number, number>();

  async function headSeq(): Promise<number> {
    const res = await fetch(`${hall.url}/healthz`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { seq: number }).seq;
  }

  async function send(path: string, headers: Record<string, string>, body: Buffer | null, contentType: string | undefined): Promise<Sent> {
    const h: Record<string, string> = { ...headers };
    if (contentType !== undefined) h['content-type'] = contentType;
    // A Buffer body: fetch adds no content type of its own.
    const res = await fetch(`${hall.url}${path}`, { method: 'POST', headers: h, body });
    return { status: res.status, text: await res.text() };
  }

  /** The response invariants, and the head check for refusals. */
  async function checkOne(path: string, headers: Record<string, string>, body: Buffer | null, contentType: string | undefined): Promise<void> {
    const before = await headSeq();
    const res = await send(path, headers, body, contentType);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    assert.ok(res.status < 500, `server error ${res.status}: ${res.text}`);
    if (res.status >= 200 && res.status < 300) return;
    const json = JSON.parse(res.text) as { error: { code: keyof typeof ERROR_CODES; message: string; details: unknown } };
    assert.deepEqual(Object.keys(json), ['error']);
    assert.deepEqual(Object.keys(json.error).sort(), ['code', 'details', 'message']);
    assert.ok(json.error.code in ERROR_CODES, `a known code: ${json.error.code}`);
    assert.equal(ERROR_CODES[json.error.code].http, res.status);
    assert.equal(typeof json.error.message, 'string');
    assert.ok(typeof json.error.details === 'object' && json.error.details !== null && !Array.isArray(json.error.details));
    assert.equal(await headSeq(), before, `a refused request (${json.error.code}) moved the event log head`);
  }

  before(async () => {
    hall = await startTestHall({ config: alwaysOpenHallConfig() });
    kiosk = hall.device('kiosk');
    officer = await hall.officerAt('quay-1');
    // Some tickets waiting and the counter open, so counter operations have something to act on.
    for (const serviceId of ['ho-tich', 'ho-tich', 'chung-thuc']) {
      const r = await send('/api/v1/tickets', { authorization: `Bearer ${kiosk}` }, Buffer.from(JSON.stringify({ serviceId })), 'application/json');
      assert.equal(r.status, 201, r.text);
    }
    const opened = await send(
      '/api/v1/counters/quay-1/open',
      { authorization: `Bearer ${officer.token}`, 'x-staff-session': officer.session },
      null,
      undefined,
    );
    assert.equal(opened.status, 200, opened.text);
  });

  after(async () => {
    await hall.close();
  });

  test('POST /api/v1/tickets with a kiosk token: no 5xx, well-formed errors, refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodyFor(plausibleTicket), contentTypeArb, async (body, contentType) => {
        await checkOne('/api/v1/tickets', { authorization: `Bearer ${kiosk}` }, body, contentType);
      }),
      { numRuns: RUNS },
    );
  });

  test('counter routes with an officer: no 5xx, well-formed errors, refusals change nothing', async () => {
    const operation = fc.constantFrom('call', 'call-next', 'recall', 'start', 'finish', 'no-show', 'hold', 'transfer', 'pause', 'resume');
    await fc.assert(
      fc.asyncProperty(operation, bodyFor(plausibleCounterBody), contentTypeArb, async (op, body, contentType) => {
        await checkOne(`/api/v1/counters/quay-1/${op}`, { authorization: `Bearer ${officer.token}`, 'x-staff-session': officer.session }, body, contentType);
      }),
      { numRuns: RUNS },
    );
  });

  test('the fuzzing left an intact event log and both outcomes were exercised', () => {
    const result = verifyEventChain(hall.server.db);
    assert.equal(result.ok, true, JSON.stringify(result.firstBroken));
    const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    const refused = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    assert.ok(refused > 0, 'some requests were refused');
    assert.ok(ok > 0, 'some requests succeeded');
    assert.ok(ok + refused === 2 * RUNS, `every answer is 2xx or 4xx: ${JSON.stringify([...statuses])}`);
  });
});
