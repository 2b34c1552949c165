/**
 * The hall server's scheduled jobs on one fake clock (the hall's clock and the jobs' timers): a
 * day's open ticket is closed by the end-of-day job once the hall's local midnight has passed, a
 * draft's personal data is purged by the retention job once its retention ended, and closing the
 * server leaves no job scheduled.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../support/fake-clock.ts';
import { birthDossierRequest } from '../../support/dossier-fixture.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('scheduled jobs of the hall server', () => {
  // 09:00 on Monday 23/11/2026 in the hall (02:00 UTC); the demo hall is open every hour here.
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 2, 0));
  let hall: TestHall;
  let kiosk: string;

  before(async () => {
    hall = await startTestHall({ clock: clock.now, server: { timers: clock.schedule } });
    kiosk = hall.device('kiosk');
  });
  after(() => hall?.close());

  test("day close at the hall's midnight and the retention purge run when due; close leaves nothing scheduled", async () => {
    assert.ok(clock.pending > 0, 'the jobs wait on the fake clock');
    const draft = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest({}, '001090012001') });
    assert.equal(draft.status, 201, JSON.stringify(draft.json));
    const other = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest({}, '001090012002') });
    const submitted = await api(hall.url, 'POST', `/api/v1/dossiers/${other.json.dossier.id}/submit`, { token: kiosk, body: {} });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.json));
    const ticketId: string = submitted.json.ticket.id;
    const status = (): string | undefined => hall.server.hall.ticket(ticketId)?.status;

    // 23:59 local: still Monday, the ticket waits.
    await clock.advance(14 * HOUR + 59 * MINUTE);
    assert.equal(status(), 'waiting');
    // Local midnight is 17:00 UTC; the end-of-day job runs within its 30 s.
    await clock.advance(MINUTE + 30_000);
    assert.equal(status(), 'end_of_day');

    // The draft is kept for one day (draftRetentionDays); the purge runs every 10 minutes.
    const mine = () => api(hall.url, 'GET', `/api/v1/dossiers/${draft.json.dossier.id}`, { token: kiosk });
    assert.equal((await mine()).status, 200);
    await clock.advance(8 * HOUR + 58 * MINUTE); // 08:59 on Tuesday: its retention ends at 09:00
    assert.equal((await mine()).status, 200, 'kept until its retention ends');
    await clock.advance(11 * MINUTE); // the purge job has run since
    const purged = await mine();
    assert.equal(purged.json?.error?.code, 'DOSSIER_PURGED', JSON.stringify(purged.json));

    await hall.close();
    assert.equal(clock.pending, 0, 'no job is left scheduled after close');
  });
});
