/**
 * Queue persistence: one command's events and projection rows in one transaction, a failed commit
 * that writes nothing and keeps the chain head, changes outside the queue recorded with their
 * events, and loadState rebuilding the engine state.
 */
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CounterState, Ticket } from '../../../../electron/common/domain.ts';
import type { DomainEvent } from '../../../../electron/common/events.ts';
import type { HallConfig } from '../../../../electron/common/hall-config.ts';
import { foldEvents, initialState, type HallState } from '../../../../electron/core/hall-state.ts';
import {
  callNext,
  cancelTicket,
  finishService,
  holdTicket,
  issueTicket,
  openCounter,
  pauseCounter,
  startService,
  type EngineContext,
} from '../../../../electron/core/queue-engine.ts';
import { GENESIS_HASH, verifyEventChain } from '../../../../electron/store/event-log.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';
import { QueueStore } from '../../../../electron/store/queue-store.ts';
import { FakeClock, MINUTE, MONDAY, TUESDAY, at, issueCommand, sequentialIds, testHallConfig } from '../../../support/hall-config.fixture.ts';

type Decide = (config: HallConfig, state: HallState, ctx: EngineContext) => DomainEvent[];

/**
 * The engine, a store and the live state, wired the way the hall service wires them:
 * decide → fold with evolve → commit events + touched rows → swap state.
 */
class StoreHarness {
  readonly clock: FakeClock;
  readonly newId = sequentialIds('t');
  state: HallState;

  constructor(
    readonly config: HallConfig,
    readonly store: QueueStore,
    start: number,
  ) {
    this.clock = new FakeClock(start);
    this.state = initialState(config);
  }

  get ctx(): EngineContext {
    return { now: this.clock.now(), newId: this.newId };
  }

  /** Folds events like HallService.execute and returns the projection rows they touched. */
  fold(events: readonly DomainEvent[]): { next: HallState; tickets: Ticket[]; counters: CounterState[] } {
    const { state: next, tickets, counters } = foldEvents(this.config, this.state, events);
    return { next, tickets: [...tickets], counters: [...counters] };
  }

  run(decide: Decide): DomainEvent[] {
    const events = decide(this.config, this.state, this.ctx);
    const { next, tickets, counters } = this.fold(events);
    this.store.commit(events, { tickets, counters });
    this.state = next;
    return events;
  }

  issue(serviceId: string, options: Parameters<typeof issueCommand>[1] = {}): Ticket {
    const events = this.run((c, s, ctx) => issueTicket(c, s, issueCommand(serviceId, options), ctx));
    const issued = events.find((e) => e.type === 'ticket.issued');
    if (!issued || issued.type !== 'ticket.issued') throw new Error('no ticket.issued');
    return issued.data.ticket;
  }
}

const count = (db: HallDatabase, table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('QueueStore', () => {
  let dir = '';
  let dbPath = '';
  let db: HallDatabase;
  let config: HallConfig;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hall-queue-store-'));
    dbPath = join(dir, 'hall.db');
    db = openHallDatabase(dbPath);
    config = testHallConfig();
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('commit writes the events durably; the projection rows follow at the flush, and reads flush first', () => {
    const store = new QueueStore(db);
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    assert.equal(store.lastSeq, 0);
    const ticket = hall.issue('ho-tich');
    assert.equal(store.lastSeq, 1);
    assert.equal(count(db, 'events'), 1);
    assert.equal(count(db, 'tickets'), 0, 'the row waits for the flush');
    assert.equal(store.hasPendingProjections, true);
    assert.deepEqual(store.ticketById(ticket.id), ticket, 'a read flushes first');
    assert.equal(store.hasPendingProjections, false);
    assert.equal(count(db, 'tickets'), 1);
    assert.deepEqual(store.ticketByNumber(MONDAY, 'A001'), ticket);
    assert.equal(store.ticketByNumber(MONDAY, 'A002'), null);
    assert.equal(store.ticketById('nope'), null);

    hall.clock.advance(MINUTE);
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-1', 'officer-1', ctx));
    hall.clock.advance(MINUTE);
    hall.run((c, s, ctx) => callNext(c, s, 'quay-1', ctx));
    assert.equal(store.lastSeq, 3);
    assert.equal(store.flushProjections(), 2, 'one ticket row and one counter row, newest of each');
    assert.equal(db.prepare("SELECT value FROM hall_meta WHERE key = 'projected_seq'").pluck().get(), '3');
    const counterRow = db.prepare('SELECT * FROM counters WHERE id = ?').get('quay-1') as Record<string, unknown>;
    assert.equal(counterRow.state, 'open');
    assert.equal(counterRow.officer_id, 'officer-1');
    assert.equal(counterRow.current_ticket_id, ticket.id);
    assert.equal(store.ticketById(ticket.id)?.status, 'called');
    assert.equal(store.ticketById(ticket.id)?.counterId, 'quay-1');

    const stored = store.eventsAfter(0, 10);
    assert.deepEqual(
      stored.map((e) => [e.seq, e.type]),
      [
        [1, 'ticket.issued'],
        [2, 'counter.opened'],
        [3, 'ticket.called'],
      ],
    );
    assert.equal(stored[0]?.prevHash, GENESIS_HASH);
    assert.deepEqual(
      store.eventsAfter(1, 1).map((e) => e.seq),
      [2],
    );
    assert.equal(verifyEventChain(db).ok, true);
  });

  test('projectEvents is given the events committed since the last flush, in the flush, and the re-folded events after a crash', () => {
    const seen: number[][] = [];
    const projectEvents = (events: readonly { seq: number }[]) => seen.push(events.map((e) => e.seq));
    const store = new QueueStore(db, undefined, null, { projectEvents });
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.issue('ho-tich');
    store.record(() => []);
    assert.deepEqual(seen, [], 'nothing at the commits');
    store.flushProjections();
    assert.deepEqual(seen, [[1, 2]]);
    store.flushProjections();
    assert.deepEqual(seen, [[1, 2]], 'nothing pending, nothing again');
    hall.issue('ho-tich');
    hall.issue('ho-tich');
    // A crash before the flush: a new store on the same database re-folds events 3 and 4.
    const restarted: number[][] = [];
    new QueueStore(db, undefined, null, { projectEvents: (events) => restarted.push(events.map((e) => e.seq)) }).loadState(config);
    assert.deepEqual(restarted, [[3, 4]]);
  });

  test('a commit of no events writes nothing and returns []', () => {
    const store = new QueueStore(db);
    assert.deepEqual(store.commit([], { tickets: [], counters: [] }), []);
    assert.equal(count(db, 'events'), 0);
    assert.equal(store.lastSeq, 0);
  });

  test('a failing commit writes nothing, and the next commit continues the chain', () => {
    const store = new QueueStore(db);
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    const first = hall.issue('ho-tich');
    hall.clock.advance(MINUTE);
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-2', 'officer-2', ctx));
    store.flushProjections();
    const headBefore = store.eventsAfter(0, 100).at(-1);
    assert.equal(headBefore?.seq, 2);
    const countersBefore = db.prepare('SELECT * FROM counters ORDER BY id').all();

    // The second event breaks the STRICT events table (a time that is not an integer) after the
    // first was appended in the same transaction.
    const paused: DomainEvent = { type: 'counter.paused', at: hall.clock.now(), ticketId: null, counterId: 'quay-2', data: { reason: 'họp' } };
    const broken = { ...paused, at: 'later' } as unknown as DomainEvent;
    const pausedCounter: CounterState = { ...(hall.state.counters.get('quay-2') as CounterState), state: 'paused', pauseReason: 'họp' };
    assert.throws(() => store.commit([paused, broken], { tickets: [], counters: [pausedCounter] }), /cannot store TEXT value in INTEGER column events.at/);

    assert.equal(count(db, 'events'), 2, 'no event row');
    assert.equal(store.hasPendingProjections, false, 'no projection row kept for later');
    assert.deepEqual(db.prepare('SELECT * FROM counters ORDER BY id').all(), countersBefore, 'no counter change');
    assert.equal(store.lastSeq, 2, 'the head went back to the last row on disk');

    // The next command continues the chain right after the last committed event.
    hall.clock.advance(MINUTE);
    const second = hall.issue('ho-tich');
    assert.equal(second.number, 'A002');
    assert.notEqual(second.id, first.id);
    const after = store.eventsAfter(2, 10);
    assert.equal(after.length, 1);
    assert.equal(after[0]?.seq, 3);
    assert.equal(after[0]?.prevHash, headBefore?.hash);
    assert.deepEqual(verifyEventChain(db), { ok: true, checked: 3, lastSeq: 3, firstBroken: null });

    // A fresh store on the same file agrees.
    assert.equal(new QueueStore(db).lastSeq, 3);
  });

  test('record commits a change outside the queue with its events, or neither; loadState folds past them', () => {
    const store = new QueueStore(db);
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    const ticket = hall.issue('ho-tich');
    store.flushProjections();
    const mark = db.prepare('INSERT INTO hall_meta (key, value) VALUES (?, ?)');
    const submitted = (dossierId: string): DomainEvent => ({
      type: 'dossier.submitted',
      at: hall.clock.now(),
      ticketId: ticket.id,
      counterId: null,
      data: { dossierId, code: `X-${dossierId}`, procedureId: 'p', channel: 'kiosk' },
    });

    const stored = store.record(() => {
      mark.run('dossier-a', 'submitted');
      return [submitted('a')];
    });
    assert.deepEqual(
      stored.map((e) => [e.seq, e.type]),
      [[2, 'dossier.submitted']],
    );
    assert.equal(db.prepare("SELECT value FROM hall_meta WHERE key = 'dossier-a'").pluck().get(), 'submitted');

    assert.throws(
      () =>
        store.record(() => {
          mark.run('dossier-b', 'submitted');
          throw new Error('the outbox refused');
        }),
      /the outbox refused/,
    );
    assert.throws(() => store.record(() => [submitted('c'), { ...submitted('d'), at: 'later' } as unknown as DomainEvent]), /cannot store TEXT value/);
    assert.equal(db.prepare("SELECT COUNT(*) FROM hall_meta WHERE key = 'dossier-b'").pluck().get(), 0, 'the row of a failed write is gone');
    assert.equal(count(db, 'events'), 2, 'no event of a failed record');
    assert.equal(store.lastSeq, 2);

    hall.clock.advance(MINUTE);
    assert.equal(hall.issue('ho-tich').number, 'A002', 'the queue goes on after the recorded event');
    assert.deepEqual(verifyEventChain(db), { ok: true, checked: 3, lastSeq: 3, firstBroken: null });
    db.prepare("UPDATE hall_meta SET value = '1' WHERE key = 'projected_seq'").run();
    const rebuilt = new QueueStore(db).loadState(config);
    assert.deepEqual([...rebuilt.tickets.values()].map((t) => t.number).sort(), ['A001', 'A002'], 'the dossier event changes no queue state');
  });

  test('a flush the schema refuses writes no row of its batch, keeps them pending and says why', () => {
    const store = new QueueStore(db);
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    const a1 = hall.issue('ho-tich');
    store.flushProjections();
    // A row with the number of A001: the projection's UNIQUE (business_date, number) refuses it.
    const good = { ...a1, id: 'good', number: 'A777', seq: 777 };
    const clash = { ...a1, id: 'clash' };
    const events: DomainEvent[] = [
      { type: 'ticket.issued', at: hall.clock.now(), ticketId: good.id, counterId: null, data: { ticket: good } },
      { type: 'ticket.issued', at: hall.clock.now(), ticketId: clash.id, counterId: null, data: { ticket: clash } },
    ];
    store.commit(events, { tickets: [good, clash], counters: [] });
    assert.equal(count(db, 'events'), 3, 'the events are durable');
    assert.throws(() => store.flushProjections(), /UNIQUE constraint failed: tickets.business_date, tickets.number/);
    assert.equal(count(db, 'tickets'), 1, 'the first row of the failed batch was rolled back');
    assert.equal(db.prepare("SELECT value FROM hall_meta WHERE key = 'projected_seq'").pluck().get(), '1');
    assert.equal(store.hasPendingProjections, true, 'kept for the next attempt');
    assert.throws(() => store.ticketById('good'), /UNIQUE/, 'a read does not silently skip the rows');
  });

  test('a database without projected_seq was kept in step by every commit: it starts fully projected', () => {
    const store = new QueueStore(db);
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    store.flushProjections();
    db.prepare("DELETE FROM hall_meta WHERE key = 'projected_seq'").run();
    new QueueStore(db);
    assert.equal(db.prepare("SELECT value FROM hall_meta WHERE key = 'projected_seq'").pluck().get(), '1');
  });

  test('loadState of an empty database is the initial state', () => {
    const state = new QueueStore(db).loadState(config);
    assert.deepEqual(state, initialState(config));
  });

  test('loadState rebuilds open tickets, sequences, counts, counters and recent service times', () => {
    const store = new QueueStore(db);
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    const tick = (minutes = 1): void => {
      hall.clock.advance(minutes * MINUTE);
    };

    // Monday: a few tickets, some served, one left open (closed at end of day by Tuesday's first issue).
    hall.issue('ho-tich');
    tick();
    hall.issue('ho-tich');
    tick();
    hall.issue('chung-thuc');
    tick();
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-1', 'officer-1', ctx));
    tick();
    hall.run((c, s, ctx) => callNext(c, s, 'quay-1', ctx));
    tick();
    hall.run((c, s, ctx) => startService(c, s, 'quay-1', ctx));
    tick(7);
    hall.run((c, s, ctx) => finishService(c, s, 'quay-1', 'received_dossier', ctx));
    assert.equal(hall.state.lastSeq.get('ho-tich'), 2);

    // Tuesday: numbering restarts; a mix of waiting, serving, held, cancelled, done.
    hall.clock.set(at(TUESDAY, '08:00'));
    const b1 = hall.issue('chung-thuc');
    assert.equal(b1.number, 'B001');
    assert.equal(hall.state.businessDate, TUESDAY);
    tick();
    hall.issue('ho-tich');
    tick();
    const a2 = hall.issue('ho-tich', { priority: 'elderly' });
    tick();
    const c1 = hall.issue('dat-dai');
    tick();
    hall.issue('dat-dai');
    tick();
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-1', 'officer-1', ctx));
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-2', 'officer-2', ctx));
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-3', 'officer-3', ctx));
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-4', 'officer-4', ctx));
    tick();
    hall.run((c, s, ctx) => callNext(c, s, 'quay-2', ctx)); // B001
    hall.run((c, s, ctx) => startService(c, s, 'quay-2', ctx));
    tick(3);
    hall.run((c, s, ctx) => finishService(c, s, 'quay-2', 'guidance_only', ctx));
    hall.run((c, s, ctx) => callNext(c, s, 'quay-1', ctx)); // the elderly A002 first
    assert.equal(hall.state.counters.get('quay-1')?.currentTicketId, a2.id);
    hall.run((c, s, ctx) => startService(c, s, 'quay-1', ctx)); // serving, stays open
    tick();
    hall.run((c, s, ctx) => callNext(c, s, 'quay-3', ctx)); // C001
    assert.equal(hall.state.counters.get('quay-3')?.currentTicketId, c1.id);
    hall.run((c, s, ctx) => holdTicket(c, s, 'quay-3', ctx)); // held
    tick();
    const b2 = hall.issue('chung-thuc');
    hall.run((c, s, ctx) => cancelTicket(c, s, b2.id, 'đổi ý', ctx));
    hall.run((c, s, ctx) => pauseCounter(c, s, 'quay-2', 'họp giao ban', ctx));
    tick();
    hall.run((c, s, ctx) => callNext(c, s, 'quay-4', ctx)); // A001 (normal) called, not started

    const expected = hall.state;
    assert.equal(expected.businessDate, TUESDAY);
    assert.deepEqual([...expected.tickets.values()].map((t) => t.status).sort(), ['called', 'held', 'serving', 'waiting']);

    // Rebuild from disk with a brand-new connection, as after a power cut: the projection rows
    // still pending were never written, and loadState folds the events they missed.
    assert.equal(store.hasPendingProjections, true);
    db.close();
    db = openHallDatabase(dbPath);
    const reopened = new QueueStore(db);
    const loaded = reopened.loadState(config);
    assert.equal(db.prepare("SELECT value FROM hall_meta WHERE key = 'projected_seq'").pluck().get(), String(reopened.lastSeq), 'caught up');
    const issuedEvents = db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get();
    assert.equal(count(db, 'tickets'), issuedEvents, 'every ticket row rebuilt from the events');

    assert.equal(loaded.businessDate, TUESDAY);
    assert.deepEqual(new Map([...loaded.tickets].sort()), new Map([...expected.tickets].sort()), 'open tickets');
    assert.deepEqual(
      loaded.lastSeq,
      new Map([
        ['chung-thuc', 2],
        ['ho-tich', 2],
        ['dat-dai', 2],
      ]),
      'lastSeq of Tuesday only',
    );
    assert.deepEqual(new Map([...loaded.lastSeq].sort()), new Map([...expected.lastSeq].sort()));
    assert.deepEqual(new Map([...loaded.issuedCount].sort()), new Map([...expected.issuedCount].sort()), 'issuedCount');
    assert.deepEqual(loaded.counters, expected.counters, 'counters');
    assert.equal(loaded.counters.get('quay-2')?.state, 'paused');
    assert.equal(loaded.counters.get('quay-2')?.pauseReason, 'họp giao ban');
    assert.deepEqual(
      loaded.recentServiceMs,
      new Map([
        ['ho-tich', [7 * MINUTE]],
        ['chung-thuc', [3 * MINUTE]],
      ]),
      'recent service times per service, oldest first',
    );
    assert.deepEqual(new Map([...loaded.recentServiceMs].sort()), new Map([...expected.recentServiceMs].sort()));

    // The rebuilt state keeps numbering where the live one was.
    const ctx: EngineContext = { now: hall.clock.now() + MINUTE, newId: () => 'after-restart' };
    const [issued] = issueTicket(config, loaded, issueCommand('ho-tich'), ctx);
    assert.ok(issued?.type === 'ticket.issued');
    assert.equal(issued.data.ticket.number, 'A003');
  });

  test('loadState keeps the newest service times up to the configured sample, oldest first', () => {
    const small = testHallConfig({ policy: { recentServiceSample: 3 } });
    const store = new QueueStore(db);
    const hall = new StoreHarness(small, store, at(MONDAY, '08:00'));
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-1', 'officer-1', ctx));
    const durations = [2, 4, 6, 8, 10];
    for (const minutes of durations) {
      hall.issue('ho-tich');
      hall.clock.advance(MINUTE);
      hall.run((c, s, ctx) => callNext(c, s, 'quay-1', ctx));
      hall.run((c, s, ctx) => startService(c, s, 'quay-1', ctx));
      hall.clock.advance(minutes * MINUTE);
      hall.run((c, s, ctx) => finishService(c, s, 'quay-1', 'returned_result', ctx));
    }
    const loaded = new QueueStore(db).loadState(small);
    assert.deepEqual(loaded.recentServiceMs.get('ho-tich'), [6 * MINUTE, 8 * MINUTE, 10 * MINUTE]);
    assert.deepEqual(loaded.recentServiceMs.get('ho-tich'), hall.state.recentServiceMs.get('ho-tich'));
    assert.equal(loaded.tickets.size, 0);
    assert.equal(loaded.issuedCount.get('ho-tich'), 5);
  });

  test('loadState ignores counter rows of counters no longer configured', () => {
    const store = new QueueStore(db);
    const hall = new StoreHarness(config, store, at(MONDAY, '08:00'));
    hall.run((c, s, ctx) => openCounter(c, s, 'quay-4', 'officer-4', ctx));
    store.flushProjections(); // a clean shutdown, then the configuration changes
    const fewer = testHallConfig();
    const trimmed: HallConfig = {
      ...fewer,
      counters: fewer.counters.filter((c) => c.id !== 'quay-4'),
    };
    const loaded = new QueueStore(db).loadState(trimmed);
    assert.equal(loaded.counters.has('quay-4'), false);
    assert.deepEqual([...loaded.counters.keys()], ['quay-1', 'quay-2', 'quay-3']);
  });
});
