/**
 * Proxy mode over HTTP against the real hall server (the demo hall takes up to 5 dossiers on one
 * ticket): the hall publishes the limit, a representative's ticket carries its dossiers into the
 * estimates of the people behind, the counter and the stored row see the count, and a count over
 * the limit or a second ticket of the same representative is refused without issuing anything.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

describe('proxy mode: several dossiers on one ticket', () => {
  let hall: TestHall;
  let kiosk: string;
  let officer: { token: string; session: string };
  const issued = (): number => hall.server.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get() as number;
  const issue = (body: Record<string, unknown>) => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', ...body } });

  before(async () => {
    hall = await startTestHall();
    kiosk = hall.device('kiosk');
    officer = await hall.officerAt('quay-1');
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { ...officer, body: {} })).status, 200);
  });
  after(() => hall.close());

  test('the hall publishes its limit with the rules terminals apply, and nothing else of its policy', async () => {
    const config = await api(hall.url, 'GET', '/api/v1/hall/config', { token: kiosk });
    assert.deepEqual(config.json.policy, { ratingWindowSeconds: 30, ratingLevels: 3, elderlyAge: 60, priorityRatio: 2, maxDossiersPerTicket: 5 });
  });

  test('a representative’s three dossiers count in the estimates of the people behind', async () => {
    const proxy = await issue({ dossierCount: 3, idNumber: '001090011111', consent: IDENTIFY_CONSENT });
    assert.equal(proxy.status, 201, JSON.stringify(proxy.json));
    assert.equal(proxy.json.ticket.dossierCount, 3);
    // Quầy 1 alone is open for Hộ tịch, two thirds of it (weights 1 and 0.5 with LĐTBXH), at the
    // default 12 minutes: 18 minutes a dossier; 3 dossiers ahead, then 4.
    const next = await issue({});
    assert.deepEqual([next.json.estimate.peopleAhead, next.json.estimate.estimatedWaitMinutes, next.json.ticket.dossierCount], [1, 54, 1]);
    const third = await issue({});
    assert.deepEqual([third.json.estimate.peopleAhead, third.json.estimate.estimatedWaitMinutes], [2, 72]);

    const called = await api(hall.url, 'POST', '/api/v1/counters/quay-1/call-next', { ...officer, body: {} });
    assert.equal(called.status, 200, JSON.stringify(called.json));
    assert.deepEqual([called.json.ticket.id, called.json.ticket.dossierCount], [proxy.json.ticket.id, 3]);
    hall.server.hall.flushProjections();
    assert.equal(hall.server.db.prepare('SELECT dossier_count FROM tickets WHERE id = ?').pluck().get(proxy.json.ticket.id), 3);
  });

  test('more than the limit, or a second ticket of the same representative, is refused and issues nothing', async () => {
    const before = issued();
    const over = await issue({ dossierCount: 6 });
    assert.equal(over.status, 400);
    assert.equal(over.json.error.code, 'VALIDATION_FAILED');
    const second = await issue({ dossierCount: 2, idNumber: '001090011111', consent: IDENTIFY_CONSENT });
    assert.deepEqual([second.status, second.json.error.code], [409, 'DUPLICATE_OPEN_TICKET']);
    assert.equal(issued(), before);
  });
});
