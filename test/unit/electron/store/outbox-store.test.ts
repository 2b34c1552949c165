/**
 * The outbox store on a real SQLite file: enqueue only inside a transaction, per-aggregate
 * sequence numbers, idempotent keys, ordering (only aggregate heads are claimed), leases, outcomes,
 * dead letters that stop blocking and their retry.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';
import { enqueueOutbox, OutboxError, OutboxStore, type OutboxItemInput } from '../../../../electron/store/outbox-store.ts';
import { tempDir } from '../../../support/hall-server.ts';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const LEASE = 15_000;

describe('outbox store', () => {
  const tmp = tempDir('hall-outbox-');
  let n = 0;
  const fresh = (): { db: HallDatabase; store: OutboxStore } => {
    n += 1;
    const db = openHallDatabase(join(tmp.dir, `outbox-${n}.db`));
    return { db, store: new OutboxStore(db) };
  };
  const item = (aggregateId: string, key: string, topic = 'dossier.submitted'): OutboxItemInput => ({
    topic,
    aggregateId,
    idempotencyKey: key,
    payload: { key },
    now: T0,
  });
  const enqueue = (db: HallDatabase, ...items: OutboxItemInput[]) => db.transaction(() => items.map((i) => enqueueOutbox(db, i))).immediate();
  after(() => tmp.cleanup());

  test('enqueue refuses to run outside a transaction, and refuses topics without an endpoint', () => {
    const { db } = fresh();
    assert.throws(() => enqueueOutbox(db, item('d1', 'k1')), OutboxError);
    assert.throws(() => enqueue(db, item('d1', 'k1', 'dossier')), /no provincial endpoint/);
    assert.throws(() => enqueue(db, item('d1', 'k1', 'ticket.issued')), /no provincial endpoint/);
    assert.throws(() => enqueue(db, item('d1', 'a key with spaces')), /visible ASCII/);
    assert.equal(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get(), 0);
    db.close();
  });

  test('a rolled-back transaction takes its items with it', () => {
    const { db } = fresh();
    assert.throws(
      () =>
        db
          .transaction(() => {
            enqueueOutbox(db, item('d1', 'k1'));
            throw new Error('the dossier could not be saved');
          })
          .immediate(),
      /could not be saved/,
    );
    assert.equal(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get(), 0);
    db.close();
  });

  test('sequence numbers per aggregate; the same key twice keeps the first item', () => {
    const { db, store } = fresh();
    const results = enqueue(db, item('d1', 'k1'), item('d2', 'k2'), item('d1', 'k3'), item('d1', 'k1'));
    assert.deepEqual(
      results.map((r) => [r.aggregateSeq, r.created]),
      [
        [1, true],
        [1, true],
        [2, true],
        [1, false],
      ],
    );
    assert.equal(results[3]?.id, results[0]?.id);
    assert.deepEqual(store.counts(), { pending: 3, delivered: 0, dead: 0 });
    db.close();
  });

  test('only the head of each aggregate is claimed; claiming counts the attempt and leases the item', () => {
    const { db, store } = fresh();
    enqueue(db, item('d1', 'a1'), item('d1', 'a2'), item('d2', 'b1'), item('d1', 'a3'));
    const first = store.claimDue(T0, LEASE, 10);
    assert.deepEqual(
      first.map((c) => [c.idempotencyKey, c.attempts]),
      [
        ['a1', 1],
        ['b1', 1],
      ],
    );
    assert.deepEqual(store.claimDue(T0, LEASE, 10), [], 'leased items are not claimed again, and a2 waits for a1');
    assert.deepEqual(
      store.claimDue(T0 + LEASE, LEASE, 10).map((c) => [c.idempotencyKey, c.attempts]),
      [
        ['a1', 2],
        ['b1', 2],
      ],
      'the lease ended: due again',
    );

    store.markDelivered(first[0]?.id ?? 0, T0 + LEASE + 1);
    assert.deepEqual(
      store.claimDue(T0 + LEASE + 1, LEASE, 10).map((c) => c.idempotencyKey),
      ['a2'],
      'a1 delivered: a2 is the head now',
    );
    db.close();
  });

  test('a failed attempt waits for its time; a dead letter stops blocking; retry puts it back in line', () => {
    const { db, store } = fresh();
    enqueue(db, item('d1', 'a1'), item('d1', 'a2'));
    const [a1] = store.claimDue(T0, LEASE, 10);
    assert.ok(a1);
    store.markRetry(a1.id, 'HTTP 500 from the provincial system', T0 + 5_000);
    assert.deepEqual(store.claimDue(T0 + 4_999, LEASE, 10), []);
    assert.equal(store.nextDueAt(), T0 + 5_000);
    assert.equal(store.pending(10).find((p) => p.id === a1.id)?.lastError, 'HTTP 500 from the provincial system');

    const [again] = store.claimDue(T0 + 5_000, LEASE, 10);
    assert.equal(again?.attempts, 2);
    store.markDead(a1.id, 'HTTP 422 (INVALID_DOSSIER) from the provincial system', T0 + 6_000);
    assert.deepEqual(store.counts(), { pending: 1, delivered: 0, dead: 1 });
    assert.deepEqual(
      store.deadLetters(10).map((d) => [d.idempotencyKey, d.lastError, d.deadAt]),
      [['a1', 'HTTP 422 (INVALID_DOSSIER) from the provincial system', T0 + 6_000]],
    );
    const [a2] = store.claimDue(T0 + 6_000, LEASE, 10);
    assert.equal(a2?.idempotencyKey, 'a2', 'the dead a1 no longer holds a2 back');
    store.markDelivered(a2?.id ?? 0, T0 + 6_001);

    assert.equal(store.retryDead(a2?.id ?? 0, T0 + 7_000), 'not_dead');
    assert.equal(store.retryDead(9_999, T0 + 7_000), 'not_found');
    assert.equal(store.retryDead(a1.id, T0 + 7_000), 'retried');
    const [revived] = store.claimDue(T0 + 7_000, LEASE, 10);
    assert.deepEqual([revived?.idempotencyKey, revived?.attempts], ['a1', 1]);
    store.markDelivered(a1.id, T0 + 7_001);
    assert.deepEqual(store.counts(), { pending: 0, delivered: 2, dead: 0 });
    assert.equal(store.nextDueAt(), null);
    db.close();
  });

  test('outcomes for an item already delivered change nothing', () => {
    const { db, store } = fresh();
    enqueue(db, item('d1', 'a1'));
    const [a1] = store.claimDue(T0, LEASE, 10);
    store.markDelivered(a1?.id ?? 0, T0 + 1);
    store.markRetry(a1?.id ?? 0, 'late answer of an earlier copy', T0 + 100);
    store.markDead(a1?.id ?? 0, 'late answer of an earlier copy', T0 + 100);
    assert.deepEqual(store.byId(a1?.id ?? 0)?.deliveredAt, T0 + 1);
    assert.deepEqual(store.counts(), { pending: 0, delivered: 1, dead: 0 });
    db.close();
  });
});
