/**
 * The province hub on a real PostgreSQL: two real hall servers deliver their event logs through
 * their shippers; the hub's figures for each hall equal the hall's own getKpis; no person hash
 * reaches the hub; a tampered hall log, a log replayed from another database and a delivery
 * carrying a person hash are refused, each with an alert, while the head stays where it was.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { HallConfig } from '../../../electron/common/hall-config.ts';
import { enrollHall } from '../../../electron/province/credentials.ts';
import type { Hub } from '../../../electron/province/hub.ts';
import { api, openDemoHall, startTestHall, tempDir, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { eventually, hubGet, startTestHub, supervisorToken, testDatabase, type TestDatabase } from '../../support/province.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

const MINUTE = 60_000;
/** 08:00 in Hanoi on Monday 2026-03-02. */
const T0 = Date.parse('2026-03-02T01:00:00Z');
const DAY = '2026-03-02';

function hallConfig(id: string, name: string): HallConfig {
  const base = openDemoHall();
  return { ...base, hall: { ...base.hall, id, name: { vi: name, en: name } } };
}

const ok = (res: ApiResponse, status = 200): void => assert.equal(res.status, status, JSON.stringify(res.json));

/** A morning of one hall: tickets (one with an ID number), calls, services, a no-show, ratings. */
async function morning(hall: TestHall, clock: { now: number }, seed: number): Promise<void> {
  const kiosk = hall.device('kiosk');
  const quay1 = await hall.officerAt('quay-1');
  const quay2 = await hall.officerAt('quay-2');
  const rating1 = hall.device('rating', 'quay-1');
  const op = async (counterId: string, who: { token: string; session: string }, action: string, body?: unknown) => {
    const r = await api(hall.url, 'POST', `/api/v1/counters/${counterId}/${action}`, { token: who.token, session: who.session, body });
    ok(r);
    return r;
  };
  ok(
    await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', idNumber: '001099012345', consent: IDENTIFY_CONSENT } }),
    201,
  );
  for (let i = 0; i < 3 + seed; i++)
    ok(await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: i % 2 ? 'chung-thuc' : 'ho-tich' } }), 201);
  await op('quay-1', quay1, 'open');
  await op('quay-2', quay2, 'open');
  for (let round = 0; round < 2; round++) {
    clock.now += (7 + seed * 3) * MINUTE;
    await op('quay-1', quay1, 'call-next');
    await op('quay-1', quay1, 'start');
    clock.now += (9 + seed) * MINUTE;
    await op('quay-1', quay1, 'finish', { outcome: 'received_dossier' });
    ok(
      await api(hall.url, 'POST', '/api/v1/counters/quay-1/ratings', { token: rating1, body: { level: round === 0 ? 'very_satisfied' : 'dissatisfied' } }),
      201,
    );
  }
  clock.now += 4 * MINUTE;
  await op('quay-2', quay2, 'call-next');
  clock.now += 2 * MINUTE;
  await op('quay-2', quay2, 'no-show');
}

describe('province hub ingest from two real halls', () => {
  let db: TestDatabase;
  let hub: Hub;
  let supervisor: string;
  const tmp = tempDir('province-halls-');
  const halls: { hall: TestHall; clock: { now: number }; token: string }[] = [];

  before(async () => {
    db = await testDatabase();
    hub = await startTestHub(db.url);
    supervisor = await supervisorToken(hub);
    for (const [id, name] of [
      ['phuong-ben-nghe', 'Phường Bến Nghé'],
      ['xa-tan-nhut', 'Xã Tân Nhựt'],
    ] as const) {
      const token = await enrollHall(hub.pool, { id, name, district: 'kv-01' });
      const clock = { now: T0 };
      const hall = await startTestHall({
        config: hallConfig(id, name),
        clock: () => clock.now,
        dbPath: join(tmp.dir, `${id}.db`),
      });
      halls.push({ hall, clock, token });
    }
  });

  after(async () => {
    for (const h of halls) await h.hall.close();
    await hub?.close();
    await db?.drop();
    tmp.cleanup();
  });

  test("each hall delivers its whole log in batches; the hub figures equal the hall's getKpis", async () => {
    // The halls run first without the hub (a hall that joins later sends its history first).
    for (const [i, h] of halls.entries()) await morning(h.hall, h.clock, i);
    for (const h of halls) {
      await h.hall.close();
      const reopened = await startTestHall({
        config: h.hall.config,
        clock: () => h.clock.now,
        dbPath: h.hall.dbPath,
        server: { provinceHub: { baseUrl: hub.url, token: h.token, batchSize: 7, pollMs: 100 } },
      });
      (h as { hall: TestHall }).hall = reopened;
    }
    for (const h of halls) {
      const lastSeq = h.hall.server.hall.lastSeq;
      const id = h.hall.config.hall.id;
      await eventually(
        async () => ((await hub.pool.query('SELECT head_seq FROM halls WHERE id = $1', [id])).rows[0]?.head_seq === lastSeq ? true : undefined),
        `${id} delivered`,
      );
      const dashboard = h.hall.device('dashboard');
      for (const groupBy of ['none', 'service', 'counter', 'officer'] as const) {
        const own = await api(h.hall.url, 'GET', `/api/v1/kpis?from=${DAY}&to=${DAY}&groupBy=${groupBy}`, { token: dashboard });
        ok(own);
        assert.ok(
          own.json.rows.some((r: { tickets: number }) => r.tickets > 0),
          'the hall has figures to compare',
        );
        const atHub = await hubGet(hub, `/api/v1/halls/${id}/kpis?from=${DAY}&to=${DAY}&groupBy=${groupBy}`, supervisor);
        assert.equal(atHub.status, 200, JSON.stringify(atHub.json));
        assert.deepEqual(atHub.json.rows, own.json.rows, `${id} by ${groupBy}`);
      }
      const { rows } = await hub.pool.query('SELECT count(*)::int AS n, min(seq)::int AS lo, max(seq)::int AS hi FROM events WHERE hall_id = $1', [id]);
      assert.deepEqual(rows[0], { n: lastSeq, lo: 1, hi: lastSeq });
    }
  });

  test('no person hash reaches the hub; the issued ticket carries the keyed digest instead', async () => {
    const { rows } = await hub.pool.query(`SELECT data FROM events WHERE type = 'ticket.issued'`);
    assert.ok(rows.length > 0);
    for (const r of rows) {
      assert.equal(r.data.ticket.personHash, undefined);
      assert.match(r.data.privateDigest, /^[0-9a-f]{64}$/);
    }
    const hall = halls[0]?.hall;
    assert.ok(hall);
    const local = new Database(hall.dbPath, { readonly: true });
    const hashes = (
      local.prepare("SELECT json_extract(data, '$.ticket.personHash') AS h FROM events WHERE type = 'ticket.issued'").pluck().all() as (string | null)[]
    ).filter((h) => h !== null);
    local.close();
    assert.equal(hashes.length, 1, 'the hall keeps the person hash of the ticket issued with an ID number');
    const dump = JSON.stringify((await hub.pool.query('SELECT data FROM events')).rows);
    assert.ok(!dump.includes(hashes[0] as string), 'the person hash is nowhere in the hub');
  });

  test('a tampered hall log is refused at the tampered event, with an alert; the head stays before it', async () => {
    const id = 'xa-gia-mat';
    const token = await enrollHall(hub.pool, { id, name: 'Xã Gia Mật', district: 'kv-02' });
    const clock = { now: T0 };
    const dbPath = join(tmp.dir, `${id}.db`);
    const first = await startTestHall({ config: hallConfig(id, 'Xã Gia Mật'), clock: () => clock.now, dbPath });
    await morning(first, clock, 0);
    await first.close();
    const local = new Database(dbPath);
    const calledSeq = local.prepare("SELECT seq FROM events WHERE type = 'ticket.called' ORDER BY seq LIMIT 1").pluck().get() as number;
    local.exec('DROP TRIGGER events_no_update');
    // The officer's call is moved a minute earlier: a shorter wait than the citizen had.
    local.prepare('UPDATE events SET at = at - 60000 WHERE seq = ?').run(calledSeq);
    local.close();

    const hall = await startTestHall({
      config: hallConfig(id, 'Xã Gia Mật'),
      clock: () => clock.now,
      dbPath,
      server: { provinceHub: { baseUrl: hub.url, token, batchSize: 3, pollMs: 100 } },
    });
    try {
      const alert = await eventually(async () => (await hub.pool.query('SELECT kind, seq FROM alerts WHERE hall_id = $1', [id])).rows[0], 'an alert');
      assert.deepEqual(alert, { kind: 'CHAIN_BROKEN', seq: calledSeq });
      const head = (await hub.pool.query('SELECT head_seq FROM halls WHERE id = $1', [id])).rows[0].head_seq;
      assert.ok(head < calledSeq && head >= calledSeq - 3, `the hub stored the events before the tampered one (head ${head}, tampered ${calledSeq})`);
      const stored = (await hub.pool.query('SELECT count(*)::int AS n FROM events WHERE hall_id = $1 AND seq >= $2', [id, calledSeq])).rows[0].n;
      assert.equal(stored, 0);
      await eventually(
        async () => (hall.server.provinceHub?.status().refused?.startsWith('CHAIN_BROKEN') ? true : undefined),
        'the hall to report the refusal',
      );
      const listed = await hubGet(hub, '/api/v1/alerts', supervisor);
      assert.ok(listed.json.alerts.some((a: { hallId: string; kind: string }) => a.hallId === id && a.kind === 'CHAIN_BROKEN'));
      const overview = await hubGet(hub, '/api/v1/halls', supervisor);
      assert.equal(overview.json.halls.find((h: { id: string }) => h.id === id)?.openAlerts, 1);
    } finally {
      await hall.close();
    }
  });

  test('a log replayed from another database is refused as a rewrite, and a person hash as personal data', async () => {
    const [a, b] = halls;
    assert.ok(a && b);
    const otherLog = new Database(b.hall.dbPath, { readonly: true });
    const rows = otherLog.prepare('SELECT seq, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events WHERE seq <= 5 ORDER BY seq').all() as any[];
    otherLog.close();
    const { publicEventOf } = await import('../../../electron/store/event-log.ts');
    const hallInfo = {
      id: a.hall.config.hall.id,
      name: 'x',
      district: 'kv-01',
      level: 'province',
      timeZone: 'Asia/Ho_Chi_Minh',
      targets: { waitMinutes: 15, serviceMinutes: 30, satisfactionPct: 95 },
    };
    const post = (events: unknown[]) =>
      fetch(`${hub.url}/api/v1/ingest/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hall: hallInfo, events }),
      });
    const headBefore = (await hub.pool.query('SELECT head_seq FROM halls WHERE id = $1', [hallInfo.id])).rows[0].head_seq;
    const replay = await post(rows.map(publicEventOf));
    assert.equal(replay.status, 409);
    assert.equal(((await replay.json()) as any).error.code, 'CHAIN_REWRITE');

    const withPerson = rows
      .map(publicEventOf)
      .filter((e) => e.type === 'ticket.issued')
      .slice(0, 1)
      .map((e) => ({ ...e, data: { ...e.data, ticket: { ...(e.data.ticket as object), personHash: 'ab'.repeat(32) } } }));
    assert.equal(withPerson.length, 1);
    const personal = await post(withPerson);
    assert.equal(personal.status, 409);
    assert.equal(((await personal.json()) as any).error.code, 'PERSONAL_DATA');

    const kinds = (await hub.pool.query('SELECT kind FROM alerts WHERE hall_id = $1 ORDER BY id', [hallInfo.id])).rows.map((r) => r.kind);
    assert.deepEqual(kinds, ['CHAIN_REWRITE', 'PERSONAL_DATA']);
    assert.equal((await hub.pool.query('SELECT head_seq FROM halls WHERE id = $1', [hallInfo.id])).rows[0].head_seq, headBefore);

    const noCredential = await fetch(`${hub.url}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hall: hallInfo, events: [] }),
    });
    assert.equal(noCredential.status, 401);
    const otherHall = await fetch(`${hub.url}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hall: hallInfo, events: [] }),
    });
    assert.equal(otherHall.status, 403, "a hall cannot deliver under another hall's id");
  });
});
