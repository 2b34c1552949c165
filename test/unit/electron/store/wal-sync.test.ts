/**
 * Group commit of the event log (store/wal-sync.ts, QueueStore `deferredSync`, HallService): one
 * fdatasync serves the commits made while another runs, nothing is published or shown before the
 * sync that covers it (and the answers waiting for that sync go first), and a failed sync
 * publishes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { StreamEvent } from '../../../../electron/common/wire.ts';
import { issueTicket } from '../../../../electron/core/queue-engine.ts';
import { HallService } from '../../../../electron/server/hall-service.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';
import { QueueStore } from '../../../../electron/store/queue-store.ts';
import { WalSync } from '../../../../electron/store/wal-sync.ts';
import { FakeClock, MONDAY, at, issueCommand, sequentialIds, testHallConfig } from '../../../support/hall-config.fixture.ts';

describe('group commit of the event log', () => {
  let dir = '';
  let db: HallDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    db = openHallDatabase(join(dir, 'hall.db'));
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the callers of one turn of the event loop share one sync; a caller in a later turn gets a new one', async () => {
    const timed: number[] = [];
    const wal = new WalSync(db.name, (seconds) => timed.push(seconds));
    const first = wal.sync();
    const sameTurn = Array.from({ length: 10 }, () => wal.sync());
    assert.ok(
      sameTurn.every((p) => p === first),
      'one sync for the whole turn',
    );
    assert.equal(wal.pending, first);
    assert.equal(wal.syncs, 0, 'it runs at the end of the turn, after the requests of the turn');
    await first;
    assert.equal(wal.syncs, 1);
    assert.equal(wal.pending, null);
    await wal.sync();
    assert.equal(wal.syncs, 2);
    assert.equal(timed.length, 2, 'each sync is timed once');
    assert.ok(timed.every((seconds) => seconds >= 0 && seconds < 10));
    wal.syncInBackground();
    await wal.close();
  });

  test('a WAL that cannot be opened rejects the sync with the path, and the next sync tries again', async () => {
    const wal = new WalSync(join(dir, 'missing', 'hall.db'));
    await assert.rejects(wal.sync(), /cannot sync the event log's WAL .*missing/);
    assert.equal(wal.pending, null);
    wal.syncInBackground(); // no error escapes: the next sync reports it
    await assert.rejects(wal.sync(), /cannot sync/);
  });

  test('a command is published, and shown in snapshots, only once its sync completed', async () => {
    const clock = new FakeClock(at(MONDAY, '08:00'));
    const store = new QueueStore(db, undefined, null, { deferredSync: true });
    assert.equal(store.deferredSync, true);
    const hall = new HallService({ config: testHallConfig(), store, clock: () => clock.now(), newId: sequentialIds('t') });
    const published: StreamEvent[] = [];
    hall.onEvents((events) => published.push(...events));

    const stored = hall.execute((config, state, ctx) => issueTicket(config, state, issueCommand('ho-tich'), ctx));
    assert.equal(stored.length, 1);
    assert.equal(hall.state.tickets.size, 1, 'the next command already sees it');
    assert.deepEqual(published, [], 'not published before its sync');
    assert.equal(hall.snapshot().queue.length, 0, 'not in a snapshot before its sync');
    assert.deepEqual([hall.lastSeq, hall.publishedSeq], [1, 0], 'the stream replays up to the published sequence only');
    const durable = hall.whenDurable();
    assert.ok(durable !== null);
    await durable;
    assert.deepEqual(published, [], 'the answers waiting for the same sync come first');
    await nextTurn();
    assert.deepEqual(
      (published as StreamEvent[]).map((e) => e.type),
      ['ticket.issued'],
    );
    assert.equal(hall.snapshot().queue.length, 1);
    assert.equal(hall.snapshot().seq, stored[0]?.seq);
    assert.equal(hall.publishedSeq, 1);
    await hall.close();
  });

  test('commands of one turn are published in order once their sync completes, after the answers waiting for it', async () => {
    const clock = new FakeClock(at(MONDAY, '08:00'));
    const store = new QueueStore(db, undefined, null, { deferredSync: true });
    const hall = new HallService({ config: testHallConfig(), store, clock: () => clock.now(), newId: sequentialIds('t') });
    const order: string[] = [];
    hall.onEvents((events) => order.push(...events.map((e) => `published ${e.seq}`)));
    // Each command's answer waits for the sync, as the HTTP layer's does (http-app.ts, beforeAnswer):
    // the answers are written before the stream's fan-out and the live KPIs run.
    const answers = Array.from({ length: 3 }, (_, i) => {
      hall.execute((config, state, ctx) => issueTicket(config, state, issueCommand('ho-tich'), ctx));
      return hall.whenDurable()?.then(() => order.push(`answer ${i + 1}`));
    });
    await Promise.all(answers);
    await nextTurn();
    assert.deepEqual(order, ['answer 1', 'answer 2', 'answer 3', 'published 1', 'published 2', 'published 3']);
    assert.equal(hall.publishedSeq, 3);
    await hall.close();
  });

  test('a failed sync publishes nothing and reports the failure', async () => {
    const clock = new FakeClock(at(MONDAY, '08:00'));
    const store = new QueueStore(db, undefined, null, { deferredSync: true });
    const failure = new Error('disk gone');
    store.durable = () => Promise.reject(failure);
    const failures: unknown[] = [];
    const hall = new HallService({
      config: testHallConfig(),
      store,
      clock: () => clock.now(),
      newId: sequentialIds('t'),
      onDurabilityFailure: (error) => failures.push(error),
    });
    const published: StreamEvent[] = [];
    hall.onEvents((events) => published.push(...events));
    hall.execute((config, state, ctx) => issueTicket(config, state, issueCommand('ho-tich'), ctx));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(failures, [failure]);
    assert.deepEqual(published, []);
    assert.equal(hall.snapshot().queue.length, 0);
  });

  test('without deferred sync every commit is durable when it returns, and published at once', () => {
    const clock = new FakeClock(at(MONDAY, '08:00'));
    const store = new QueueStore(db);
    const hall = new HallService({ config: testHallConfig(), store, clock: () => clock.now(), newId: sequentialIds('t') });
    const published: StreamEvent[] = [];
    hall.onEvents((events) => published.push(...events));
    hall.execute((config, state, ctx) => issueTicket(config, state, issueCommand('ho-tich'), ctx));
    assert.equal(published.length, 1);
    assert.equal(hall.whenDurable(), null);
    assert.equal(store.durable(), null);
  });
});
