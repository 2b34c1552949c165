/**
 * Keyed checkpoints of the event log: the MAC covers every field, a checkpoint is written only in
 * a transaction and only once per sequence, and the verifier names each kind of problem with its
 * sequence numbers.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventAppender } from '../../../../electron/store/event-log.ts';
import { CheckpointSigner, listCheckpoints, verifyCheckpoints, writeCheckpoint, type LogCheckpoint } from '../../../../electron/store/log-checkpoints.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const signer = new CheckpointSigner(randomBytes(32));

describe('log checkpoints', () => {
  let dir: string;
  let db: HallDatabase;
  let appender: EventAppender;

  /** Appends `n` counter events and returns the head. */
  const append = (n: number): { seq: number; hash: string } => {
    const stored = db.transaction(() =>
      appender.append(
        Array.from({ length: n }, (_, i) => ({ type: 'counter.opened', at: T0 + i, ticketId: null, counterId: 'quay-1', data: { officerId: null } }) as const),
      ),
    )();
    const head = stored.at(-1);
    assert.ok(head);
    return { seq: head.seq, hash: head.hash };
  };
  const checkpoint = (head: { seq: number; hash: string }, businessDate: string): LogCheckpoint => {
    const c = signer.sign({ seq: head.seq, headHash: head.hash, at: T0, businessDate });
    db.transaction(() => writeCheckpoint(db, c))();
    return c;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hall-checkpoints-'));
    db = openHallDatabase(join(dir, 'hall.db'));
    appender = new EventAppender(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the MAC covers seq, hash, time and date; another key or a malformed MAC does not verify', () => {
    const c = signer.sign({ seq: 7, headHash: 'a'.repeat(64), at: T0, businessDate: '2026-11-23' });
    assert.equal(signer.verify(c), true);
    for (const changed of [
      { seq: 8 },
      { headHash: 'b'.repeat(64) },
      { at: T0 + 1 },
      { businessDate: '2026-11-24' },
      { mac: 'zz' },
      { mac: c.mac.toUpperCase() },
    ]) {
      assert.equal(signer.verify({ ...c, ...changed }), false, JSON.stringify(changed));
    }
    assert.equal(new CheckpointSigner(randomBytes(32)).verify(c), false);
  });

  test('written only inside a transaction, once per sequence, and append-only', () => {
    const head = append(3);
    const c = signer.sign({ seq: head.seq, headHash: head.hash, at: T0, businessDate: '2026-11-23' });
    assert.throws(() => writeCheckpoint(db, c), /in the transaction/);
    assert.equal(db.transaction(() => writeCheckpoint(db, c))(), true);
    assert.equal(db.transaction(() => writeCheckpoint(db, { ...c, at: T0 + 1 }))(), false, 'the first one stays');
    assert.deepEqual(listCheckpoints(db), [c]);
    assert.throws(() => db.prepare('DELETE FROM log_checkpoints').run(), /append-only/);
    assert.throws(() => db.prepare('UPDATE log_checkpoints SET seq = 1').run(), /append-only/);
  });

  test('an intact log holds against its checkpoints; without the key only positions are checked', () => {
    checkpoint(append(4), '2026-11-23');
    checkpoint(append(5), '2026-11-24');
    append(2);
    assert.deepEqual(verifyCheckpoints(db, signer), { ok: true, checked: 2, macsChecked: true, anchoredSeq: 9, problems: [] });
    assert.deepEqual(verifyCheckpoints(db, null), { ok: true, checked: 2, macsChecked: false, anchoredSeq: 9, problems: [] });
    assert.equal(verifyCheckpoints(db, new CheckpointSigner(randomBytes(32))).problems.filter((p) => p.kind === 'forged').length, 2, "another hall's key");
  });

  test('a truncated log and a rewritten one are named with the sequence numbers', () => {
    checkpoint(append(4), '2026-11-23');
    checkpoint(append(5), '2026-11-24');
    db.exec('DROP TRIGGER events_no_delete; DROP TRIGGER events_no_update');
    db.prepare('DELETE FROM events WHERE seq > 6').run();
    const truncated = verifyCheckpoints(db, signer);
    assert.equal(truncated.anchoredSeq, 4);
    assert.deepEqual(
      truncated.problems.map((p) => [p.kind, p.seq, p.fromSeq]),
      [['truncated', 9, 5]],
    );
    assert.match(truncated.problems[0]?.reason ?? '', /the log ends at seq 6, but the day close of 2026-11-24 anchored seq 9: events 7–9 are missing/);

    db.prepare('UPDATE events SET hash = ? WHERE seq = 4').run('c'.repeat(64));
    const rewritten = verifyCheckpoints(db, signer);
    assert.deepEqual(
      rewritten.problems.map((p) => [p.kind, p.seq, p.fromSeq]),
      [
        ['rewritten', 4, 1],
        ['truncated', 9, 1],
      ],
    );
  });

  test('the provincial copy finds a deleted checkpoint; an identical copy adds nothing', () => {
    const first = checkpoint(append(4), '2026-11-23');
    const second = signer.sign({ seq: 9, headHash: append(5).hash, at: T0, businessDate: '2026-11-24' });
    assert.deepEqual(verifyCheckpoints(db, signer, [first]), { ok: true, checked: 1, macsChecked: true, anchoredSeq: 4, problems: [] });
    const found = verifyCheckpoints(db, signer, [first, second]);
    assert.deepEqual(
      found.problems.map((p) => [p.kind, p.seq]),
      [['missing', 9]],
    );
    assert.equal(found.anchoredSeq, 9, 'the copy is checked like the others: the log still reaches it');
  });
});
