/**
 * getHall's floor: a real hall server delivering through its event-log shipper; after calls,
 * a service start and a finish, the hub's floor of the hall (waiting per service, each counter's
 * ticket, latest calls) equals what the hall's own snapshot shows, and the overview carries the
 * hall's satisfaction target.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { enrollHall } from '../../../electron/province/credentials.ts';
import type { Hub } from '../../../electron/province/hub.ts';
import { api, openDemoHall, startTestHall, tempDir } from '../../support/hall-server.ts';
import { eventually, hubGet, startTestHub, supervisorToken, testDatabase, type TestDatabase } from '../../support/province.ts';

describe('province hall floor', () => {
  let db: TestDatabase;
  let hub: Hub;
  const tmp = tempDir('province-floor-');

  before(async () => {
    db = await testDatabase();
    hub = await startTestHub(db.url);
  });

  after(async () => {
    await hub?.close();
    await db?.drop();
    tmp.cleanup();
  });

  test("the hub's floor of a hall equals the hall's own snapshot", async () => {
    const config = openDemoHall();
    const token = await enrollHall(hub.pool, { id: config.hall.id, name: config.hall.name.vi, district: null });
    const hall = await startTestHall({ config, dbPath: join(tmp.dir, 'hall.db'), server: { provinceHub: { baseUrl: hub.url, token, pollMs: 100 } } });
    try {
      const kiosk = hall.device('kiosk');
      for (const serviceId of ['ho-tich', 'ho-tich', 'ho-tich', 'chung-thuc', 'chung-thuc']) {
        assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } })).status, 201);
      }
      const q1 = await hall.officerAt('quay-1');
      const q2 = await hall.officerAt('quay-2');
      for (const [counter, officer] of [
        ['quay-1', q1],
        ['quay-2', q2],
      ] as const) {
        assert.equal((await api(hall.url, 'POST', `/api/v1/counters/${counter}/open`, officer)).status, 200);
      }
      // quay-1 serves one ticket to the end and calls the next; quay-2 calls one and starts it.
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/call-next', q1)).status, 200);
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/start', q1)).status, 200);
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/finish', { ...q1, body: { outcome: 'received_dossier' } })).status, 200);
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/call-next', q1)).status, 200);
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-2/call-next', q2)).status, 200);
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-2/start', q2)).status, 200);

      const snapshot = (await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk })).json;
      const supervisor = await supervisorToken(hub);
      await eventually(
        async () => ((await hubGet(hub, '/api/v1/halls', supervisor)).json.halls[0]?.headSeq === snapshot.seq ? true : undefined),
        'the hub to hold every event',
      );
      const detail = await hubGet(hub, `/api/v1/halls/${config.hall.id}`, supervisor);
      assert.equal(detail.status, 200, JSON.stringify(detail.json));
      const { floor, hall: overview } = detail.json;

      const waitingAtHall = Object.fromEntries(snapshot.services.filter((s: any) => s.waiting > 0).map((s: any) => [s.id, s.waiting]));
      const waitingAtHub = Object.fromEntries(floor.services.filter((s: any) => s.waiting > 0).map((s: any) => [s.serviceId, s.waiting]));
      assert.deepEqual(waitingAtHub, waitingAtHall);
      assert.equal(
        floor.services.reduce((n: number, s: any) => n + s.issued, 0),
        5,
      );
      assert.equal(overview.waiting, 2);
      assert.equal(overview.satisfactionTargetPct, config.targets.satisfactionPct);

      const currentAtHall = Object.fromEntries(
        snapshot.counters.filter((c: any) => c.current).map((c: any) => [c.id, { number: c.current.number, status: c.current.status }]),
      );
      const currentAtHub = Object.fromEntries(
        floor.counters.filter((c: any) => c.current).map((c: any) => [c.counterId, { number: c.current.number, status: c.current.status }]),
      );
      assert.deepEqual(currentAtHub, currentAtHall);
      assert.deepEqual(currentAtHub['quay-2']?.status, 'serving');
      assert.equal(floor.counters.find((c: any) => c.counterId === 'quay-1')?.served, 1);

      const callsAtHall = snapshot.recentCalls.map((c: any) => `${c.number}@${c.counterId}`).sort();
      assert.deepEqual(floor.recentCalls.map((c: any) => `${c.number}@${c.counterId}`).sort(), callsAtHall);
      assert.ok(
        floor.recentCalls.every((c: any, i: number, all: any[]) => i === 0 || all[i - 1].at >= c.at),
        'latest call first',
      );

      const unknown = await hubGet(hub, '/api/v1/halls/khong-co', supervisor);
      assert.equal(unknown.status, 404);
    } finally {
      await hall.close();
    }
  });
});
