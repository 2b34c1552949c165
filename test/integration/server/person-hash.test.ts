/**
 * Finding 5 of the hardening review: an ID number recovered from a copy of the database file.
 * The attack: take the file (no key file), collect every secret-looking value it holds, and test
 * every ID number of a likely range (here the attacker is even given a range that contains the
 * real one) against the person hashes in tickets and events. Against the earlier layout (the HMAC
 * salt in hall_meta) it finds the number; against the keyed hash it finds nothing, while the key
 * derived from the hall's key file does reproduce the hash. Then the migration of an existing
 * database and the retention: hashes leave tickets when their day has ended and appointments
 * when they are used.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../electron/store/migrations/index.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { HallKeys } from '../../../electron/server/hall-keys.ts';
import { hallKeyPath } from '../../../electron/server/dossier-crypto.ts';
import { api, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

const ID = '001090012345';
/** Monday 23/11/2026, 09:00 in Hanoi. */
const T0 = Date.parse('2026-11-23T02:00:00Z');
const DAY = 86_400_000;

/** Every hash-sized hex value and every hall_meta value the stolen file holds. */
function candidateKeys(db: Database.Database): string[] {
  return (db.prepare('SELECT value FROM hall_meta').pluck().all() as string[]).filter((v) => typeof v === 'string');
}

/** Tries the ID numbers of [from, to] under each key against the hashes; the numbers found. */
function bruteForce(hashes: ReadonlySet<string>, keys: readonly (string | Buffer)[], from: number, to: number): string[] {
  const found: string[] = [];
  for (const key of keys) {
    for (let n = from; n <= to; n++) {
      const id = String(n).padStart(12, '0');
      if (hashes.has(createHmac('sha256', key).update(id).digest('hex'))) found.push(id);
    }
  }
  return found;
}

function personHashesIn(db: Database.Database): Set<string> {
  const fromTickets = db.prepare('SELECT person_hash FROM tickets WHERE person_hash IS NOT NULL').pluck().all() as string[];
  const fromEvents = (db.prepare("SELECT data FROM events WHERE type = 'ticket.issued'").pluck().all() as string[])
    .map((d) => (JSON.parse(d) as { ticket: { personHash: string | null } }).ticket.personHash)
    .filter((h): h is string => h !== null);
  return new Set([...fromTickets, ...fromEvents]);
}

describe('person hashes keyed outside the database', () => {
  let hall: TestHall;
  let now = T0;
  const tmp = tempDir('person-hash-');
  const dbPath = join(tmp.dir, 'hall.db');

  before(async () => {
    hall = await startTestHall({ dbPath, clock: () => now });
    const kiosk = hall.device('kiosk');
    const issued = await api(hall.url, 'POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'ho-tich', priority: 'normal', idNumber: ID, consent: IDENTIFY_CONSENT },
    });
    assert.equal(issued.status, 201, JSON.stringify(issued.json));
    hall.server.hall.flushProjections();
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  test('a copy of the database alone gives no key that reproduces a person hash', async () => {
    const copy = join(tmp.dir, 'stolen.db');
    await hall.server.db.backup(copy);
    const stolen = new Database(copy, { readonly: true });
    try {
      const hashes = personHashesIn(stolen);
      assert.ok(hashes.size >= 1, 'the ticket and its event carry a person hash');
      const keys = candidateKeys(stolen);
      assert.deepEqual(bruteForce(hashes, keys, Number(ID) - 2_000, Number(ID) + 2_000), [], 'no value in the file keys the hash');
      assert.equal(stolen.prepare("SELECT COUNT(*) FROM hall_meta WHERE key = 'person_hash_salt'").pluck().get(), 0);
      // With the key file (kept apart from the database), the hash is the HMAC of the number.
      const personKey = new HallKeys(readFileSync(hallKeyPath(dbPath))).key('personHash');
      assert.deepEqual(bruteForce(hashes, [personKey], Number(ID) - 10, Number(ID) + 10), [ID]);
    } finally {
      stolen.close();
    }
  });

  test('the same attack on the earlier layout (salt in hall_meta) recovers the number', () => {
    const copy = join(tmp.dir, 'earlier.db');
    const db = new Database(copy);
    try {
      db.exec('CREATE TABLE hall_meta (key TEXT PRIMARY KEY, value TEXT); CREATE TABLE tickets (person_hash TEXT); CREATE TABLE events (type TEXT, data TEXT)');
      const salt = randomBytes(32).toString('hex');
      db.prepare("INSERT INTO hall_meta VALUES ('person_hash_salt', ?)").run(salt);
      db.prepare('INSERT INTO tickets VALUES (?)').run(createHmac('sha256', salt).update(ID).digest('hex'));
      assert.deepEqual(bruteForce(personHashesIn(db), candidateKeys(db), Number(ID) - 2_000, Number(ID) + 2_000), [ID]);
    } finally {
      db.close();
    }
  });

  test('the hash leaves the ticket once its business day has ended (the purge at start)', async () => {
    const hashOf = (h: TestHall): unknown => h.server.db.prepare('SELECT COUNT(*) FROM tickets WHERE person_hash IS NOT NULL').pluck().get();
    assert.equal(hashOf(hall), 1, 'kept while the day runs: the fairness rule needs it');
    await hall.close();
    now = T0 + DAY;
    hall = await startTestHall({ dbPath, clock: () => now });
    assert.equal(hashOf(hall), 0);
  });
});

describe('migration 6 on an existing database', () => {
  test('deletes the salt from hall_meta and the hashes made with it', (t) => {
    const tmp = tempDir('person-hash-migration-');
    t.after(tmp.cleanup);
    const path = join(tmp.dir, 'hall.db');
    const old = new Database(path);
    for (const m of MIGRATIONS.filter((x) => x.version <= 5)) old.exec(m.sql);
    old.pragma('user_version = 5');
    old.prepare("INSERT INTO hall_meta (key, value) VALUES ('person_hash_salt', 'abc')").run();
    old
      .prepare(`INSERT INTO tickets (id, business_date, issued_service_id, service_id, seq, number, priority, status, channel, issued_at, queued_at, person_hash)
      VALUES ('t1', '2026-11-23', 'ho-tich', 'ho-tich', 1, 'HT001', 'normal', 'waiting', 'kiosk', 1, 1, 'deadbeef')`)
      .run();
    old.close();
    const db = openHallDatabase(path);
    try {
      assert.equal(db.prepare("SELECT COUNT(*) FROM hall_meta WHERE key = 'person_hash_salt'").pluck().get(), 0);
      assert.equal(db.prepare("SELECT person_hash FROM tickets WHERE id = 't1'").pluck().get(), null);
    } finally {
      db.close();
    }
  });
});
