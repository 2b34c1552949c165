/**
 * The procedure an officer names when finishing a service (finishService `procedureId`): a
 * quick-path ticket, issued without one, counts under it in the figures by procedure (TT 01/2018,
 * QĐ 766 count per procedure); an unknown procedure is refused and the service stays open.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { businessDateOf } from '../../../electron/core/business-time.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

describe('the procedure named at the finish', () => {
  let hall: TestHall;
  let officer: { token: string; session: string };
  let dashboard: string;

  before(async () => {
    hall = await startTestHall();
    officer = await hall.officerAt('quay-1');
    dashboard = hall.device('dashboard');
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { ...officer, body: {} })).status, 200);
  });
  after(() => hall.close());

  test('a quick-path ticket counts under the procedure the officer handled', async () => {
    const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: hall.device('kiosk'), body: { serviceId: 'ho-tich' } });
    assert.equal(issued.status, 201, JSON.stringify(issued.json));
    assert.equal(issued.json.ticket.procedureId, null);
    for (const step of ['call-next', 'start'])
      assert.equal((await api(hall.url, 'POST', `/api/v1/counters/quay-1/${step}`, { ...officer, body: {} })).status, 200);

    const unknown = await api(hall.url, 'POST', '/api/v1/counters/quay-1/finish', {
      ...officer,
      body: { outcome: 'received_dossier', procedureId: 'khong-co' },
    });
    assert.equal(unknown.status, 404, JSON.stringify(unknown.json));
    assert.equal(unknown.json.error.code, 'UNKNOWN_PROCEDURE');
    assert.equal(hall.server.hall.ticket(issued.json.ticket.id)?.status, 'serving', 'the service is still open');

    const done = await api(hall.url, 'POST', '/api/v1/counters/quay-1/finish', {
      ...officer,
      body: { outcome: 'received_dossier', procedureId: 'dang-ky-khai-sinh' },
    });
    assert.equal(done.status, 200, JSON.stringify(done.json));
    const today = businessDateOf(Date.now(), hall.config.schedule.timeZone);
    const kpis = await api(hall.url, 'GET', `/api/v1/kpis?from=${today}&to=${today}&groupBy=procedure`, { token: dashboard });
    assert.equal(kpis.status, 200, JSON.stringify(kpis.json));
    const row = kpis.json.rows.find((r: { key: string }) => r.key === 'dang-ky-khai-sinh');
    assert.ok(row, JSON.stringify(kpis.json.rows));
    assert.equal(row.served, 1);
  });
});
