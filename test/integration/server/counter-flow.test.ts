/**
 * A full counter flow over HTTP against a real server, watched by a display on the stream:
 * login, open, call-next, recall, start, finish, no-show, call by number, hold and return first,
 * transfer to another service (keeping the arrival order), pause, resume and close. Then the
 * access rules of counter routes: bound counter, device role and staff session.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { StreamEvent } from '../../../electron/common/wire.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { verifyEventChain } from '../../../electron/store/event-log.ts';
import { api, startTestHall, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { StreamClient } from '../../support/stream-client.ts';

const MINUTE = 60_000;
/** 08:00 in Hanoi on a Monday; the clock stands still unless a test moves it. */
const T0 = Date.parse('2026-03-02T01:00:00Z');

interface Officer {
  readonly token: string;
  readonly session: string;
}

describe('counter flow over HTTP, watched on the stream', () => {
  let now = T0;
  let hall: TestHall;
  let kiosk: string;
  let display: StreamClient;
  let quay1: Officer;
  let quay2: Officer;
  let staffId: string;
  /** Ticket number → id. */
  const ids = new Map<string, string>();
  /** The events the display must show, in order. */
  const expected: { type: string; ticketId: string | null; counterId: string | null }[] = [];

  const counterOp = (counterId: string, op: string, who: Officer, body?: unknown): Promise<ApiResponse> =>
    api(hall.url, 'POST', `/api/v1/counters/${counterId}/${op}`, { token: who.token, session: who.session, body });
  const id = (number: string): string => {
    const found = ids.get(number);
    assert.ok(found, `ticket ${number} was issued`);
    return found;
  };
  /** Asserts the display shows the event at `seq` and records it as expected. */
  const shows = async (seq: number, type: string, ticketId: string | null, counterId: string | null): Promise<StreamEvent> => {
    const e = await display.waitForEvent((x) => x.seq === seq, 5000, `${type} at seq ${seq}`);
    assert.deepEqual({ type: e.type, ticketId: e.ticketId, counterId: e.counterId }, { type, ticketId, counterId });
    expected.push({ type, ticketId, counterId });
    return e;
  };
  const ok = (res: ApiResponse, status = 200): void => {
    assert.equal(res.status, status, JSON.stringify(res.json));
  };
  const refused = (res: ApiResponse, status: number, code: string): void => {
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json.error.code, code);
  };

  before(async () => {
    hall = await startTestHall({ clock: () => now });
    kiosk = hall.device('kiosk');
    display = await StreamClient.connect(hall.url, { token: hall.device('display') });
    await display.waitFor((m) => m.type === 'snapshot');
    quay2 = await hall.officerAt('quay-2');
  });

  after(async () => {
    await display?.close();
    await hall?.close();
  });

  test('an officer logs in on the counter terminal with a PIN', async () => {
    const token = hall.device('counter', 'quay-1');
    staffId = randomUUID();
    new AccessStore(hall.server.db).addStaff({
      id: staffId,
      username: 'can-bo-quay-1',
      displayName: 'Nguyễn Thị Lan',
      role: 'officer',
      pinHash: hashPin('246810'),
      counterIds: ['quay-1'],
      now,
    });
    refused(await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username: 'can-bo-quay-1', pin: '135790' } }), 401, 'INVALID_CREDENTIALS');
    refused(await api(hall.url, 'POST', '/api/v1/sessions', { token: kiosk, body: { username: 'can-bo-quay-1', pin: '246810' } }), 403, 'FORBIDDEN');
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username: 'can-bo-quay-1', pin: '246810' } });
    ok(login, 201);
    assert.equal(login.json.counterId, 'quay-1');
    assert.deepEqual(login.json.staff, { id: staffId, displayName: 'Nguyễn Thị Lan', role: 'officer' });
    assert.equal(login.json.expiresAt, now + 12 * 60 * MINUTE);
    quay1 = { token, session: login.json.sessionToken };
  });

  test('citizens take tickets at the kiosk: A001..A005, then B001', async () => {
    const issue = async (serviceId: string, expectedNumber: string): Promise<void> => {
      const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } });
      ok(r, 201);
      assert.equal(r.json.ticket.number, expectedNumber);
      ids.set(expectedNumber, r.json.ticket.id);
      const e = await display.waitForEvent((x) => x.ticketId === r.json.ticket.id);
      await shows(e.seq, 'ticket.issued', r.json.ticket.id, null);
      now += MINUTE;
    };
    for (let i = 1; i <= 5; i += 1) await issue('ho-tich', `A00${i}`);
    await issue('chung-thuc', 'B001');
  });

  test('open the counter', async () => {
    refused(await counterOp('quay-1', 'call-next', quay1), 409, 'COUNTER_CLOSED');
    const r = await counterOp('quay-1', 'open', quay1);
    ok(r);
    assert.equal(r.json.counter.state, 'open');
    assert.equal(r.json.counter.officerId, staffId);
    assert.equal(r.json.ticket, null);
    const e = await shows(r.json.seq, 'counter.opened', null, 'quay-1');
    assert.deepEqual(e.data, { officerId: staffId });
  });

  test('call-next, recall, start and finish with an outcome', async () => {
    const called = await counterOp('quay-1', 'call-next', quay1);
    ok(called);
    assert.equal(called.json.ticket.number, 'A001', 'the earliest ticket first');
    assert.equal(called.json.ticket.status, 'called');
    assert.equal(called.json.counter.currentTicketId, id('A001'));
    const e = await shows(called.json.seq, 'ticket.called', id('A001'), 'quay-1');
    assert.deepEqual(e.data, { number: 'A001', serviceId: 'ho-tich', priority: 'normal', officerId: staffId, callCount: 1, how: 'next' });
    refused(await counterOp('quay-1', 'call-next', quay1), 409, 'COUNTER_BUSY');

    now += MINUTE;
    const recalled = await counterOp('quay-1', 'recall', quay1);
    ok(recalled);
    assert.equal(recalled.json.ticket.callCount, 2);
    assert.deepEqual((await shows(recalled.json.seq, 'ticket.recalled', id('A001'), 'quay-1')).data, { number: 'A001', callCount: 2 });

    const started = await counterOp('quay-1', 'start', quay1);
    ok(started);
    assert.equal(started.json.ticket.status, 'serving');
    assert.equal(started.json.ticket.startedAt, now);
    await shows(started.json.seq, 'service.started', id('A001'), 'quay-1');
    refused(await counterOp('quay-1', 'recall', quay1), 409, 'INVALID_TICKET_STATE');

    now += 7 * MINUTE;
    refused(await counterOp('quay-1', 'finish', quay1, { outcome: 'done-somehow' }), 400, 'VALIDATION_FAILED');
    const finished = await counterOp('quay-1', 'finish', quay1, { outcome: 'received_dossier' });
    ok(finished);
    assert.equal(finished.json.ticket.id, id('A001'));
    assert.equal(finished.json.ticket.status, 'done');
    assert.equal(finished.json.ticket.outcome, 'received_dossier');
    assert.equal(finished.json.counter.currentTicketId, null);
    const fe = await shows(finished.json.seq, 'service.finished', id('A001'), 'quay-1');
    assert.deepEqual(fe.data, { number: 'A001', outcome: 'received_dossier', officerId: staffId, serviceId: 'ho-tich', serviceMs: 7 * MINUTE });

    const status = await api(hall.url, 'GET', `/api/v1/tickets/${id('A001')}`, { token: kiosk });
    ok(status);
    assert.equal(status.json.status, 'done');
    assert.equal(status.json.counterNumber, 1);
  });

  test('a citizen who does not come is marked no-show', async () => {
    const called = await counterOp('quay-1', 'call-next', quay1);
    ok(called);
    assert.equal(called.json.ticket.number, 'A002');
    await shows(called.json.seq, 'ticket.called', id('A002'), 'quay-1');
    now += 2 * MINUTE;
    const noShow = await counterOp('quay-1', 'no-show', quay1);
    ok(noShow);
    assert.equal(noShow.json.ticket.id, id('A002'));
    assert.equal(noShow.json.ticket.status, 'no_show');
    assert.equal(noShow.json.counter.currentTicketId, null);
    await shows(noShow.json.seq, 'ticket.no_show', id('A002'), 'quay-1');
    refused(await counterOp('quay-1', 'no-show', quay1), 409, 'NO_CURRENT_TICKET');
  });

  test('call a specific ticket by number, hold it, return it first in its queue', async () => {
    refused(await counterOp('quay-1', 'call', quay1, { number: 'A099' }), 404, 'UNKNOWN_TICKET');
    refused(await counterOp('quay-1', 'call', quay1, { number: 'B001' }), 409, 'SERVICE_NOT_AT_COUNTER');
    refused(await counterOp('quay-1', 'call', quay1, { number: 'A002' }), 404, 'UNKNOWN_TICKET');
    const called = await counterOp('quay-1', 'call', quay1, { number: 'A005' });
    ok(called);
    assert.equal(called.json.ticket.number, 'A005', 'skipping A003 and A004');
    const ce = await shows(called.json.seq, 'ticket.called', id('A005'), 'quay-1');
    assert.equal((ce.data as { how: string }).how, 'specific');

    now += MINUTE;
    const held = await counterOp('quay-1', 'hold', quay1);
    ok(held);
    assert.equal(held.json.ticket.id, id('A005'));
    assert.equal(held.json.ticket.status, 'held');
    assert.equal(held.json.counter.currentTicketId, null);
    await shows(held.json.seq, 'ticket.held', id('A005'), 'quay-1');

    now += 3 * MINUTE;
    const returned = await api(hall.url, 'POST', `/api/v1/tickets/${id('A005')}/return`, {
      token: quay1.token,
      session: quay1.session,
      body: { position: 'first' },
    });
    ok(returned);
    const re = await shows(returned.json.seq, 'ticket.returned', id('A005'), 'quay-1');
    const a003 = hall.server.hall.ticket(id('A003'));
    assert.ok(a003);
    assert.deepEqual(re.data, { number: 'A005', position: 'first', queuedAt: a003.queuedAt - 1, heldAtCounterId: 'quay-1' });

    // Back at the head of ho-tich: call-next takes it before A003 and A004.
    const next = await counterOp('quay-1', 'call-next', quay1);
    ok(next);
    assert.equal(next.json.ticket.number, 'A005');
    await shows(next.json.seq, 'ticket.called', id('A005'), 'quay-1');
  });

  test('transfer to another service keeps the arrival time: A005 goes before B001 at quay-2', async () => {
    const a005IssuedAt = hall.server.hall.ticket(id('A005'))?.issuedAt;
    const b001QueuedAt = hall.server.hall.ticket(id('B001'))?.queuedAt;
    assert.ok(a005IssuedAt !== undefined && b001QueuedAt !== undefined && a005IssuedAt < b001QueuedAt);
    now += MINUTE;
    const moved = await counterOp('quay-1', 'transfer', quay1, { toServiceId: 'chung-thuc' });
    ok(moved);
    assert.equal(moved.json.ticket.id, id('A005'));
    assert.equal(moved.json.ticket.status, 'waiting');
    assert.equal(moved.json.ticket.serviceId, 'chung-thuc');
    assert.equal(moved.json.ticket.issuedServiceId, 'ho-tich');
    assert.equal(moved.json.ticket.number, 'A005', 'the citizen keeps the number');
    assert.equal(moved.json.ticket.queuedAt, a005IssuedAt, 'queued at the original arrival time');
    assert.equal(moved.json.counter.currentTicketId, null);
    const te = await shows(moved.json.seq, 'ticket.transferred', id('A005'), 'quay-1');
    assert.deepEqual(te.data, { number: 'A005', fromServiceId: 'ho-tich', toServiceId: 'chung-thuc', toCounterId: null });

    const status = await api(hall.url, 'GET', `/api/v1/tickets/${id('A005')}`, { token: kiosk });
    assert.equal(status.json.serviceId, 'chung-thuc');
    assert.equal(status.json.peopleAhead, 0, 'ahead of B001 in the chung-thuc queue');

    const opened = await counterOp('quay-2', 'open', quay2);
    ok(opened);
    await shows(opened.json.seq, 'counter.opened', null, 'quay-2');
    const first = await counterOp('quay-2', 'call-next', quay2);
    ok(first);
    assert.equal(first.json.ticket.number, 'A005', 'the transferred ticket is called before B001');
    await shows(first.json.seq, 'ticket.called', id('A005'), 'quay-2');
    const start = await counterOp('quay-2', 'start', quay2);
    await shows(start.json.seq, 'service.started', id('A005'), 'quay-2');
    now += 4 * MINUTE;
    const done = await counterOp('quay-2', 'finish', quay2, { outcome: 'returned_result' });
    ok(done);
    await shows(done.json.seq, 'service.finished', id('A005'), 'quay-2');
    const second = await counterOp('quay-2', 'call-next', quay2);
    ok(second);
    assert.equal(second.json.ticket.number, 'B001');
    await shows(second.json.seq, 'ticket.called', id('B001'), 'quay-2');
  });

  test('pause with a reason, resume, and close (not while a ticket is at the counter)', async () => {
    refused(await counterOp('quay-1', 'pause', quay1, {}), 400, 'VALIDATION_FAILED');
    refused(await counterOp('quay-1', 'resume', quay1), 409, 'INVALID_TICKET_STATE');
    const paused = await counterOp('quay-1', 'pause', quay1, { reason: 'Họp giao ban' });
    ok(paused);
    assert.equal(paused.json.counter.state, 'paused');
    assert.equal(paused.json.counter.pauseReason, 'Họp giao ban');
    assert.deepEqual((await shows(paused.json.seq, 'counter.paused', null, 'quay-1')).data, { reason: 'Họp giao ban' });
    refused(await counterOp('quay-1', 'call-next', quay1), 409, 'COUNTER_CLOSED');

    const snap = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk });
    const view = snap.json.counters.find((c: { id: string }) => c.id === 'quay-1');
    assert.equal(view.state, 'paused');
    assert.equal(view.pauseReason, 'Họp giao ban');

    now += 10 * MINUTE;
    const resumed = await counterOp('quay-1', 'resume', quay1);
    ok(resumed);
    assert.equal(resumed.json.counter.state, 'open');
    assert.equal(resumed.json.counter.pauseReason, null);
    await shows(resumed.json.seq, 'counter.resumed', null, 'quay-1');

    const called = await counterOp('quay-1', 'call-next', quay1);
    ok(called);
    assert.equal(called.json.ticket.number, 'A003');
    await shows(called.json.seq, 'ticket.called', id('A003'), 'quay-1');
    refused(await counterOp('quay-1', 'close', quay1), 409, 'COUNTER_BUSY');
    refused(await counterOp('quay-1', 'pause', quay1, { reason: 'Nghỉ trưa' }), 409, 'COUNTER_BUSY');
    const noShow = await counterOp('quay-1', 'no-show', quay1);
    await shows(noShow.json.seq, 'ticket.no_show', id('A003'), 'quay-1');

    const closed = await counterOp('quay-1', 'close', quay1);
    ok(closed);
    assert.equal(closed.json.counter.state, 'closed');
    assert.equal(closed.json.counter.officerId, null);
    await shows(closed.json.seq, 'counter.closed', null, 'quay-1');
    refused(await counterOp('quay-1', 'call-next', quay1), 409, 'COUNTER_CLOSED');
  });

  test('the display showed every event, in order, with consecutive seq', async () => {
    const head = (await api(hall.url, 'GET', '/healthz')).json.seq as number;
    await display.waitForSeq(head);
    assert.deepEqual(display.seqBreaks, []);
    // The display connected to an empty hall (logins write no event), so it saw seq 1..head live.
    assert.equal(display.snapshot?.seq, 0);
    assert.deepEqual(
      display.eventSeqs(),
      Array.from({ length: head }, (_, i) => i + 1),
    );
    // Floor alerts (a real wait over its target on this test's clock) are events too, raised by a
    // periodic check, so where they fall among the queue's events depends on timing: the seqs above
    // prove nothing was skipped; the queue's own events must come in this order.
    const shown = display
      .events()
      .filter((e) => !e.type.startsWith('alert.'))
      .map((e) => ({ type: e.type, ticketId: e.ticketId, counterId: e.counterId }));
    assert.deepEqual(shown, expected);
    assert.equal(verifyEventChain(hall.server.db).ok, true);
  });

  test('access: bound counter, device role and staff session are enforced', async () => {
    const headBefore = (await api(hall.url, 'GET', '/healthz')).json.seq as number;
    // A terminal bound to quay-1, with a valid officer session, may not act for quay-2.
    refused(await counterOp('quay-2', 'call-next', quay1), 403, 'DEVICE_NOT_BOUND');
    refused(await counterOp('quay-2', 'open', quay1), 403, 'DEVICE_NOT_BOUND');
    refused(await counterOp('quay-9', 'open', quay1), 403, 'DEVICE_NOT_BOUND');
    // A kiosk is not a counter terminal, with or without a session.
    for (const op of ['open', 'call-next', 'finish'] as const) {
      refused(await api(hall.url, 'POST', `/api/v1/counters/quay-1/${op}`, { token: kiosk }), 403, 'FORBIDDEN');
      refused(await api(hall.url, 'POST', `/api/v1/counters/quay-1/${op}`, { token: kiosk, session: quay1.session }), 403, 'FORBIDDEN');
    }
    refused(await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { token: hall.device('display') }), 403, 'FORBIDDEN');
    refused(await api(hall.url, 'POST', `/api/v1/tickets/${id('A004')}/cancel`, { token: kiosk, body: {} }), 403, 'FORBIDDEN');
    // The right terminal without a staff session, or with someone else's, is not enough.
    for (const op of ['open', 'call-next', 'recall', 'close'] as const) {
      refused(await api(hall.url, 'POST', `/api/v1/counters/quay-1/${op}`, { token: quay1.token }), 401, 'UNAUTHENTICATED');
    }
    refused(await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { token: quay1.token, session: 'stf_forged' }), 401, 'UNAUTHENTICATED');
    refused(await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { token: quay1.token, session: quay2.session }), 401, 'UNAUTHENTICATED');
    refused(await api(hall.url, 'POST', `/api/v1/tickets/${id('A004')}/return`, { token: quay1.token, body: { position: 'first' } }), 401, 'UNAUTHENTICATED');
    // No device token at all.
    refused(await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { session: quay1.session }), 401, 'UNAUTHENTICATED');

    // After logout the session no longer works.
    const out = await api(hall.url, 'DELETE', '/api/v1/sessions/current', { token: quay1.token, session: quay1.session });
    assert.equal(out.status, 204);
    refused(await counterOp('quay-1', 'open', quay1), 401, 'UNAUTHENTICATED');

    // None of the refusals wrote anything.
    assert.equal((await api(hall.url, 'GET', '/healthz')).json.seq, headBefore);
  });
});
