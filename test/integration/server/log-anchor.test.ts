/**
 * The anchored event log (issue 15, finding 9). The chain alone is unkeyed: whoever can write the
 * database deletes events and recomputes every later hash, and the chain check says intact. Each
 * attack runs here on a copy of a real hall's database: the chain check is fooled (as verify-log
 * was before the checkpoints), then `verify-log` checks the log against the keyed checkpoint of
 * each day close and reports the truncation, the rewrite, a forged checkpoint and a deleted one
 * (through the provincial system's copy), with the sequence numbers, and exits 1. The day close's
 * checkpoint reaches the provincial simulator through the outbox.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { businessDateOf } from '../../../electron/core/business-time.ts';
import { eventHash, chainDataJson, verifyEventChain, GENESIS_HASH, type EventRow } from '../../../electron/store/event-log.ts';
import { listCheckpoints } from '../../../electron/store/log-checkpoints.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { ProvincialSimulator } from '../../../scripts/provincial/simulator.ts';
import { api, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';
import { demoHallWithProvincial, seededRandom } from '../../support/provincial.ts';
import { runHallCli } from '../../support/hall-cli.ts';

const DAY = 86_400_000;
/** Monday 2026-11-23, 09:00 in Hanoi. */
const T0 = Date.parse('2026-11-23T02:00:00Z');
const TOKEN = 'test-provincial-token';

/** Recomputes every hash from the first row on, as an attacker without the key can (the chain is unkeyed). */
function relink(raw: Database.Database): void {
  const rows = raw.prepare('SELECT seq, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events ORDER BY seq').all() as EventRow[];
  const update = raw.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = eventHash(prev, {
      seq: r.seq,
      at: r.at,
      type: r.type,
      ticketId: r.ticket_id,
      counterId: r.counter_id,
      dataJson: chainDataJson(r.type, JSON.parse(r.data)),
    });
    update.run(prev, hash, r.seq);
    prev = hash;
  }
}

/** Opens a copy of the database with the append-only triggers dropped: write access, as the attacker has. */
function tamper(path: string, work: (raw: Database.Database) => void): void {
  const raw = new Database(path);
  for (const t of ['events_no_update', 'events_no_delete', 'log_checkpoints_no_update', 'log_checkpoints_no_delete']) raw.exec(`DROP TRIGGER IF EXISTS ${t}`);
  raw.transaction(() => work(raw))();
  raw.close();
}

const chainOf = (path: string) => {
  const db = openHallDatabase(path, { readonly: true });
  try {
    return verifyEventChain(db);
  } finally {
    db.close();
  }
};

describe('anchored event log', () => {
  const tmp = tempDir('hall-anchor-');
  const dbPath = join(tmp.dir, 'hall.db');
  let now = T0;
  let sim: ProvincialSimulator;
  let hall: TestHall | null = null;
  let anchored = 0;
  let lastSeq = 0;

  /** A copy of the hall's database and its key file, for one attack. */
  const copy = (name: string): string => {
    const path = join(tmp.dir, `${name}.db`);
    copyFileSync(dbPath, path);
    copyFileSync(`${dbPath}.key`, `${path}.key`);
    return path;
  };
  const verifyLog = (path: string, extra: readonly string[] = []) => runHallCli(['verify-log', '--db', path, ...extra]);

  before(async () => {
    sim = await ProvincialSimulator.start({ token: TOKEN, port: 0, random: seededRandom(3) });
    const h = await startTestHall({
      dbPath,
      config: demoHallWithProvincial(),
      clock: () => now,
      provincial: { env: { PROVINCIAL_TOKEN: TOKEN }, baseUrl: sim.url, random: seededRandom(4), autoStart: false },
    });
    hall = h;
    const kiosk = h.device('kiosk');
    const issue = async (): Promise<void> => {
      assert.equal((await api(h.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).status, 201);
    };
    for (let i = 0; i < 6; i++) await issue();
    // The next morning: the first ticket closes the day before it (its commit carries day.closed).
    now = T0 + DAY;
    assert.ok(h.server.hall.closeDayIfDue() > 0, 'the day closed');
    anchored = h.server.hall.lastSeq;
    for (let i = 0; i < 4; i++) await issue();
    lastSeq = h.server.hall.lastSeq;
  });
  after(async () => {
    await hall?.close();
    await sim?.close();
    tmp.cleanup();
  });

  test('a day close writes a keyed checkpoint of the head, and the outbox delivers it to the provincial system', async () => {
    assert.ok(hall);
    const checkpoints = listCheckpoints(hall.server.db);
    assert.equal(checkpoints.length, 1);
    const [c] = checkpoints;
    assert.equal(c?.seq, anchored);
    assert.equal(c?.businessDate, businessDateOf(T0, hall.config.schedule.timeZone));
    assert.match(c?.mac ?? '', /^[0-9a-f]{64}$/);
    await hall.server.provincial.worker?.runOnce();
    const delivered = sim.accepted().filter((m) => m.topic === 'log.checkpoint');
    assert.equal(delivered.length, 1, JSON.stringify(sim.arrivals));
    const [message] = delivered;
    assert.ok(message);
    const data = (message.body as { data: Record<string, unknown> }).data;
    assert.deepEqual({ seq: data.seq, headHash: data.headHash, mac: data.mac }, { seq: c?.seq, headHash: c?.headHash, mac: c?.mac });
    // The server is closed for the attacks on copies of its file.
    await hall.close();
    hall = null;
    const intact = await verifyLog(copy('intact'));
    assert.equal(intact.code, 0, intact.stdout + intact.stderr);
    assert.match(
      intact.stdout,
      new RegExp(`event log intact: ${lastSeq} events, last seq ${lastSeq}; 1 day-close checkpoint holds \\(MACs checked\\), anchored through seq ${anchored}`),
    );
    writeFileSync(join(tmp.dir, 'provincial-checkpoints.json'), JSON.stringify(delivered.map((m) => (m.body as { data: unknown }).data)));
  });

  test('truncation below the checkpoint: the chain is fooled, verify-log is not', async () => {
    const path = copy('truncated');
    const keep = anchored - 3;
    tamper(path, (raw) => raw.prepare('DELETE FROM events WHERE seq > ?').run(keep));
    assert.deepEqual(chainOf(path), { ok: true, checked: keep, lastSeq: keep, firstBroken: null }, 'the unkeyed chain alone says intact');
    const r = await verifyLog(path);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `the log ends at seq ${keep}, but the day close of 2026-11-23 anchored seq ${anchored}: events ${keep + 1}–${anchored} are missing \\(truncated\\)`,
      ),
    );
    const json = await verifyLog(path, ['--json']);
    assert.equal(json.code, 1);
    const result = JSON.parse(json.stdout);
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.checkpoints.problems.map((p: { kind: string; seq: number }) => [p.kind, p.seq]),
      [['truncated', anchored]],
    );
  });

  test('an event deleted in the middle, the rest renumbered and the chain recomputed: reported as a rewrite', async () => {
    const path = copy('rewritten');
    tamper(path, (raw) => {
      raw.prepare('DELETE FROM events WHERE seq = 3').run();
      raw.prepare('UPDATE events SET seq = seq - 1 WHERE seq > 3').run();
      relink(raw);
    });
    assert.equal(chainOf(path).ok, true, 'the recomputed chain alone says intact');
    const r = await verifyLog(path);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`event ${anchored} is not the one the day close of 2026-11-23 anchored: the log was rewritten between seq 1 and ${anchored}`),
    );
  });

  test('a checkpoint forged without the key, moved to the rewritten head, is reported', async () => {
    const path = copy('forged');
    tamper(path, (raw) => {
      raw.prepare('DELETE FROM events WHERE seq = 2').run();
      raw.prepare('UPDATE events SET seq = seq - 1 WHERE seq > 2').run();
      relink(raw);
      const head = raw
        .prepare('SELECT hash FROM events WHERE seq = ?')
        .pluck()
        .get(anchored - 1) as string;
      raw.prepare('DELETE FROM log_checkpoints').run();
      raw
        .prepare('INSERT INTO log_checkpoints (seq, head_hash, at, business_date, mac) VALUES (?, ?, ?, ?, ?)')
        .run(anchored - 1, head, T0 + DAY, '2026-11-23', 'ab'.repeat(32));
    });
    const r = await verifyLog(path);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`the checkpoint of seq ${anchored - 1} \\(day close 2026-11-23\\) does not carry the hall's MAC: it was forged or altered`),
    );
  });

  test('checkpoints deleted with the events they anchor: the provincial copy still holds them', async () => {
    const path = copy('erased');
    tamper(path, (raw) => {
      raw.prepare('DELETE FROM log_checkpoints').run();
      raw.prepare('DELETE FROM events WHERE seq > 2').run();
    });
    const local = await verifyLog(path);
    assert.equal(local.code, 0, "with its checkpoints gone, the hall's copy alone cannot tell");
    assert.match(local.stdout, /no day-close checkpoint yet/);
    const r = await verifyLog(path, ['--checkpoints', join(tmp.dir, 'provincial-checkpoints.json')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`the checkpoint of seq ${anchored} \\(day close 2026-11-23\\) that the provincial system holds is not in the hall's table: it was deleted`),
    );
    assert.match(r.stdout, new RegExp(`events 3–${anchored} are missing \\(truncated\\)`));
  });
});
