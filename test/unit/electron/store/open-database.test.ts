/**
 * Opening the hall database: durable pragmas, STRICT tables, idempotent reopening, refusal of a
 * database written by a newer release, and migrations that roll back as a whole.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../electron/store/migrations/index.ts';
import { DatabaseVersionError, openHallDatabase } from '../../../../electron/store/open-database.ts';

const EXPECTED_TABLES = [
  'appointments',
  'counters',
  'devices',
  'dossier_outcomes',
  'dossier_papers',
  'dossier_results',
  'dossier_sequences',
  'dossiers',
  'events',
  'hall_meta',
  'idempotency_keys',
  'kpi_daily',
  'kpi_daily_waits',
  'log_checkpoints',
  'outbox',
  'staff',
  'staff_sessions',
  'survey_answers',
  'ticket_links',
  'tickets',
];

function userTables(db: Database.Database): { name: string; sql: string }[] {
  return db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];
}

const fileDigest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('openHallDatabase', () => {
  let dir = '';
  let n = 0;
  const freshPath = (): string => join(dir, `hall-${++n}.db`);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hall-open-db-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('migrations are numbered 1..N without gaps and LATEST_SCHEMA_VERSION is N', () => {
    assert.ok(MIGRATIONS.length >= 1);
    MIGRATIONS.forEach((m, i) => assert.equal(m.version, i + 1, `migration ${m.name}`));
    assert.equal(LATEST_SCHEMA_VERSION, MIGRATIONS.length);
  });

  test('a new database gets the latest schema version and durable pragmas', () => {
    const db = openHallDatabase(freshPath());
    try {
      assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2, 'synchronous = FULL');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.deepEqual(
        userTables(db).map((t) => t.name),
        EXPECTED_TABLES,
      );
    } finally {
      db.close();
    }
  });

  test('every table is STRICT', () => {
    const db = openHallDatabase(freshPath());
    try {
      const tables = userTables(db);
      assert.ok(tables.length > 0);
      for (const t of tables) assert.match(t.sql, /\)\s*STRICT(\s*,\s*WITHOUT ROWID)?\s*$/i, `table ${t.name} is STRICT`);
      const listed = db.pragma('table_list') as { schema: string; name: string; type: string; strict: number }[];
      const ours = listed.filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'));
      assert.deepEqual(ours.map((t) => t.name).sort(), EXPECTED_TABLES);
      for (const t of ours) assert.equal(t.strict, 1, `PRAGMA table_list says ${t.name} is strict`);
      // STRICT in action: a text in an INTEGER column is refused.
      assert.throws(
        () => db.prepare("INSERT INTO counters (id, state, priority_streak, updated_at) VALUES ('quay-1', 'open', 'many', 0)").run(),
        /cannot store TEXT value in INTEGER column/i,
      );
    } finally {
      db.close();
    }
  });

  test('reopening is idempotent: same version, same schema, data kept', () => {
    const path = freshPath();
    const first = openHallDatabase(path);
    const schemaBefore = userTables(first);
    first.prepare("INSERT INTO hall_meta (key, value) VALUES ('marker', 'kept')").run();
    first.close();
    for (let i = 0; i < 2; i += 1) {
      const again = openHallDatabase(path);
      try {
        assert.equal(again.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
        assert.equal(again.pragma('journal_mode', { simple: true }), 'wal');
        assert.equal(again.pragma('synchronous', { simple: true }), 2);
        assert.equal(again.pragma('foreign_keys', { simple: true }), 1);
        assert.deepEqual(userTables(again), schemaBefore);
        assert.deepEqual(again.prepare("SELECT value FROM hall_meta WHERE key = 'marker'").get(), { value: 'kept' });
      } finally {
        again.close();
      }
    }
  });

  test('foreign keys are enforced on an opened database', () => {
    const db = openHallDatabase(freshPath());
    try {
      assert.throws(
        () => db.prepare("INSERT INTO staff_sessions (token_hash, staff_id, device_id, created_at, expires_at) VALUES ('h', 'nobody', 'nothing', 1, 2)").run(),
        /FOREIGN KEY constraint failed/,
      );
    } finally {
      db.close();
    }
  });

  test('a database from a newer release is refused with DatabaseVersionError and left unchanged', () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.exec("CREATE TABLE future_thing (x TEXT); INSERT INTO future_thing VALUES ('from the future');");
    raw.pragma('user_version = 99');
    raw.close();
    const digest = fileDigest(path);

    assert.throws(
      () => openHallDatabase(path),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseVersionError);
        assert.equal(error.name, 'DatabaseVersionError');
        assert.equal(error.found, 99);
        assert.equal(error.supported, LATEST_SCHEMA_VERSION);
        assert.match(error.message, /schema version 99/);
        assert.match(error.message, new RegExp(`supports \\(${LATEST_SCHEMA_VERSION}\\)`));
        assert.match(error.message, /Install the newer release/);
        assert.match(error.message, /not changed/);
        return true;
      },
    );
    // Read-only opening is refused the same way.
    assert.throws(() => openHallDatabase(path, { readonly: true }), DatabaseVersionError);

    assert.equal(fileDigest(path), digest, 'the file bytes are unchanged');
    assert.equal(existsSync(`${path}-wal`), false, 'no WAL file was created');
    const check = new Database(path, { readonly: true });
    try {
      assert.equal(check.pragma('user_version', { simple: true }), 99);
      assert.equal(check.pragma('journal_mode', { simple: true }), 'delete', 'journal mode not switched to WAL');
      assert.deepEqual(
        userTables(check).map((t) => t.name),
        ['future_thing'],
      );
    } finally {
      check.close();
    }
  });

  test('a failing migration rolls back: a clashing "tickets" table leaves user_version at 0', () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.exec('CREATE TABLE tickets (whatever TEXT)');
    raw.close();

    assert.throws(() => openHallDatabase(path), /table tickets already exists/);

    const check = new Database(path, { readonly: true });
    try {
      assert.equal(check.pragma('user_version', { simple: true }), 0);
      assert.deepEqual(
        userTables(check).map((t) => t.name),
        ['tickets'],
      );
      assert.deepEqual(
        (check.pragma('table_info(tickets)') as { name: string }[]).map((c) => c.name),
        ['whatever'],
        'the pre-existing table is untouched',
      );
    } finally {
      check.close();
    }
  });

  test('a migration failing half-way rolls back the statements that already ran', () => {
    // hall_meta is the last table of migration 1: every other table is created before the clash.
    const path = freshPath();
    const raw = new Database(path);
    raw.exec('CREATE TABLE hall_meta (k TEXT)');
    raw.close();

    assert.throws(() => openHallDatabase(path), /table hall_meta already exists/);

    const check = new Database(path, { readonly: true });
    try {
      assert.equal(check.pragma('user_version', { simple: true }), 0);
      assert.deepEqual(
        userTables(check).map((t) => t.name),
        ['hall_meta'],
        'no table of the failed migration remains',
      );
      const others = check.prepare("SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger')").all();
      assert.deepEqual(others, [], 'no index or trigger of the failed migration remains');
    } finally {
      check.close();
    }

    // Once the clash is removed, the same file migrates normally.
    const fix = new Database(path);
    fix.exec('DROP TABLE hall_meta');
    fix.close();
    const db = openHallDatabase(path);
    try {
      assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      assert.deepEqual(
        userTables(db).map((t) => t.name),
        EXPECTED_TABLES,
      );
    } finally {
      db.close();
    }
  });

  test('read-only opening of a missing file fails without creating it', () => {
    const path = freshPath();
    assert.throws(() => openHallDatabase(path, { readonly: true }));
    assert.equal(existsSync(path), false);
  });
});
