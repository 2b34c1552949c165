/**
 * WAL checkpoints in idle moments (store/idle-checkpoints.ts), on a real hall database file: none
 * before enough commands, a full checkpoint after, the WAL then started again from its beginning
 * (so it is reused rather than grown), and SQLite's automatic checkpoint kept as the bound.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { IdleCheckpoints } from '../../../../electron/store/idle-checkpoints.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';

describe('WAL checkpoints in idle moments', () => {
  let dir = '';
  let db: HallDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idle-checkpoints-'));
    db = openHallDatabase(join(dir, 'hall.db'));
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `n` commits of a few pages each, counted as commands. */
  const commit = (checkpoints: IdleCheckpoints, n: number): void => {
    const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
    for (let i = 0; i < n; i++) {
      insert.run('x'.repeat(3000));
      checkpoints.noteCommit();
    }
  };
  /** Frames in the WAL now (a PASSIVE checkpoint reports them; it copies them too, which these tests do not mind). */
  const walFrames = (): number => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? -1;

  test('keeps SQLite’s automatic checkpoint as the bound for load without idle moments', () => {
    new IdleCheckpoints(db, { commits: 10, busyPages: 2500 });
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 2500);
  });

  test('does nothing before enough commands were committed', () => {
    const checkpoints = new IdleCheckpoints(db, { commits: 20, busyPages: 4000 });
    commit(checkpoints, 19);
    assert.equal(checkpoints.runIfDue(), null);
    assert.equal(db.prepare("SELECT count(*) FROM hall_meta WHERE key = 'wal_checkpointed_at'").pluck().get(), 0);
  });

  test('copies the whole WAL once due, then starts the WAL again at once with a small write', () => {
    const checkpoints = new IdleCheckpoints(db, { commits: 20, busyPages: 4000 });
    commit(checkpoints, 20);
    const done = checkpoints.runIfDue();
    assert.ok(done !== null);
    assert.ok(done.frames >= 20, `frames ${done.frames}`);
    assert.equal(done.copied, done.frames, 'a PASSIVE checkpoint with no reader copies every frame');
    assert.ok(done.seconds >= 0);
    // The write that followed started the WAL from its beginning: only its own frames are in it.
    const after = walFrames();
    assert.ok(after > 0 && after < 5, `frames after the restart: ${after}`);
    assert.ok(Number(db.prepare("SELECT value FROM hall_meta WHERE key = 'wal_checkpointed_at'").pluck().get()) > 0);
    assert.equal(checkpoints.runIfDue(), null, 'the count starts again');
  });

  test('the WAL is reused from its beginning cycle after cycle, not grown', () => {
    const checkpoints = new IdleCheckpoints(db, { commits: 30, busyPages: 4000 });
    const sizes: number[] = [];
    for (let cycle = 0; cycle < 6; cycle++) {
      commit(checkpoints, 30);
      assert.ok(checkpoints.runIfDue() !== null);
      sizes.push(statSync(`${db.name}-wal`).size);
    }
    assert.ok(
      sizes.every((s) => s === sizes[0]),
      `WAL sizes: ${sizes.join(', ')}`,
    );
    assert.equal(db.prepare('SELECT count(*) FROM filler').pluck().get(), 180);
  });

  test('without idle checkpoints the same commits grow the WAL (the control)', () => {
    const checkpoints = new IdleCheckpoints(db, { commits: 30, busyPages: 4000 });
    const sizes: number[] = [];
    for (let cycle = 0; cycle < 6; cycle++) {
      commit(checkpoints, 30);
      sizes.push(statSync(`${db.name}-wal`).size);
    }
    assert.ok(
      sizes.every((s, i) => i === 0 || s > (sizes[i - 1] ?? 0)),
      `WAL sizes: ${sizes.join(', ')}`,
    );
  });

  test('a database without a WAL file (in memory) has nothing to checkpoint', () => {
    const memory = new Database(':memory:');
    try {
      const checkpoints = new IdleCheckpoints(memory, { commits: 1, busyPages: 4000 });
      checkpoints.noteCommit();
      assert.equal(checkpoints.runIfDue(), null);
    } finally {
      memory.close();
    }
  });
});
