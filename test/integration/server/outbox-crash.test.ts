/**
 * The outbox survives kill -9: the hall server runs as a child process (as `npm run hall`) and
 * delivers a full outbox to the provincial simulator (slow answers and dropped connections mixed
 * in) while this test keeps submitting more items through its own connection, as the dossier
 * work would. Once the receiver holds a share of them the server is killed with SIGKILL and
 * started again on the same database. The receiver must end with every item exactly once
 * (deduplicated by key), in order per dossier, and the database with nothing pending or dead.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openHallDatabase, type HallDatabase } from '../../../electron/store/open-database.ts';
import { enqueueOutbox } from '../../../electron/store/outbox-store.ts';
import { ProvincialSimulator } from '../../../scripts/provincial/simulator.ts';
import { DEMO_SITE, startHallProcess, tempDir, type HallProcess } from '../../support/hall-server.ts';

const TOKEN = 'crash-test-provincial-token';
const DOSSIERS = 60;
const ITEMS = 5;
/** Kill once the receiver holds this many messages. */
const KILL_AFTER_ACCEPTED = 90;

function isRunning(p: HallProcess | null): p is HallProcess {
  return p !== null && p.child.exitCode === null && p.child.signalCode === null;
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('outbox: kill -9 of the hall server mid-sync, then restart', () => {
  const tmp = tempDir('hall-outbox-crash-');
  const dbPath = join(tmp.dir, 'hall.db');
  const site = join(tmp.dir, 'site');
  const started: HallProcess[] = [];
  const keys: string[] = [];
  const seqs = new Map<string, number>();
  let sim: ProvincialSimulator;
  let writer: HallDatabase;

  const enqueue = (dossier: string): void => {
    const seq = (seqs.get(dossier) ?? 0) + 1;
    const key = `demo-hall:dossier:${dossier}:${seq}`;
    const r = writer
      .transaction(() =>
        enqueueOutbox(writer, {
          topic: seq === 1 ? 'dossier.submitted' : 'dossier.updated',
          aggregateId: dossier,
          idempotencyKey: key,
          payload: { step: seq },
          now: Date.now(),
        }),
      )
      .immediate();
    assert.equal(r.aggregateSeq, seq);
    seqs.set(dossier, seq);
    keys.push(key);
  };
  const start = async (): Promise<HallProcess> => {
    const p = await startHallProcess(dbPath, site, { args: ['--provincial-url', sim.url], env: { PROVINCIAL_TOKEN: TOKEN } });
    started.push(p);
    return p;
  };

  before(async () => {
    // The demo hall with deadlines and backoff short enough for a test on the real clock.
    cpSync(DEMO_SITE, site, { recursive: true });
    const hallJson = JSON.parse(readFileSync(join(site, 'hall.json'), 'utf8')) as { provincial: Record<string, unknown> };
    hallJson.provincial = { ...hallJson.provincial, timeoutMs: 1_000, retryBaseMs: 200, retryCapMs: 2_000, maxAttempts: 1_000 };
    writeFileSync(join(site, 'hall.json'), JSON.stringify(hallJson));
    sim = await ProvincialSimulator.start({ token: TOKEN, port: 0, slowMs: 25 });
    sim.setFaults(['slow', 'slow', 'slow', 'slow', 'slow', 'slow', 'slow', 'drop']);
    writer = openHallDatabase(dbPath);
    for (let i = 0; i < ITEMS; i += 1) for (let d = 0; d < DOSSIERS; d += 1) enqueue(`dossier-${d}`);
  });

  after(async () => {
    for (const p of started) {
      if (isRunning(p)) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
    writer?.close();
    await sim?.close();
    tmp.cleanup();
  });

  test('the receiver ends with every item exactly once, in order per dossier', async (t) => {
    const first = await start();
    // Dossiers keep being submitted while the server sends.
    const submitting = (async () => {
      for (let i = 0; i < 40 && isRunning(first); i += 1) {
        enqueue(i % 2 === 0 ? `dossier-late-${i}` : `dossier-${i}`);
        await sleep(5);
      }
    })();
    await waitFor('the first deliveries', () => sim.accepted().length >= KILL_AFTER_ACCEPTED, 30_000);
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, null, 'killed by a signal');
    await submitting;
    const atKill = sim.accepted().length;
    assert.ok(atKill < keys.length, `the kill landed mid-sync (${atKill} of ${keys.length})`);

    // More arrive while the server is down.
    for (let i = 0; i < 10; i += 1) enqueue(`dossier-${i}`);

    const second = await start();
    const dossierMessages = (): number => sim.accepted().filter((m) => m.topic.startsWith('dossier.')).length;
    await waitFor('every item at the receiver', () => dossierMessages() >= keys.length, 60_000);
    // The last outcomes are recorded right after the answers.
    const check = openHallDatabase(dbPath, { readonly: true });
    try {
      await waitFor(
        'every item recorded as delivered',
        () => (check.prepare('SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL').pluck().get() as number) === 0,
        10_000,
      );
      assert.equal(check.prepare('SELECT COUNT(*) FROM outbox WHERE dead_at IS NOT NULL').pluck().get(), 0);
      assert.equal(check.prepare("SELECT COUNT(*) FROM outbox WHERE topic LIKE 'dossier.%'").pluck().get(), keys.length);
    } finally {
      check.close();
    }

    // The server also reports yesterday's queue statistics (its daily job); the dossiers are ours.
    const accepted = sim.accepted().filter((m) => m.topic.startsWith('dossier.'));
    assert.equal(accepted.length, keys.length, 'no other dossier message');
    assert.deepEqual(accepted.map((m) => m.key).sort(), [...keys].sort(), 'every item exactly once');
    assert.equal(sim.arrivals.filter((a) => !a.duplicate && a.topic.startsWith('dossier.')).length, keys.length);
    for (const [dossier, last] of seqs) {
      assert.deepEqual(
        sim.acceptedSeqs(dossier),
        Array.from({ length: last }, (_, i) => i + 1),
        `${dossier} in order`,
      );
    }
    t.diagnostic(
      `${keys.length} items; ${atKill} received before the kill; ${sim.arrivals.length} arrivals in all (${sim.arrivals.filter((a) => a.duplicate).length} duplicates dropped by the receiver)`,
    );

    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, 'a clean stop after the sync');
  });
});
