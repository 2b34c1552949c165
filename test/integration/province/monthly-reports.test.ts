/**
 * The monthly reports the province dashboard reads, from a real hall delivering through its
 * shipper: QĐ 468 for the month under way is measured against its days so far (not the whole
 * month), a month without data has no rows, and the 766 ranking ranks the hall that received a
 * dossier and leaves the other unranked.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { addDays, businessDateOf } from '../../../electron/core/business-time.ts';
import { enrollHall } from '../../../electron/province/credentials.ts';
import type { Hub } from '../../../electron/province/hub.ts';
import { api, openDemoHall, startTestHall, tempDir } from '../../support/hall-server.ts';
import { waitClearOfMidnight } from '../../support/midnight-guard.ts';
import { eventually, hubGet, startTestHub, supervisorToken, testDatabase, type TestDatabase } from '../../support/province.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('province monthly reports', () => {
  let db: TestDatabase;
  let hub: Hub;
  const tmp = tempDir('province-reports-');

  before(async () => {
    await waitClearOfMidnight(TZ);
    db = await testDatabase();
    hub = await startTestHub(db.url);
  });

  after(async () => {
    await hub?.close();
    await db?.drop();
    tmp.cleanup();
  });

  test('QĐ 468 of the month under way counts its days so far; the 766 ranking ranks by dossiers', async () => {
    const base = openDemoHall();
    const halls = [base, { ...base, hall: { ...base.hall, id: 'xa-khong-ho-so', name: { vi: 'Bộ phận Một cửa xã Không Hồ Sơ', en: 'No Dossier Commune' } } }];
    const started = [];
    for (const config of halls) {
      const token = await enrollHall(hub.pool, { id: config.hall.id, name: config.hall.name.vi, district: null });
      started.push(
        await startTestHall({ config, dbPath: join(tmp.dir, `${config.hall.id}.db`), server: { provinceHub: { baseUrl: hub.url, token, pollMs: 100 } } }),
      );
    }
    const [hall, other] = started as [Awaited<ReturnType<typeof startTestHall>>, Awaited<ReturnType<typeof startTestHall>>];
    try {
      const kiosk = hall.device('kiosk');
      for (let i = 0; i < 2; i++) assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).status, 201);
      const officer = await hall.officerAt('quay-1');
      assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', officer)).status, 200);
      for (const outcome of ['received_dossier', 'guidance_only']) {
        for (const step of ['call-next', 'start']) assert.equal((await api(hall.url, 'POST', `/api/v1/counters/quay-1/${step}`, officer)).status, 200);
        assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/finish', { ...officer, body: { outcome } })).status, 200);
      }
      assert.equal((await api(other.url, 'POST', '/api/v1/tickets', { token: other.device('kiosk'), body: { serviceId: 'ho-tich' } })).status, 201);
      const heads = await Promise.all(started.map(async (h) => (await api(h.url, 'GET', '/healthz')).json.seq as number));
      await eventually(async () => {
        const { rows } = await hub.pool.query<{ id: string; head_seq: number }>('SELECT id, head_seq FROM halls ORDER BY id');
        return halls.every((c, i) => rows.find((r) => r.id === c.hall.id)?.head_seq === heads[i]) ? true : undefined;
      }, 'both halls delivered');

      const supervisor = await supervisorToken(hub);
      const today = businessDateOf(Date.now(), TZ);
      const month = today.slice(0, 7);
      const daysSoFar = Number(today.slice(8, 10));
      const report = await hubGet(hub, `/api/v1/reports/468?month=${month}`, supervisor);
      assert.equal(report.status, 200, JSON.stringify(report.json));
      const hallRow = report.json.rows.find((r: any) => r.hallId === base.hall.id && r.officerId === null);
      assert.ok(hallRow, JSON.stringify(report.json.rows));
      assert.equal(hallRow.dossiers, 1, 'only the received dossier counts');
      assert.equal(hallRow.days, daysSoFar);
      assert.equal(hallRow.periodTarget, Math.round((1600 * daysSoFar * 10) / 365) / 10, 'the province level (1,600 a year) over the days so far');
      assert.equal(report.json.rows.filter((r: any) => r.hallId === base.hall.id && r.officerId !== null).length, 1, 'one officer');
      assert.equal(
        report.json.rows.some((r: any) => r.hallId === 'xa-khong-ho-so'),
        false,
        'no dossier, no productivity row',
      );

      const lastMonth = addDays(`${month}-01`, -1).slice(0, 7);
      assert.deepEqual((await hubGet(hub, `/api/v1/reports/468?month=${lastMonth}`, supervisor)).json.rows, []);

      const ranking = await hubGet(hub, `/api/v1/reports/766?month=${month}`, supervisor);
      assert.deepEqual(
        ranking.json.rows.map((r: any) => [r.rank, r.hallId, r.dossiers, r.satisfaction766Pct]),
        [
          [1, base.hall.id, 1, 100],
          [0, 'xa-khong-ho-so', 0, null],
        ],
      );
    } finally {
      await hall.close();
      await other.close();
    }
  });
});
