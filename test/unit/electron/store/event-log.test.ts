/**
 * The append-only, hash-chained event log: canonical JSON, chain links, the append-only triggers
 * and the verifier's report of the first broken row.
 */
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { DomainEvent } from '../../../../electron/common/events.ts';
import { canonicalJson, EventAppender, eventHash, GENESIS_HASH, rowToEvent, verifyEventChain, type EventRow } from '../../../../electron/store/event-log.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);

/** A few hand-built events of different types, with nested data. */
function sampleEvents(count: number): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = T0 + i * 1000;
    switch (i % 4) {
      case 0:
        events.push({ type: 'counter.opened', at, ticketId: null, counterId: 'quay-1', data: { officerId: `officer-${i}` } });
        break;
      case 1:
        events.push({
          type: 'ticket.called',
          at,
          ticketId: `t-${i}`,
          counterId: 'quay-1',
          data: { number: `A${String(i).padStart(3, '0')}`, serviceId: 'ho-tich', priority: 'normal', officerId: 'officer-0', callCount: 1, how: 'next' },
        });
        break;
      case 2:
        events.push({ type: 'counter.paused', at, ticketId: null, counterId: 'quay-2', data: { reason: `nghỉ giải lao ${i} "quote"` } });
        break;
      default:
        events.push({ type: 'counter.resumed', at, ticketId: null, counterId: 'quay-2', data: {} });
    }
  }
  return events;
}

type Row = EventRow;

const allRows = (db: HallDatabase): Row[] => db.prepare('SELECT * FROM events ORDER BY seq').all() as Row[];

/** Rebuilds an object with its own keys in reverse order, recursively (keeps "__proto__" as data). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('canonicalJson', () => {
  test('sorts keys recursively, independent of insertion order', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, s: 'x' };
    const b = { s: 'x', a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 };
    assert.equal(canonicalJson(a), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1,"s":"x"}');
    assert.equal(canonicalJson(b), canonicalJson(a));
  });

  test('drops undefined properties like JSON.stringify, keeps array order', () => {
    assert.equal(canonicalJson({ a: undefined, b: 2 }), '{"b":2}');
    assert.equal(canonicalJson([3, 1, 2]), '[3,1,2]');
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson('Quầy số 1'), JSON.stringify('Quầy số 1'));
  });

  test('writes primitives exactly as JSON.stringify does (escapes, lone surrogates, -0, non-finite numbers)', () => {
    const values = [
      'say "hi"',
      'a\\b',
      'tab\there',
      '\u0000\u001f',
      '\ud800 lone',
      'pair 😀',
      '',
      -0,
      1e21,
      0.1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      false,
      null,
    ];
    for (const v of values) assert.equal(canonicalJson(v), JSON.stringify(v), String(v));
    assert.equal(canonicalJson({ 'k"ey': 'v\n', ok: [Number.NaN] }), '{"k\\"ey":"v\\n","ok":[null]}');
  });

  test('property: primitives and sorted objects give the same text as JSON.stringify', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean()), (value) => {
        assert.equal(canonicalJson(value), JSON.stringify(value));
        assert.equal(canonicalJson({ [String(value)]: value }), JSON.stringify({ [String(value)]: value }));
      }),
      { numRuns: 500 },
    );
  });

  test('property: any key order gives the same text, and the text parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        assert.equal(canonicalJson(reverseKeys(value)), text);
        assert.equal(canonicalJson(JSON.parse(text)), text, 'canonical text is a fixed point');
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('event log', () => {
  let dir = '';
  let db: HallDatabase;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hall-event-log-'));
    db = openHallDatabase(join(dir, 'hall.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('append numbers events from 1 and links each to the previous hash (genesis = 64 zeros)', () => {
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    const appender = new EventAppender(db);
    assert.equal(appender.lastSeq, 0);
    const stored = [...appender.append(sampleEvents(3)), ...appender.append(sampleEvents(4).slice(3))];
    assert.deepEqual(
      stored.map((e) => e.seq),
      [1, 2, 3, 4],
    );
    assert.equal(appender.lastSeq, 4);
    const rows = allRows(db);
    assert.equal(rows.length, 4);
    rows.forEach((row, i) => {
      assert.equal(row.seq, i + 1);
      assert.equal(row.prev_hash, i === 0 ? GENESIS_HASH : rows[i - 1]?.hash);
      assert.match(row.hash, /^[0-9a-f]{64}$/);
      assert.equal(row.prev_hash, stored[i]?.prevHash);
      assert.equal(row.hash, stored[i]?.hash);
      // The documented formula, computed independently of eventHash.
      const body = canonicalJson({ seq: row.seq, at: row.at, type: row.type, ticketId: row.ticket_id, counterId: row.counter_id, data: JSON.parse(row.data) });
      assert.equal(row.hash, createHash('sha256').update(`${row.prev_hash}\n${body}`).digest('hex'));
      assert.equal(row.data, canonicalJson(JSON.parse(row.data)), 'data is stored canonically');
    });
    assert.equal(new Set(rows.map((r) => r.hash)).size, rows.length);
  });

  test('stored rows read back as the appended events', () => {
    const appender = new EventAppender(db);
    const events = sampleEvents(4);
    const stored = appender.append(events);
    const read = allRows(db).map(rowToEvent);
    assert.deepEqual(read, stored);
    read.forEach((e, i) => {
      const { seq: _s, prevHash: _p, hash: _h, ...plain } = e;
      assert.deepEqual(plain, events[i]);
    });
  });

  test('the hash does not depend on the key order of the event data', () => {
    const data = { number: 'A001', serviceId: 'ho-tich', priority: 'normal', officerId: null, callCount: 1, how: 'next' } as const;
    const reordered = reverseKeys(data) as typeof data;
    const fields = { seq: 1, at: T0, type: 'ticket.called', ticketId: 't-1', counterId: 'quay-1' };
    assert.equal(
      eventHash(GENESIS_HASH, { ...fields, dataJson: canonicalJson(data) }),
      eventHash(GENESIS_HASH, { ...fields, dataJson: canonicalJson(reordered) }),
    );
    assert.notEqual(
      eventHash(GENESIS_HASH, { ...fields, dataJson: canonicalJson(data) }),
      eventHash(GENESIS_HASH, { ...fields, at: T0 + 1, dataJson: canonicalJson(data) }),
    );
  });

  test('a new appender continues after the head on disk', () => {
    new EventAppender(db).append(sampleEvents(2));
    const next = new EventAppender(db);
    assert.equal(next.lastSeq, 2);
    const [third] = next.append(sampleEvents(3).slice(2));
    assert.equal(third?.seq, 3);
    assert.equal(third?.prevHash, allRows(db)[1]?.hash);
    assert.equal(verifyEventChain(db).ok, true);
  });

  test('UPDATE and DELETE on events are refused by triggers', () => {
    new EventAppender(db).append(sampleEvents(3));
    const before = allRows(db);
    assert.throws(() => db.prepare("UPDATE events SET data = '{}' WHERE seq = 2").run(), /append-only/);
    assert.throws(() => db.prepare('UPDATE events SET at = at + 1').run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM events WHERE seq = 3').run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM events').run(), /append-only/);
    assert.deepEqual(allRows(db), before);
  });

  test('verifyEventChain: an empty log and an intact log are ok', () => {
    assert.deepEqual(verifyEventChain(db), { ok: true, checked: 0, lastSeq: 0, firstBroken: null });
    new EventAppender(db).append(sampleEvents(8));
    assert.deepEqual(verifyEventChain(db), { ok: true, checked: 8, lastSeq: 8, firstBroken: null });
  });

  test('verifyEventChain reports the first altered row when data is changed', () => {
    new EventAppender(db).append(sampleEvents(8));
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET data = ? WHERE seq = 5').run(canonicalJson({ officerId: 'someone-else' }));
    const result = verifyEventChain(db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, 5);
    assert.match(result.firstBroken?.reason ?? '', /altered/);
    assert.equal(result.checked, 4);
  });

  test('verifyEventChain reports the first altered row when its time is changed', () => {
    new EventAppender(db).append(sampleEvents(6));
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET at = at - 60000 WHERE seq IN (3, 5)').run();
    const result = verifyEventChain(db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, 3);
    assert.equal(result.checked, 2);
  });

  test('a row re-hashed after tampering breaks the link of the next row', () => {
    new EventAppender(db).append(sampleEvents(6));
    db.exec('DROP TRIGGER events_no_update');
    const row = allRows(db)[2] as Row;
    const dataJson = canonicalJson({ reason: 'rewritten' });
    const forged = eventHash(row.prev_hash, { seq: row.seq, at: row.at, type: row.type, ticketId: row.ticket_id, counterId: row.counter_id, dataJson });
    db.prepare('UPDATE events SET data = ?, hash = ? WHERE seq = 3').run(dataJson, forged);
    const result = verifyEventChain(db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, 4);
    assert.match(result.firstBroken?.reason ?? '', /prev_hash/);
  });

  test('data that is not JSON is reported at its row', () => {
    new EventAppender(db).append(sampleEvents(4));
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET data = '{broken' WHERE seq = 2").run();
    const result = verifyEventChain(db);
    assert.equal(result.firstBroken?.seq, 2);
    assert.match(result.firstBroken?.reason ?? '', /not valid JSON/);
  });

  test('a deleted middle row is reported as a sequence gap', () => {
    new EventAppender(db).append(sampleEvents(7));
    db.exec('DROP TRIGGER events_no_delete');
    db.prepare('DELETE FROM events WHERE seq = 4').run();
    const result = verifyEventChain(db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, 5);
    assert.match(result.firstBroken?.reason ?? '', /sequence gap: expected 4, found 5/);
    assert.equal(result.checked, 3);
  });

  test('a deleted first row is reported as a gap at the start', () => {
    new EventAppender(db).append(sampleEvents(3));
    db.exec('DROP TRIGGER events_no_delete');
    db.prepare('DELETE FROM events WHERE seq = 1').run();
    const result = verifyEventChain(db);
    assert.equal(result.firstBroken?.seq, 2);
    assert.match(result.firstBroken?.reason ?? '', /expected 1, found 2/);
  });

  test('property: altering any single row of any log is reported at exactly that row', () => {
    new EventAppender(db).append(sampleEvents(12));
    db.exec('DROP TRIGGER events_no_update');
    const original = allRows(db);
    const restore = db.prepare('UPDATE events SET at = ?, type = ?, ticket_id = ?, counter_id = ?, data = ? WHERE seq = ?');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.constantFrom('at', 'type', 'ticket_id', 'counter_id', 'data'), (seq, column) => {
        const row = original[seq - 1] as Row;
        const value =
          column === 'at'
            ? row.at + 1
            : column === 'type'
              ? `${row.type}.x`
              : column === 'ticket_id'
                ? row.ticket_id === null
                  ? 't-forged'
                  : null
                : column === 'counter_id'
                  ? row.counter_id === null
                    ? 'quay-9'
                    : null
                  : canonicalJson({ forged: true });
        db.prepare(`UPDATE events SET ${column} = ? WHERE seq = ?`).run(value, seq);
        try {
          const result = verifyEventChain(db);
          assert.equal(result.ok, false);
          assert.equal(result.firstBroken?.seq, seq);
        } finally {
          restore.run(row.at, row.type, row.ticket_id, row.counter_id, row.data, seq);
        }
        assert.equal(verifyEventChain(db).ok, true);
      }),
      { numRuns: 60 },
    );
  });
});
