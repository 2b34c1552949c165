/**
 * The outbox sender against a real HTTP endpoint that can hang: a hanging delivery holds only its
 * own slot (a new item, nudged, is delivered while it hangs; another destination is not held
 * either), a destination never has more than `maxInFlight` deliveries in flight, and everything
 * is delivered once the endpoint answers again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRootLogger } from '../../../electron/server/logger.ts';
import { OutboxWorker } from '../../../electron/server/sync/outbox-worker.ts';
import { ProvincialClient } from '../../../electron/server/sync/provincial-client.ts';
import { openHallDatabase, type HallDatabase } from '../../../electron/store/open-database.ts';
import { enqueueOutbox, OutboxStore } from '../../../electron/store/outbox-store.ts';
import { tempDir } from '../../support/hall-server.ts';
import { eventually } from '../../support/province.ts';

describe('outbox deliveries in flight', () => {
  const tmp = tempDir('outbox-concurrency-');
  let db: HallDatabase;
  let outbox: OutboxStore;
  let server: Server;
  let url: string;
  /** Requests held open, by aggregate id. */
  const held = new Map<string, ServerResponse>();
  let hangPrefix = 'slow';
  let maxHeldDossiers = 0;

  before(async () => {
    db = openHallDatabase(join(tmp.dir, 'hall.db'));
    outbox = new OutboxStore(db);
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const { aggregateId, topic } = JSON.parse(body) as { aggregateId: string; topic: string };
        if (aggregateId.startsWith(hangPrefix)) {
          held.set(aggregateId, res);
          if (topic.startsWith('dossier.'))
            maxHeldDossiers = Math.max(maxHeldDossiers, [...held.keys()].filter((k) => !k.startsWith(`${hangPrefix}-stats`)).length);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const res of held.values()) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    db.close();
    tmp.cleanup();
  });

  const enqueue = (topic: string, aggregateId: string): void => {
    db.transaction(() =>
      enqueueOutbox(db, { topic, aggregateId, idempotencyKey: `hall:${topic}:${aggregateId}`, payload: { n: aggregateId }, now: Date.now() }),
    )();
  };
  const deliveredAt = (aggregateId: string): number | null =>
    (db.prepare('SELECT delivered_at FROM outbox WHERE aggregate_id = ?').pluck().get(aggregateId) as number | null | undefined) ?? null;

  test('a hanging delivery holds only its slot; a destination has at most maxInFlight in flight', async () => {
    const worker = new OutboxWorker({
      outbox,
      client: new ProvincialClient({ baseUrl: url, authorization: 'Bearer t', timeoutMs: 60_000 }),
      hall: { id: 'hall', agencyCode: 'H1' },
      clock: Date.now,
      random: () => 0.5,
      backoff: { baseMs: 100, capMs: 1_000 },
      maxAttempts: 5,
      leaseMs: 120_000,
      maxInFlight: 3,
      log: createRootLogger('silent'),
    });
    enqueue('dossier.submitted', 'slow-1');
    worker.start(60_000); // the poll never fires during the test: only nudges and finished sends claim
    await eventually(async () => (held.has('slow-1') ? true : undefined), 'the first delivery to hang');

    enqueue('dossier.submitted', 'new-1');
    worker.nudge();
    await eventually(async () => (deliveredAt('new-1') !== null ? true : undefined), 'the new item delivered while the first hangs', 5_000);
    // Fill the dossier destination with hanging deliveries, and hang one statistics delivery.
    for (let i = 2; i <= 6; i++) enqueue('dossier.submitted', `slow-${i}`);
    enqueue('queue.stats', 'slow-stats-1');
    worker.nudge();
    await eventually(async () => (held.has('slow-3') && held.has('slow-stats-1') ? true : undefined), 'the slots to fill');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(worker.inFlight('dossiers'), 3);
    assert.equal(maxHeldDossiers, 3, 'never more than maxInFlight dossier deliveries at once');
    assert.equal(held.has('slow-4'), false, 'the fourth waits for a free slot');

    // Another destination is not held by the full one.
    enqueue('queue.stats', 'stats-ok');
    worker.nudge();
    await eventually(async () => (deliveredAt('stats-ok') !== null ? true : undefined), 'statistics delivered while dossiers hang', 5_000);

    // The endpoint answers again: the held requests complete and the waiting items fill the slots.
    hangPrefix = 'never';
    for (const res of held.values()) res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    held.clear();
    await eventually(
      async () => ((db.prepare('SELECT count(*) FROM outbox WHERE delivered_at IS NULL').pluck().get() as number) === 0 ? true : undefined),
      'everything delivered',
      10_000,
    );
    assert.equal(maxHeldDossiers, 3);
    await worker.stop();
  });
});
