/**
 * Live updates under a burst: many deliveries of one hall notified at once reach a dashboard as
 * a few pushes (one read of the hall's row in flight, one waiting), the last one carrying the
 * highest head and the latest calls; and the notices of other halls still get through.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { enrollHall } from '../../../electron/province/credentials.ts';
import type { Hub } from '../../../electron/province/hub.ts';
import { LIVE_CHANNEL, type LiveNotice } from '../../../electron/province/live-channel.ts';
import { startTestHub, streamClient, supervisorToken, testDatabase, type TestDatabase } from '../../support/province.ts';

describe('province live updates under a burst of deliveries', () => {
  let db: TestDatabase;
  let hub: Hub;

  before(async () => {
    db = await testDatabase();
    hub = await startTestHub(db.url);
  });

  after(async () => {
    await hub?.close();
    await db?.drop();
  });

  test('200 notices of one hall in one commit reach the dashboard as a few pushes ending at the last head', async () => {
    await enrollHall(hub.pool, { id: 'xa-bac', name: 'Bộ phận Một cửa xã Bắc', district: 'kv-01' });
    await enrollHall(hub.pool, { id: 'xa-nam', name: 'Bộ phận Một cửa xã Nam', district: 'kv-02' });
    const dashboard = await streamClient(hub.url, await supervisorToken(hub));
    const notice = (hallId: string, headSeq: number): LiveNotice => ({
      kind: 'events',
      hallId,
      headSeq,
      lastEventAt: 1_793_579_404_420 + headSeq,
      days: ['2026-11-02'],
      calls: [{ number: `A${String(headSeq).padStart(4, '0')}`, counterId: 'quay-1', at: 1_793_579_404_420 + headSeq }],
    });
    const client = await hub.pool.connect();
    try {
      await client.query('BEGIN');
      for (let seq = 1; seq <= 200; seq++) await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify(notice('xa-bac', seq))]);
      await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify(notice('xa-nam', 7))]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const last = await dashboard.waitFor((m) => m.type === 'hall' && m.hall.id === 'xa-bac' && m.headSeq === 200);
    const other = await dashboard.waitFor((m) => m.type === 'hall' && m.hall.id === 'xa-nam');
    assert.equal(other.headSeq, 7);
    assert.equal(other.hall.name, 'Bộ phận Một cửa xã Nam');
    assert.deepEqual(
      last.calls.map((c: { number: string }) => c.number),
      ['A0196', 'A0197', 'A0198', 'A0199', 'A0200'],
      'the latest calls of the merged notices',
    );
    // Nothing arrives after the last head: give any stray push a moment, then count.
    await new Promise((r) => setTimeout(r, 300));
    const pushes = dashboard.messages.filter((m) => m.type === 'hall' && m.hall.id === 'xa-bac');
    assert.ok(pushes.length >= 1 && pushes.length <= 3, `${pushes.length} pushes for 200 notices`);
    assert.equal(pushes[pushes.length - 1].headSeq, 200);
    const seqs = pushes.map((m: { headSeq: number }) => m.headSeq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'heads only move forward',
    );
    assert.equal(hub.live.notices, 201);
    dashboard.close();
  });
});
