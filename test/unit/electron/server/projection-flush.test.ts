/**
 * When the hall service writes the projection rows (HallService, QueueStore contract): in an idle
 * moment (`flushWhenIdle`, the idle job), after the turn in which PROJECTION_FLUSH_ROWS rows became
 * pending (load without idle moments), and at the latest PROJECTION_FLUSH_MS after a commit.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { issueTicket } from '../../../../electron/core/queue-engine.ts';
import { HallService, PROJECTION_FLUSH_MS, PROJECTION_FLUSH_ROWS } from '../../../../electron/server/hall-service.ts';
import { openHallDatabase, type HallDatabase } from '../../../../electron/store/open-database.ts';
import { QueueStore } from '../../../../electron/store/queue-store.ts';
import { FakeClock, MONDAY, at, issueCommand, sequentialIds, testHallConfig } from '../../../support/hall-config.fixture.ts';

describe('when the projection rows are written', () => {
  let dir = '';
  let db: HallDatabase;
  let store: QueueStore;
  let hall: HallService;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-flush-'));
    db = openHallDatabase(join(dir, 'hall.db'));
    // Group commit (no fsync inside each commit), as the server runs: the 200 commands of a test
    // then take a few tens of milliseconds, far from PROJECTION_FLUSH_MS even on a loaded machine
    // (with a sync per commit they took over a second there, and the timer wrote the rows early).
    store = new QueueStore(db, undefined, null, { deferredSync: true });
    const clock = new FakeClock(at(MONDAY, '08:00'));
    hall = new HallService({ config: testHallConfig(), store, clock: () => clock.now(), newId: sequentialIds('t') });
  });
  afterEach(async () => {
    hall.flushProjections();
    await hall.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const issue = (n: number): void => {
    for (let i = 0; i < n; i++) hall.execute((config, state, ctx) => issueTicket(config, state, issueCommand(i % 2 ? 'ho-tich' : 'chung-thuc'), ctx));
  };
  const ticketRows = (): number => db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;

  test('an idle moment writes what is pending; with nothing pending it writes nothing', async () => {
    issue(3);
    await nextTurn();
    assert.equal(ticketRows(), 0, 'not inside the turn of the commands');
    assert.equal(store.pendingProjectionRows, 3);
    hall.flushWhenIdle();
    assert.equal(ticketRows(), 3);
    assert.equal(store.hasPendingProjections, false);
    hall.flushWhenIdle();
    assert.equal(ticketRows(), 3);
  });

  test(`without an idle moment, ${PROJECTION_FLUSH_ROWS} pending rows are written right after their turn`, async () => {
    issue(PROJECTION_FLUSH_ROWS - 1);
    await nextTurn();
    assert.equal(ticketRows(), 0, 'below the threshold they wait');
    issue(1);
    assert.equal(ticketRows(), 0, 'not inside the command that reached it');
    await nextTurn();
    assert.equal(ticketRows(), PROJECTION_FLUSH_ROWS);
    assert.equal(store.pendingProjectionRows, 0);
  });

  test(`and at the latest ${PROJECTION_FLUSH_MS} ms after a commit`, async () => {
    issue(1);
    await delay(PROJECTION_FLUSH_MS / 2);
    assert.equal(ticketRows(), 0);
    await delay(PROJECTION_FLUSH_MS / 2 + 300);
    assert.equal(ticketRows(), 1);
  });
});
