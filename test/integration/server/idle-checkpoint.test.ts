/**
 * The hall server checkpoints its WAL in an idle moment, not inside a request
 * (store/idle-checkpoints.ts, server/idle-work.ts): 30 issues, then a pause, and the checkpoint has
 * run once, its time in /metrics (that none runs while requests keep ending: idle-work.test.ts).
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

const checkpointsIn = (metrics: string): number => Number(/^hall_wal_checkpoint_seconds_count (\d+)$/m.exec(metrics)?.[1] ?? Number.NaN);

describe('WAL checkpoints of the hall server', () => {
  let hall: TestHall;
  before(async () => {
    hall = await startTestHall();
  });
  after(() => hall.close());

  test('run in the idle moment after 30 issues, with their time in /metrics', async () => {
    const kiosk = hall.device('kiosk');
    const metrics = async (): Promise<string> => (await fetch(`${hall.url}/metrics`)).text();
    const before = checkpointsIn(await metrics());
    for (let i = 0; i < 30; i++) {
      const res = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
      assert.equal(res.status, 201);
    }
    // The idle moment starts 20 ms after the last answer (a /metrics answer too); a loaded machine
    // may start it later, so the test looks again every 150 ms, for up to 5 s.
    const deadline = Date.now() + 5_000;
    do await delay(150);
    while (checkpointsIn(await metrics()) === before && Date.now() < deadline);
    await delay(150); // a second checkpoint, were one to follow, would have shown by now
    assert.equal(checkpointsIn(await metrics()), before + 1, 'one checkpoint in the idle moment');
    const at = hall.server.db.prepare("SELECT value FROM hall_meta WHERE key = 'wal_checkpointed_at'").pluck().get();
    assert.ok(Number(at) > 0, 'the WAL was started again in the same idle moment');
  });
});
