/**
 * Group commit over HTTP: no answer leaves the hall server before the commands committed so far
 * are durable (HallService.whenDurable, store/wal-sync.ts), a failed sync turns the answer into
 * an error, and concurrent issues share their syncs while every answered ticket is in the log.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

describe('group commit over HTTP', () => {
  let hall: TestHall;
  let kiosk = '';
  before(async () => {
    hall = await startTestHall();
    kiosk = hall.device('kiosk');
  });
  after(() => hall.close());

  test('an issue is answered only once its sync completed', async () => {
    const service = hall.server.hall;
    const original = service.whenDurable;
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let askedAt = 0;
    service.whenDurable = () => {
      askedAt ||= performance.now();
      return gate;
    };
    try {
      const answer = api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
      // Once the handler is done, the answer asks whether its commit is durable; it must wait there.
      for (let i = 0; askedAt === 0 && i < 2000; i++) await delay(5);
      assert.ok(askedAt > 0, 'the answer never asked whether its commit is durable');
      const first = await Promise.race([answer.then(() => 'answered'), delay(200).then(() => 'waiting')]);
      assert.equal(first, 'waiting', 'no answer while the sync is pending');
      const held = performance.now() - askedAt;
      release();
      const res = await answer;
      assert.equal(res.status, 201);
      // Server-Timing names the wait for the sync beside the whole time: at least as long as the sync was held.
      const timing = /^app;dur=(\d+\.\d{3}), durable;dur=(\d+\.\d{3})$/.exec(res.headers.get('server-timing') ?? '');
      assert.ok(timing, `Server-Timing: ${res.headers.get('server-timing')}`);
      const [total, durable] = [Number(timing[1]), Number(timing[2])];
      assert.ok(durable >= held - 1 && durable <= total, `the answer waited ${durable} of ${total} ms for the sync, held for ${held.toFixed(3)} ms`);
    } finally {
      service.whenDurable = original;
    }
  });

  test('a read waits too, and a failed sync answers 500 without the body', async () => {
    const service = hall.server.hall;
    const original = service.whenDurable;
    service.whenDurable = () => Promise.reject(new Error('fdatasync failed: EIO'));
    try {
      const res = await api(hall.url, 'GET', '/healthz');
      assert.equal(res.status, 500);
      assert.equal(res.json.error.code, 'INTERNAL');
      assert.equal(res.json.status, undefined, 'the health body is not sent');
    } finally {
      service.whenDurable = original;
    }
  });

  test('20 concurrent issues are each answered with a ticket that is in the log, and the connection is back to FULL', async () => {
    const before = hall.server.hall.lastSeq;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'chung-thuc' } })),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(20).fill(201),
    );
    const ids = new Set(answers.map((a) => a.json.ticket.id as string));
    const logged = hall.server.db.prepare("SELECT ticket_id FROM events WHERE seq > ? AND type = 'ticket.issued'").pluck().all(before) as string[];
    assert.deepEqual(new Set(logged), ids);
    const commits = hall.server.db.prepare('PRAGMA synchronous').pluck().get();
    assert.equal(commits, 2, 'the connection is back to synchronous=FULL between group commits');
  });
});
