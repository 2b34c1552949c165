/**
 * Concurrent issuing over HTTP: 20 kiosks (each its own enrolled device and token) issue 1,000
 * tickets at once against a real server. Numbers must be unique and gap-free per service, each
 * kiosk's own tickets must be numbered in the order it asked for them, and the snapshot, the
 * database and the hash-chained event log must all agree. A daily quota must hold under the
 * same concurrency.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IssueTicketResponse } from '../../../electron/common/wire.ts';
import { verifyEventChain } from '../../../electron/store/event-log.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

/** 10:00 in Hanoi on a Monday; the clock then runs at real speed (tests may run at any hour). */
const ANCHOR = Date.parse('2026-03-02T03:00:00Z');
function anchoredClock(): () => number {
  const started = Date.now();
  return () => ANCHOR + (Date.now() - started);
}

const KIOSKS = 20;
const PER_KIOSK = 50;
const SERVICES = ['ho-tich', 'chung-thuc', 'ldtbxh'] as const;
const PREFIX: Record<string, string> = { 'ho-tich': 'A', 'chung-thuc': 'B', ldtbxh: 'F', 'dat-dai': 'C' };

interface Issued {
  readonly kiosk: number;
  readonly serviceId: string;
  readonly status: number;
  readonly body: IssueTicketResponse & { error?: { code: string } };
}

describe('20 kiosks issuing 1,000 tickets concurrently', () => {
  let hall: TestHall;
  let tokens: string[];
  let issued: Issued[][];
  let elapsedMs = 0;

  before(async () => {
    hall = await startTestHall({ clock: anchoredClock() });
    tokens = Array.from({ length: KIOSKS }, () => hall.device('kiosk'));
    const started = performance.now();
    // Kiosks run concurrently; each issues its tickets one after another, as a real kiosk does.
    issued = await Promise.all(
      tokens.map(async (token, kiosk) => {
        const mine: Issued[] = [];
        for (let i = 0; i < PER_KIOSK; i += 1) {
          const serviceId = SERVICES[(kiosk + i) % SERVICES.length] as string;
          const res = await api<IssueTicketResponse>(hall.url, 'POST', '/api/v1/tickets', { token, body: { serviceId } });
          mine.push({ kiosk, serviceId, status: res.status, body: res.json });
        }
        return mine;
      }),
    );
    elapsedMs = performance.now() - started;
  });

  after(async () => {
    await hall?.close();
  });

  test('every request is answered 201 with a distinct id and number', (t) => {
    const all = issued.flat();
    assert.equal(all.length, KIOSKS * PER_KIOSK);
    const failed = all.filter((r) => r.status !== 201);
    assert.deepEqual(failed.slice(0, 3), [], `${failed.length} request(s) failed`);
    assert.equal(new Set(all.map((r) => r.body.ticket.id)).size, 1000, 'ids are distinct');
    assert.equal(new Set(all.map((r) => r.body.ticket.number)).size, 1000, 'numbers are distinct');
    for (const r of all) {
      assert.equal(r.body.ticket.serviceId, r.serviceId);
      assert.equal(r.body.ticket.status, 'waiting');
      assert.equal(r.body.ticket.number, `${PREFIX[r.serviceId]}${String(r.body.ticket.seq).padStart(3, '0')}`);
      assert.match(r.body.statusPath, /^\/t\/[A-Za-z0-9_-]{22}$/);
    }
    assert.equal(new Set(all.map((r) => r.body.statusPath)).size, 1000, 'every ticket has its own page link');
    t.diagnostic(`1,000 tickets from ${KIOSKS} kiosks in ${Math.round(elapsedMs)} ms`);
  });

  test('per service the sequence is exactly 1..n, without gaps or duplicates', () => {
    const all = issued.flat();
    for (const serviceId of SERVICES) {
      const seqs = all
        .filter((r) => r.serviceId === serviceId)
        .map((r) => r.body.ticket.seq)
        .sort((a, b) => a - b);
      assert.ok(seqs.length > 300, `${serviceId} got a share of the load (${seqs.length})`);
      assert.deepEqual(
        seqs,
        Array.from({ length: seqs.length }, (_, i) => i + 1),
        `${serviceId}: 1..${seqs.length}`,
      );
    }
  });

  test("each kiosk's successive tickets within a service are numbered in the order it asked", () => {
    for (const mine of issued) {
      for (const serviceId of SERVICES) {
        const seqs = mine.filter((r) => r.serviceId === serviceId).map((r) => r.body.ticket.seq);
        assert.ok(seqs.length >= 16);
        for (let i = 1; i < seqs.length; i += 1) {
          assert.ok((seqs[i] ?? 0) > (seqs[i - 1] ?? 0), `kiosk ${mine[0]?.kiosk} ${serviceId}: ${seqs.join(',')}`);
        }
      }
    }
  });

  test('the snapshot counts 1,000 waiting tickets', async () => {
    const snap = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: tokens[0] });
    assert.equal(snap.status, 200);
    const waiting = (snap.json.services as { id: string; waiting: number }[]).reduce((sum, s) => sum + s.waiting, 0);
    assert.equal(waiting, 1000);
    for (const serviceId of SERVICES) {
      const expected = issued.flat().filter((r) => r.serviceId === serviceId).length;
      assert.equal(snap.json.services.find((s: { id: string }) => s.id === serviceId).waiting, expected);
    }
    assert.equal(snap.json.queue.length, 1000);
    // One ticket.issued event per ticket, nothing else.
    assert.equal(snap.json.seq, 1000);
  });

  test('the database holds the 1,000 tickets and the event log verifies', () => {
    // Ticket rows follow the acknowledged events shortly (QueueStore contract); a second
    // connection reads them once they are written.
    hall.server.hall.flushProjections();
    const db = openHallDatabase(hall.dbPath, { readonly: true });
    try {
      const count = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
      assert.equal(count, 1000);
      const rows = db.prepare('SELECT id, number, issued_service_id AS s, seq FROM tickets').all() as { id: string; number: string; s: string; seq: number }[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const r of issued.flat()) {
        const row = byId.get(r.body.ticket.id);
        assert.ok(row, `ticket ${r.body.ticket.number} is stored`);
        assert.equal(row.number, r.body.ticket.number);
        assert.equal(row.s, r.serviceId);
      }
      const events = (db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket.issued'").get() as { n: number }).n;
      assert.equal(events, 1000);
      const chain = verifyEventChain(db);
      assert.equal(chain.ok, true, JSON.stringify(chain.firstBroken));
      assert.equal(chain.checked, 1000);
      assert.equal(chain.lastSeq, 1000);
    } finally {
      db.close();
    }
    // The live connection sees the same log.
    assert.equal(verifyEventChain(hall.server.db).ok, true);
  });
});

describe('a daily quota under concurrency', () => {
  const QUOTA = 80;
  const ATTEMPTS_PER_KIOSK = 6;
  let hall: TestHall;
  let results: { kiosk: number; status: number; json: any }[][];

  before(async () => {
    hall = await startTestHall({ clock: anchoredClock() });
    assert.equal(hall.config.services.find((s) => s.id === 'dat-dai')?.dailyQuota, QUOTA, 'the demo hall caps dat-dai at 80');
    const tokens = Array.from({ length: KIOSKS }, () => hall.device('kiosk'));
    results = await Promise.all(
      tokens.map(async (token, kiosk) => {
        const mine: { kiosk: number; status: number; json: any }[] = [];
        for (let i = 0; i < ATTEMPTS_PER_KIOSK; i += 1) {
          const res = await api(hall.url, 'POST', '/api/v1/tickets', { token, body: { serviceId: 'dat-dai' } });
          mine.push({ kiosk, status: res.status, json: res.json });
        }
        return mine;
      }),
    );
  });

  after(async () => {
    await hall?.close();
  });

  test('exactly 80 tickets are issued (C001..C080); every further request gets 409 QUOTA_REACHED', () => {
    const all = results.flat();
    assert.equal(all.length, KIOSKS * ATTEMPTS_PER_KIOSK);
    const ok = all.filter((r) => r.status === 201);
    const refused = all.filter((r) => r.status !== 201);
    assert.equal(ok.length, QUOTA);
    assert.equal(refused.length, all.length - QUOTA);
    for (const r of refused) {
      assert.equal(r.status, 409);
      assert.equal(r.json.error.code, 'QUOTA_REACHED');
      assert.equal(r.json.error.details.dailyQuota, QUOTA);
    }
    const numbers = ok.map((r) => r.json.ticket.number as string).sort();
    assert.deepEqual(
      numbers,
      Array.from({ length: QUOTA }, (_, i) => `C${String(i + 1).padStart(3, '0')}`),
    );
    // Once the quota is used up it stays used up: no kiosk gets a ticket after its first refusal.
    for (const mine of results) {
      const firstRefusal = mine.findIndex((r) => r.status !== 201);
      if (firstRefusal >= 0)
        assert.ok(
          mine.slice(firstRefusal).every((r) => r.status === 409),
          `kiosk ${mine[0]?.kiosk}`,
        );
    }
  });

  test('the quota is per service: other services still issue, and the store agrees', async () => {
    const token = hall.device('kiosk');
    const again = await api(hall.url, 'POST', '/api/v1/tickets', { token, body: { serviceId: 'dat-dai' } });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'QUOTA_REACHED');
    const other = await api(hall.url, 'POST', '/api/v1/tickets', { token, body: { serviceId: 'xay-dung' } });
    assert.equal(other.status, 201);
    assert.equal(other.json.ticket.number, 'D001');
    hall.server.hall.flushProjections(); // the rows follow their events (QueueStore contract); read from the table below
    const db = hall.server.db;
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE issued_service_id = 'dat-dai'").get() as { n: number }).n, QUOTA);
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n, QUOTA + 1, 'refusals write nothing');
    assert.equal(verifyEventChain(db).ok, true);
  });
});
