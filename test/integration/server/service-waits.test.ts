/**
 * getServiceWaits: the estimate a kiosk shows on its queue buttons before a ticket is taken, from
 * the real hall server: the same figures a ticket issued at that moment gets, for every service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

describe('the estimated wait per service, before a ticket is taken', () => {
  let hall: TestHall;
  let kiosk: string;
  before(async () => {
    hall = await startTestHall();
    kiosk = hall.device('kiosk');
  });
  after(() => hall.close());

  const waits = async () => {
    const r = await api(hall.url, 'GET', '/api/v1/hall/waits', { token: kiosk });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as { seq: number; services: { serviceId: string; peopleAhead: number; estimatedWaitMinutes: number }[] };
  };

  test('one estimate per service; three tickets waiting put three people ahead of the next, as the next ticket then shows', async () => {
    const empty = await waits();
    assert.deepEqual(
      empty.services.map((s) => s.serviceId),
      hall.config.services.map((s) => s.id),
    );
    assert.ok(empty.services.every((s) => s.peopleAhead === 0));
    for (let i = 0; i < 3; i++) assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).status, 201);
    const after3 = await waits();
    const hoTich = after3.services.find((s) => s.serviceId === 'ho-tich');
    assert.equal(hoTich?.peopleAhead, 3);
    assert.ok(after3.seq > empty.seq, 'the answer says which event it is as of');
    assert.ok(
      after3.services.filter((s) => s.serviceId !== 'ho-tich').every((s) => s.peopleAhead === 0),
      'other queues are not counted',
    );
    const next = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
    assert.deepEqual(
      [next.json.estimate.peopleAhead, next.json.estimate.estimatedWaitMinutes],
      [hoTich?.peopleAhead, hoTich?.estimatedWaitMinutes],
      'the kiosk promised what the ticket then says',
    );
  });

  test('without a device token: 401; a device of another role (a rating tablet, a display): 403', async () => {
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/waits')).status, 401);
    for (const token of [hall.device('rating', 'quay-1'), hall.device('display')]) {
      const r = await api(hall.url, 'GET', '/api/v1/hall/waits', { token });
      assert.deepEqual([r.status, r.json.error.code], [403, 'FORBIDDEN']);
    }
    assert.equal((await api(hall.url, 'GET', '/api/v1/hall/waits', { token: hall.device('dashboard') })).status, 200);
  });
});
