/**
 * Chain format 2: a person hash stays in the hall and enters the chain only through a keyed
 * digest; the links can be recomputed from the public form alone (as the province hub does); the
 * hall, holding the key, detects a changed person hash; a format-1 log is upgraded once, and a
 * broken format-1 log is left as it is.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, chainBody, GENESIS_HASH } from '../../../../electron/common/event-chain.ts';
import type { DomainEvent } from '../../../../electron/common/events.ts';
import {
  EventAppender,
  eventHash,
  hmacChainSealer,
  publicEventOf,
  upgradeChainFormat,
  verifyEventChain,
  type EventRow,
} from '../../../../electron/store/event-log.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const sealer = hmacChainSealer(Buffer.alloc(32, 7));

function issued(i: number, personHash: string | null): DomainEvent {
  return {
    type: 'ticket.issued',
    at: T0 + i,
    ticketId: `t-${i}`,
    counterId: null,
    data: { ticket: { id: `t-${i}`, number: `A00${i}`, businessDate: '2026-03-02', personHash } } as never,
  };
}

function withDb(run: (db: HallDatabase) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'chain-'));
  const db = openHallDatabase(join(dir, 'hall.db'));
  try {
    run(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = (db: HallDatabase): EventRow[] => db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[];

describe('event chain format 2', () => {
  test('the public form carries no person hash and every link recomputes from it alone', () => {
    withDb((db) => {
      const appender = new EventAppender(db, sealer);
      db.transaction(() => appender.append([issued(1, 'a'.repeat(64)), issued(2, null)]))();
      let prev = GENESIS_HASH;
      for (const row of rows(db)) {
        const pub = publicEventOf(row);
        assert.equal((pub.data.ticket as Record<string, unknown>).personHash, undefined);
        assert.match(pub.data.privateDigest as string, /^[0-9a-f]{64}$/);
        const body = chainBody({
          seq: pub.seq,
          at: pub.at,
          type: pub.type,
          ticketId: pub.ticketId,
          counterId: pub.counterId,
          dataJson: canonicalJson(pub.data),
        });
        assert.equal(createHash('sha256').update(prev).update('\n').update(body).digest('hex'), row.hash);
        prev = row.hash;
      }
      assert.deepEqual(verifyEventChain(db, sealer), { ok: true, checked: 2, lastSeq: 2, firstBroken: null });
    });
  });

  test('a changed person hash keeps the links but fails the keyed digest in the hall', () => {
    withDb((db) => {
      const appender = new EventAppender(db, sealer);
      db.transaction(() => appender.append([issued(1, 'a'.repeat(64)), issued(2, 'b'.repeat(64))]))();
      db.exec('DROP TRIGGER events_no_update');
      db.prepare("UPDATE events SET data = json_set(data, '$.ticket.personHash', ?) WHERE seq = 1").run('c'.repeat(64));
      assert.equal(verifyEventChain(db).ok, true, 'without the key only the links are checked');
      const withKey = verifyEventChain(db, sealer);
      assert.equal(withKey.ok, false);
      assert.equal(withKey.firstBroken?.seq, 1);
      assert.match(withKey.firstBroken?.reason ?? '', /person hash was altered/);
    });
  });

  test('a format-1 log is re-linked once in format 2; a broken one is left as it is', () => {
    for (const broken of [false, true]) {
      withDb((db) => {
        // A format-1 log written by hand: the whole data hashed, no digest.
        const insert = db.prepare('INSERT INTO events (seq, at, type, ticket_id, counter_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
        let prev = GENESIS_HASH;
        for (let i = 1; i <= 3; i++) {
          const e = issued(i, 'd'.repeat(64));
          const dataJson = canonicalJson(e.data);
          const hash = eventHash(prev, { seq: i, at: e.at, type: e.type, ticketId: e.ticketId, counterId: e.counterId, dataJson });
          insert.run(i, e.at, e.type, e.ticketId, null, broken && i === 2 ? dataJson.replace('A002', 'A009') : dataJson, prev, hash);
          prev = hash;
        }
        const before = rows(db);
        const { upgraded } = upgradeChainFormat(db, sealer);
        if (broken) {
          assert.equal(upgraded, 0);
          assert.deepEqual(rows(db), before);
          assert.equal(verifyEventChain(db).firstBroken?.seq, 2);
        } else {
          assert.equal(upgraded, 3);
          assert.deepEqual(verifyEventChain(db, sealer), { ok: true, checked: 3, lastSeq: 3, firstBroken: null });
          assert.equal(upgradeChainFormat(db, sealer).upgraded, 0, 'once only');
          assert.throws(() => db.prepare('UPDATE events SET at = 0 WHERE seq = 1').run(), /append-only/, 'the triggers are back');
        }
      });
    }
  });
});
