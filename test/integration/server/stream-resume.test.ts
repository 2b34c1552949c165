/**
 * The WebSocket stream (/api/v1/stream) with real clients: welcome + snapshot, live events in
 * consecutive sequence, resuming after a dropped connection with exactly the missed events,
 * the snapshot fallback, hello and token errors, and that no person hash ever goes out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../../electron/common/wire.ts';
import { DAY_MS } from '../../../electron/server/access.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { StreamClient, closeAll, type ErrorMessage } from '../../support/stream-client.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

/** 10:00 in Hanoi on a Monday, running at real speed, and movable forward by tests. */
function movableClock(): { clock: () => number; advance: (ms: number) => void } {
  const anchor = Date.parse('2026-03-02T03:00:00Z');
  const started = Date.now();
  let offset = 0;
  return {
    clock: () => anchor + (Date.now() - started) + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}

const idNumber = (i: number): string => `0790${String(90_000_000 + i)}`;

describe('display stream: live events and resuming after a dropped connection', () => {
  let hall: TestHall;
  let kiosk: string;
  let display: string;
  const clients: StreamClient[] = [];
  const connect = async (hello: Parameters<typeof StreamClient.connect>[1]): Promise<StreamClient> => {
    const c = await StreamClient.connect(hall.url, hello);
    clients.push(c);
    return c;
  };

  before(async () => {
    hall = await startTestHall({ clock: movableClock().clock });
    kiosk = hall.device('kiosk');
    display = hall.device('display');
  });

  after(async () => {
    await closeAll(clients);
    await hall?.close();
  });

  test('a new display gets welcome + snapshot, then every event live with consecutive seq', async () => {
    for (let i = 0; i < 3; i += 1) {
      const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'chung-thuc' } });
      assert.equal(r.status, 201);
    }
    const c = await connect({ token: display });
    const welcome = await c.waitFor((m) => m.type === 'welcome');
    assert.deepEqual({ ...welcome, serverTime: 0 }, { type: 'welcome', protocol: 1, role: 'display', serverTime: 0, resume: 'snapshot' });
    const snap = await c.waitFor((m) => m.type === 'snapshot');
    assert.equal(c.messages[0]?.type, 'welcome');
    assert.equal(c.messages[1], snap);
    assert.equal(c.snapshot?.seq, 3);
    assert.equal(c.snapshot?.services.find((s) => s.id === 'chung-thuc')?.waiting, 3);

    const issued: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'chung-thuc' } });
      issued.push(r.json.ticket.id);
    }
    await c.waitForSeq(8);
    assert.deepEqual(c.eventSeqs(), [4, 5, 6, 7, 8]);
    assert.deepEqual(
      c.events().map((e) => e.ticketId),
      issued,
    );
    assert.ok(c.events().every((e) => e.type === 'ticket.issued'));
    assert.deepEqual(c.seqBreaks, []);
    await c.close();
  });

  test('a display dropped mid-burst resumes with exactly the events it missed', async () => {
    const TICKETS = 60;
    for (let i = 0; i < TICKETS; i += 1) {
      const r = await api(hall.url, 'POST', '/api/v1/tickets', {
        token: kiosk,
        body: { serviceId: 'ho-tich', idNumber: idNumber(i), consent: IDENTIFY_CONSENT },
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }
    // Two counters that both serve ho-tich call concurrently.
    const officers = await Promise.all(['quay-1', 'quay-5'].map(async (counterId) => ({ counterId, ...(await hall.officerAt(counterId)) })));

    const first = await connect({ token: display });
    await first.waitFor((m) => m.type === 'snapshot');
    const startSeq = first.lastSeq ?? 0;

    for (const o of officers) {
      const r = await api(hall.url, 'POST', `/api/v1/counters/${o.counterId}/open`, { token: o.token, session: o.session });
      assert.equal(r.status, 200);
    }

    /** Every call the officers made, from the HTTP responses: ticket id → event seq. */
    const calls = new Map<string, number>();
    let stop = false;
    let callsAfterDrop = 0;
    let dropped = false;
    const callLoop = async (o: (typeof officers)[number], max: number): Promise<void> => {
      for (let i = 0; i < max && !stop; i += 1) {
        const called = await api(hall.url, 'POST', `/api/v1/counters/${o.counterId}/call-next`, { token: o.token, session: o.session });
        if (called.status === 409 && called.json.error.code === 'NO_TICKET_WAITING') return;
        assert.equal(called.status, 200, JSON.stringify(called.json));
        assert.ok(!calls.has(called.json.ticket.id), 'a ticket is called once');
        calls.set(called.json.ticket.id, called.json.seq);
        if (dropped) callsAfterDrop += 1;
        const done = await api(hall.url, 'POST', `/api/v1/counters/${o.counterId}/no-show`, { token: o.token, session: o.session });
        assert.equal(done.status, 200, JSON.stringify(done.json));
      }
    };

    const burst = Promise.all(officers.map((o) => callLoop(o, 20)));
    // Drop the display in the middle of the burst, without a closing handshake.
    const callsSeen = (): number => first.events().filter((e) => e.type === 'ticket.called').length;
    await first.waitFor(() => callsSeen() >= 8, 10_000, 'the 8th call');
    first.terminate();
    dropped = true;
    await first.closed;
    const lastSeen = first.lastSeq;
    assert.ok(lastSeen !== null);
    await burst;
    // More calls while the display is away.
    await Promise.all(officers.map((o) => callLoop(o, 3)));
    stop = true;
    assert.ok(callsAfterDrop >= 6, `calls happened while the display was away (${callsAfterDrop})`);
    const head = (await api(hall.url, 'GET', '/healthz')).json.seq as number;
    assert.ok(head > lastSeen);

    const second = await connect({ token: display, lastSeq: lastSeen });
    await second.waitForSeq(head, 10_000);
    const welcome = second.welcome;
    assert.equal(welcome?.resume, 'replay');
    assert.equal(second.snapshot, undefined, 'no snapshot on a replay');
    // Exactly the missed events: lastSeen+1 .. head, in order, once each.
    const replayed = second.eventSeqs();
    assert.deepEqual(
      replayed,
      Array.from({ length: head - lastSeen }, (_, i) => lastSeen + 1 + i),
    );
    assert.deepEqual(second.seqBreaks, []);

    // Together the two connections saw every seq after the snapshot exactly once.
    const seen = [...first.eventSeqs(), ...replayed];
    assert.deepEqual(
      seen,
      Array.from({ length: head - startSeq }, (_, i) => startSeq + 1 + i),
    );
    assert.deepEqual(first.seqBreaks, []);

    // The union of ticket.called events is exactly the calls made: none missed, none twice.
    const calledEvents: StreamEvent[] = [...first.events(), ...second.events()].filter((e) => e.type === 'ticket.called');
    assert.equal(calledEvents.length, calls.size);
    assert.deepEqual(new Set(calledEvents.map((e) => e.ticketId)), new Set(calls.keys()));
    for (const e of calledEvents) assert.equal(calls.get(e.ticketId ?? ''), e.seq, 'the event carries the seq the call returned');
    assert.ok(
      first.events().some((e) => e.type === 'ticket.called'),
      'some calls were seen live',
    );
    assert.ok(
      second.events().some((e) => e.type === 'ticket.called'),
      'some calls were missed and replayed',
    );

    // After the replay the resumed client is live: a new call arrives with the next seq.
    const o = officers[0];
    assert.ok(o);
    const live = await api(hall.url, 'POST', `/api/v1/counters/${o.counterId}/call-next`, { token: o.token, session: o.session });
    assert.equal(live.status, 200, JSON.stringify(live.json));
    assert.equal(live.json.seq, head + 1);
    const liveEvent = await second.waitForEvent((e) => e.seq === head + 1);
    assert.equal(liveEvent.type, 'ticket.called');
    assert.equal(liveEvent.ticketId, live.json.ticket.id);
    assert.deepEqual(second.seqBreaks, []);
    await api(hall.url, 'POST', `/api/v1/counters/${o.counterId}/no-show`, { token: o.token, session: o.session });
  });

  test('resuming from the head replays nothing; a lastSeq past the head or none gets a snapshot', async () => {
    const head = (await api(hall.url, 'GET', '/healthz')).json.seq as number;

    const atHead = await connect({ token: display, lastSeq: head });
    await atHead.waitFor((m) => m.type === 'welcome');
    const ahead = await connect({ token: display, lastSeq: head + 1000 });
    const fresh = await connect({ token: display });
    for (const c of [ahead, fresh]) {
      await c.waitFor((m) => m.type === 'snapshot');
      assert.equal(c.welcome?.resume, 'snapshot');
      assert.equal(c.snapshot?.seq, head);
      assert.equal(c.lastSeq, head);
    }
    assert.equal(atHead.welcome?.resume, 'replay');

    // All three continue live from head + 1.
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'xay-dung' } });
    assert.equal(r.status, 201);
    for (const c of [atHead, ahead, fresh]) {
      const e = await c.waitForEvent((x) => x.ticketId === r.json.ticket.id);
      assert.equal(e.seq, head + 1);
      assert.deepEqual(c.eventSeqs(), [head + 1], 'nothing before the new event');
      assert.deepEqual(c.seqBreaks, []);
    }
    assert.equal(atHead.snapshot, undefined);
    await closeAll([atHead, ahead, fresh]);
  });

  test('a bad hello gets an error and close code 4400', async () => {
    const badHellos = [
      'not json',
      JSON.stringify({ type: 'hello', protocol: 2, token: display }),
      JSON.stringify({ type: 'hello', protocol: 1, token: '' }),
      JSON.stringify({ type: 'hello', protocol: 1, token: display, lastSeq: -1 }),
      JSON.stringify({ type: 'hello', protocol: 1, token: display, extra: true }),
      JSON.stringify({ type: 'subscribe', protocol: 1, token: display }),
    ];
    for (const raw of badHellos) {
      const c = await connect({ raw });
      const closed = await c.closed;
      assert.equal(closed.code, 4400, raw);
      assert.equal(c.messages.length, 1, raw);
      const error = c.messages[0] as ErrorMessage;
      assert.equal(error.type, 'error');
      assert.equal(error.error.code, 'VALIDATION_FAILED');
    }
  });

  test('an unknown token gets UNAUTHENTICATED and close code 4401', async () => {
    const c = await connect({ token: 'dev_not-a-real-token' });
    const closed = await c.closed;
    assert.equal(closed.code, 4401);
    assert.deepEqual(
      c.messages.map((m) => m.type),
      ['error'],
    );
    assert.equal((c.messages[0] as ErrorMessage).error.code, 'UNAUTHENTICATED');
  });

  test('a hello without a token and without a device cookie gets UNAUTHENTICATED and 4401', async () => {
    const c = await connect({ raw: JSON.stringify({ type: 'hello', protocol: 1 }) });
    assert.equal((await c.closed).code, 4401);
    assert.equal((c.messages[0] as ErrorMessage).error.code, 'UNAUTHENTICATED');
  });

  test('no person hash (nor ID number, nor device id) appears in any stream message', async () => {
    // Tickets with ID numbers: in the snapshot's queue, in live events and in a full replay.
    const fromIssue = await api(hall.url, 'POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'dang-ky-kinh-doanh', idNumber: idNumber(999), consent: IDENTIFY_CONSENT },
    });
    assert.equal(fromIssue.status, 201);
    assert.equal(fromIssue.json.ticket.personHash, undefined, 'nor in the issue response');
    const live = await connect({ token: display });
    await live.waitFor((m) => m.type === 'snapshot');
    const r = await api(hall.url, 'POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'dang-ky-kinh-doanh', idNumber: idNumber(1000), consent: IDENTIFY_CONSENT },
    });
    assert.equal(r.status, 201);
    await live.waitForEvent((e) => e.ticketId === r.json.ticket.id);
    const replayAll = await connect({ token: display, lastSeq: 0 });
    const head = (await api(hall.url, 'GET', '/healthz')).json.seq as number;
    await replayAll.waitForSeq(head, 10_000);
    assert.equal(replayAll.welcome?.resume, 'replay');

    hall.server.hall.flushProjections(); // the rows are read straight from the table below
    const rows = hall.server.db.prepare('SELECT person_hash AS h, device_id AS d FROM tickets WHERE person_hash IS NOT NULL').all() as {
      h: string;
      d: string;
    }[];
    assert.ok(rows.length >= 62, `tickets with a person hash exist (${rows.length})`);
    const secrets = [...new Set(rows.flatMap((x) => [x.h, x.d]))];
    const frames = [...clients.flatMap((c) => c.raw)];
    // The full replay carried every ticket.issued event, the live display a snapshot with those still waiting.
    assert.equal(replayAll.events().filter((e) => e.type === 'ticket.issued').length, 3 + 5 + 60 + 1 + 2);
    assert.ok((live.snapshot?.queue.length ?? 0) > 0);
    assert.ok(live.snapshot?.queue.some((t) => t.id === fromIssue.json.ticket.id));
    for (const frame of frames) {
      assert.ok(!/personHash|person_hash|deviceId|device_id|idNumber/.test(frame), `a frame names a private field: ${frame.slice(0, 200)}`);
      for (const s of secrets) assert.ok(!frame.includes(s), 'a frame carries a person hash or device id');
      assert.ok(!frame.includes(idNumber(999)) && !frame.includes(idNumber(0)), 'a frame carries an ID number');
    }
  });
});

describe('display stream: expired device token', () => {
  let hall: TestHall;
  let time: ReturnType<typeof movableClock>;
  const clients: StreamClient[] = [];

  before(async () => {
    time = movableClock();
    hall = await startTestHall({ clock: time.clock });
  });

  after(async () => {
    await closeAll(clients);
    await hall?.close();
  });

  test('a token past its validDays gets TOKEN_EXPIRED and close code 4401', async () => {
    const token = hall.device('display', null, 2);
    const valid = await StreamClient.connect(hall.url, { token });
    clients.push(valid);
    await valid.waitFor((m) => m.type === 'snapshot');
    assert.equal(valid.welcome?.role, 'display');
    await valid.close();

    time.advance(2 * DAY_MS + 60_000);
    const expired = await StreamClient.connect(hall.url, { token });
    clients.push(expired);
    const closed = await expired.closed;
    assert.equal(closed.code, 4401);
    assert.deepEqual(
      expired.messages.map((m) => m.type),
      ['error'],
    );
    const error = (expired.messages[0] as ErrorMessage).error;
    assert.equal(error.code, 'TOKEN_EXPIRED');
    assert.equal(typeof error.details.expiredAt, 'number');
    // The HTTP API refuses it the same way.
    const snap = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token });
    assert.equal(snap.status, 401);
    assert.equal(snap.json.error.code, 'TOKEN_EXPIRED');
  });
});
