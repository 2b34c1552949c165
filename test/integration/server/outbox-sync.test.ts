/**
 * The outbox against the real provincial simulator (HTTP on 127.0.0.1, port 0), with a fake clock
 * for the backoff and real (short) HTTP deadlines:
 *   - the provincial system down for a simulated hour (refused connections, then errors, timeouts,
 *     resets, slow answers, lost answers and dropped connections), then back: every item is kept
 *     exactly once by the receiver, in order per dossier, and the raw arrivals show the retries;
 *   - a permanent refusal makes a dead letter at once, the dossier's later items go on, and the
 *     supervisor's retry through the API delivers it;
 *   - an item that keeps failing becomes a dead letter after maxAttempts, with the reason; wrong
 *     credentials (401) are retried instead;
 *   - queue statistics of a finished day, on demand through the API and by the daily job, once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallDatabase } from '../../../electron/store/open-database.ts';
import { enqueueOutbox, type EnqueueResult, type OutboxStore } from '../../../electron/store/outbox-store.ts';
import type { OutboxWorker } from '../../../electron/server/sync/outbox-worker.ts';
import { ProvincialSimulator } from '../../../scripts/provincial/simulator.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { demoHallWithProvincial, seededRandom, supervisorOnDashboard } from '../../support/provincial.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 2026-03-02, 08:00 in Hanoi. */
const T0 = Date.parse('2026-03-02T01:00:00Z');
const TOKEN = 'test-provincial-token';
const DOSSIERS = 12;
const ITEMS_PER_DOSSIER = 4;
const EVENTS = ['dossier.submitted', 'dossier.papers_scanned', 'dossier.fee_paid', 'dossier.updated'] as const;

describe('outbox to the provincial simulator', () => {
  let now = T0;
  let sim: ProvincialSimulator;
  let hall: TestHall;
  let db: HallDatabase;
  let outbox: OutboxStore;
  let worker: OutboxWorker;
  let supervisor: { token: string; session: string };

  const enqueue = (aggregateId: string, topic: string, key: string, data: unknown = { note: key }): EnqueueResult =>
    db.transaction(() => enqueueOutbox(db, { topic, aggregateId, idempotencyKey: key, payload: data, now })).immediate();

  /** Runs the sender and moves the fake clock to the next due item, until `until` or nothing is pending. */
  const runUntil = async (until: number): Promise<number> => {
    let runs = 0;
    while (now < until && outbox.counts().pending > 0) {
      await worker.runOnce();
      runs += 1;
      const next = outbox.nextDueAt();
      now = Math.min(until, Math.max(now + 1, next ?? until));
      assert.ok(runs < 5_000, 'the sender makes progress');
    }
    return runs;
  };

  before(async () => {
    sim = await ProvincialSimulator.start({ token: TOKEN, port: 0, random: seededRandom(7), slowMs: 500 });
    hall = await startTestHall({
      config: demoHallWithProvincial(),
      clock: () => now,
      provincial: { env: { PROVINCIAL_TOKEN: TOKEN }, baseUrl: sim.url, random: seededRandom(42), autoStart: false },
    });
    db = hall.server.db;
    outbox = hall.server.provincial.outbox;
    const w = hall.server.provincial.worker;
    assert.ok(w, 'the sender runs: the secret is set');
    worker = w;
    supervisor = await supervisorOnDashboard(hall);
  });
  after(async () => {
    await hall?.close();
    await sim?.close();
  });

  test('down for a simulated hour, then back: every item delivered exactly once, in order per dossier', async (t) => {
    // Dossiers submitted over the first minutes; each gets its items one after another.
    const keys: string[] = [];
    for (let i = 0; i < ITEMS_PER_DOSSIER; i += 1) {
      for (let d = 0; d < DOSSIERS; d += 1) {
        const key = `demo-hall:dossier:${d}:${i + 1}`;
        const r = enqueue(`dossier-${d}`, EVENTS[i] ?? 'dossier.updated', key, {
          dossierCode: `000.14.21.H36-260302-${String(d + 1).padStart(4, '0')}`,
          step: i + 1,
        });
        assert.equal(r.aggregateSeq, i + 1);
        keys.push(key);
      }
    }

    // 20 minutes with nothing listening, then 40 minutes where every request meets a fault.
    await sim.setDown(true);
    await runUntil(T0 + 20 * MINUTE);
    await sim.setDown(false);
    sim.setFaults(['error', 'timeout', 'reset', 'slow', 'duplicate', 'drop']);
    await runUntil(T0 + HOUR);
    now = T0 + HOUR;
    assert.deepEqual(outbox.counts(), { pending: DOSSIERS * ITEMS_PER_DOSSIER, delivered: 0, dead: 0 }, 'nothing delivered, nothing given up');
    for (const fault of ['error', 'timeout', 'reset', 'slow', 'duplicate', 'drop'] as const) assert.ok(sim.faultCounts[fault] > 0, `${fault} happened`);
    const heads = outbox.pending(100).filter((p) => p.aggregateSeq === 1);
    assert.ok(
      heads.every((h) => h.attempts >= 5),
      `every head was retried: ${heads.map((h) => h.attempts).join(',')}`,
    );
    assert.ok(
      outbox
        .pending(100)
        .filter((p) => p.aggregateSeq > 1)
        .every((p) => p.attempts === 0),
      'later items waited for their heads',
    );
    const lastErrors = new Set(heads.map((h) => h.lastError));
    assert.ok([...lastErrors].every((e) => typeof e === 'string' && e.length > 0));

    // Back: healthy, with a share of slow (but timely) answers.
    sim.setSlowMs(50);
    sim.setFaults(['slow'], 0.3);
    await runUntil(T0 + 3 * HOUR);
    assert.deepEqual(outbox.counts(), { pending: 0, delivered: DOSSIERS * ITEMS_PER_DOSSIER, dead: 0 });
    const lastDelivery = db.prepare('SELECT MAX(delivered_at) FROM outbox').pluck().get() as number;
    t.diagnostic(
      `all delivered ${Math.round((lastDelivery - T0 - HOUR) / 1000)} s (simulated) after the system came back; ${sim.arrivals.length} arrivals for ${keys.length} items`,
    );

    // Exactly once as seen by the receiver: one accepted message per key, no other key.
    const accepted = sim.accepted().filter((m) => m.topic.startsWith('dossier.'));
    assert.deepEqual(accepted.map((m) => m.key).sort(), [...keys].sort());
    const firstCopies = sim.arrivals.filter((a) => !a.duplicate && a.topic.startsWith('dossier.'));
    assert.equal(firstCopies.length, keys.length, 'each key was new to the receiver once');
    assert.ok(
      sim.arrivals.some((a) => a.duplicate),
      'copies of messages it already had arrived (lost answers, drops, late answers) and were recognised',
    );
    // In order per dossier.
    for (let d = 0; d < DOSSIERS; d += 1) assert.deepEqual(sim.acceptedSeqs(`dossier-${d}`), [1, 2, 3, 4], `dossier-${d}`);
    // The envelope: the hall, the sequence and the payload as enqueued.
    const sample = accepted.find((m) => m.key === 'demo-hall:dossier:3:2');
    assert.deepEqual(
      { hall: sample?.body.hall, topic: sample?.body.topic, seq: sample?.body.aggregateSeq, data: sample?.body.data },
      {
        hall: { id: 'demo-hall', agencyCode: '000.14.21.H36' },
        topic: 'dossier.papers_scanned',
        seq: 2,
        data: { dossierCode: '000.14.21.H36-260302-0004', step: 2 },
      },
    );
    // And the dashboard's view says so.
    const view = await api(hall.url, 'GET', '/api/v1/outbox', supervisor);
    assert.equal(view.status, 200, JSON.stringify(view.json));
    assert.deepEqual(view.json.counts, { pending: 0, delivered: DOSSIERS * ITEMS_PER_DOSSIER, dead: 0 });
    assert.equal(view.json.sync.state, 'running');
    assert.equal(view.json.sync.baseUrl, sim.url);
  });

  test('a permanent refusal is a dead letter at once; the later items go on; the API retries it', async () => {
    sim.setFaults([]);
    const keys = [1, 2, 3].map((i) => `demo-hall:dossier:refused:${i}`);
    const ids = keys.map((key, i) => enqueue('dossier-refused', EVENTS[i] ?? 'dossier.updated', key).id);
    sim.rejectKey(keys[0] ?? '', 422);
    await worker.runOnce();
    const dead = outbox.byId(ids[0] ?? 0);
    assert.ok(dead?.deadAt, 'dead at once');
    assert.equal(dead?.attempts, 1);
    assert.match(dead?.lastError ?? '', /HTTP 422 \(INVALID_DOSSIER\)/);
    assert.deepEqual(sim.acceptedSeqs('dossier-refused'), [2, 3], 'the dead letter no longer holds the dossier back');

    const kiosk = hall.device('kiosk');
    assert.equal((await api(hall.url, 'GET', '/api/v1/outbox', { token: kiosk })).json.error.code, 'FORBIDDEN');
    const view = await api(hall.url, 'GET', '/api/v1/outbox', supervisor);
    assert.equal(view.json.counts.dead, 1);
    assert.deepEqual(
      view.json.deadLetters.map((d: { id: number; lastError: string }) => [d.id, d.lastError]),
      [[ids[0], dead?.lastError]],
    );

    const notDead = await api(hall.url, 'POST', `/api/v1/outbox/${ids[1]}/retry`, supervisor);
    assert.equal(notDead.status, 409);
    assert.equal(notDead.json.error.code, 'OUTBOX_ITEM_NOT_DEAD');
    for (const bad of ['999999', 'abc', '-1']) {
      const r = await api(hall.url, 'POST', `/api/v1/outbox/${bad}/retry`, supervisor);
      assert.equal(r.status, 404, bad);
      assert.equal(r.json.error.code, 'UNKNOWN_OUTBOX_ITEM');
    }

    sim.acceptKey(keys[0] ?? '');
    const retried = await api(hall.url, 'POST', `/api/v1/outbox/${ids[0]}/retry`, supervisor);
    assert.equal(retried.status, 200, JSON.stringify(retried.json));
    assert.deepEqual([retried.json.deadAt, retried.json.attempts, retried.json.nextAttemptAt], [null, 0, now]);
    await worker.runOnce();
    assert.ok(outbox.byId(ids[0] ?? 0)?.deliveredAt);
    assert.deepEqual(sim.acceptedSeqs('dossier-refused'), [2, 3, 1], 'a retried dead letter arrives after what was sent meanwhile');
    assert.equal((await api(hall.url, 'GET', '/api/v1/outbox', supervisor)).json.counts.dead, 0);
  });

  test('an item that keeps failing is a dead letter after maxAttempts, with the reason', async () => {
    const maxAttempts = hall.config.provincial?.maxAttempts ?? 0;
    const { id } = enqueue('dossier-unlucky', 'dossier.submitted', 'demo-hall:dossier:unlucky:1');
    await sim.setDown(true);
    let runs = 0;
    while (!outbox.byId(id)?.deadAt) {
      await worker.runOnce();
      now = Math.max(now + 1, outbox.nextDueAt() ?? now + 1);
      runs += 1;
      assert.ok(runs <= maxAttempts, 'dead after maxAttempts runs at most');
    }
    await sim.setDown(false);
    const item = outbox.byId(id);
    assert.equal(item?.attempts, maxAttempts);
    assert.match(item?.lastError ?? '', new RegExp(`ECONNREFUSED.*gave up after ${maxAttempts} attempts`));
    assert.equal(sim.arrivals.filter((a) => a.aggregateId === 'dossier-unlucky').length, 0);
  });

  test('wrong credentials are retried, not dead-lettered: fixing them must not need a retry per item', async () => {
    const wrong = await startTestHall({
      config: demoHallWithProvincial(),
      clock: () => now,
      provincial: { env: { PROVINCIAL_TOKEN: 'not-the-token' }, baseUrl: sim.url, random: seededRandom(1), autoStart: false },
    });
    try {
      const wdb = wrong.server.db;
      const { id } = wdb
        .transaction(() => enqueueOutbox(wdb, { topic: 'dossier.submitted', aggregateId: 'd-401', idempotencyKey: 'other-hall:d-401:1', payload: {}, now }))
        .immediate();
      await wrong.server.provincial.worker?.runOnce();
      const item = wrong.server.provincial.outbox.byId(id);
      assert.deepEqual([item?.deadAt, item?.deliveredAt, item?.attempts], [null, null, 1]);
      assert.equal(item?.lastError, 'HTTP 401 (UNAUTHORIZED) from the provincial system');
    } finally {
      await wrong.close();
    }
  });

  test('queue statistics of a finished day: on demand once, by the daily job once', async () => {
    sim.setFaults([]);
    const kiosk = hall.device('kiosk');
    assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).status, 201);
    const day = '2026-03-02';
    now = Date.parse('2026-03-03T01:00:00Z'); // the next morning
    supervisor = await supervisorOnDashboard(hall); // yesterday's session has expired

    const today = await api(hall.url, 'POST', '/api/v1/outbox/queue-stats', { ...supervisor, body: { date: '03/03/2026' } });
    assert.equal(today.status, 400);
    assert.equal(today.json.error.details.issues[0].path, 'date');
    const badDate = await api(hall.url, 'POST', '/api/v1/outbox/queue-stats', { ...supervisor, body: { date: '31/02/2026' } });
    assert.equal(badDate.status, 400);

    const first = await api(hall.url, 'POST', '/api/v1/outbox/queue-stats', { ...supervisor, body: { date: '02/03/2026' } });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.deepEqual([first.json.created, first.json.idempotencyKey], [true, `demo-hall:queue.stats:${day}`]);
    const again = await api(hall.url, 'POST', '/api/v1/outbox/queue-stats', { ...supervisor, body: { date: '02/03/2026' } });
    assert.deepEqual([again.status, again.json.created, again.json.id], [200, false, first.json.id]);
    assert.deepEqual(hall.server.provincial.stats.enqueueDue(), [day], 'the daily job reaches the same day');
    assert.deepEqual(hall.server.provincial.stats.enqueueDue(), [], 'and does not come back to it');

    await worker.runOnce();
    const stats = sim.accepted().filter((m) => m.topic === 'queue.stats');
    assert.equal(stats.length, 1);
    const data = stats[0]?.body.data as {
      businessDate: string;
      agencyCode: string;
      totals: { tickets: number };
      byService: { key: string; serviceName: string }[];
    };
    assert.deepEqual([data.businessDate, data.agencyCode, data.totals.tickets], [day, '000.14.21.H36', 1]);
    assert.deepEqual(
      data.byService.map((r) => [r.key, r.serviceName]),
      [['ho-tich', 'Hộ tịch']],
    );
  });
});
