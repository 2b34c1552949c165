/**
 * Dossier submission that fails half-way, restarts and retention, against the real hall server:
 * - the outbox hook fails after the ticket was issued: the retry answers the same ticket, never a
 *   second one, and the code sequence has no gap;
 * - the ticket could not be issued (the fairness rule): the recorded intent is kept and the retry,
 *   once allowed, issues the ticket with the recorded id;
 * - the purge at start (injected clock) deletes drafts after a day and submitted dossiers after the
 *   retention period, keeping code, procedure, state and times;
 * - a database opened with another key, or a key file others may read, does not start.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierView } from '../../../electron/common/dossier-wire.ts';
import { hallKeyPath } from '../../../electron/server/dossier-crypto.ts';
import { createHallServer } from '../../../electron/server/hall-server.ts';
import { createRootLogger } from '../../../electron/server/logger.ts';
import { HallKeyMismatchError } from '../../../electron/store/dossier-store.ts';
import { verifyEventChain } from '../../../electron/store/event-log.ts';
import type { HallDatabase } from '../../../electron/store/open-database.ts';
import { birthDossierRequest } from '../../support/dossier-fixture.ts';
import { api, openDemoHall, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T02:00:00Z');

async function createDossier(hall: TestHall, token: string, idNumber: string): Promise<string> {
  const res = await api(hall.url, 'POST', '/api/v1/dossiers', { token, body: birthDossierRequest({}, idNumber) });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json.dossier.id as string;
}

const issuedTickets = (db: HallDatabase): number => db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get() as number;

describe('dossier submission that fails half-way', () => {
  test('the outbox hook fails after the ticket was issued: the retry gets the same ticket and the first code', async (t) => {
    const seen: { state: string; code: string | null; inTransaction: boolean }[] = [];
    let failNext = true;
    const hall = await startTestHall({
      clock: () => T0,
      server: {
        onDossierSubmitted: (dossier: DossierView, tx: HallDatabase) => {
          seen.push({ state: dossier.state, code: dossier.code, inTransaction: tx.inTransaction });
          if (failNext) {
            failNext = false;
            throw new Error('outbox unavailable');
          }
        },
      },
    });
    t.after(() => hall.close());
    const kiosk = hall.device('kiosk');
    const id = await createDossier(hall, kiosk, '001090010001');
    const before = issuedTickets(hall.server.db);

    const failed = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    assert.deepEqual([failed.status, failed.json.error.code], [500, 'INTERNAL']);
    const row = hall.server.db.prepare('SELECT state, code, pending_ticket_id FROM dossiers WHERE id = ?').get(id) as {
      state: string;
      code: string | null;
      pending_ticket_id: string;
    };
    assert.deepEqual([row.state, row.code], ['draft', null], 'the submission was rolled back');
    assert.ok(hall.server.hall.ticket(row.pending_ticket_id), 'the ticket was issued with the recorded id');
    assert.equal(issuedTickets(hall.server.db), before + 1);

    const retried = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    assert.equal(retried.status, 200, JSON.stringify(retried.json));
    assert.deepEqual([retried.json.ticket.id, retried.json.dossier.code], [row.pending_ticket_id, '000.14.21.H36-261123-0001']);
    assert.equal(issuedTickets(hall.server.db), before + 1, 'no second ticket');
    assert.deepEqual(seen, [
      { state: 'submitted', code: '000.14.21.H36-261123-0001', inTransaction: true },
      { state: 'submitted', code: '000.14.21.H36-261123-0001', inTransaction: true },
    ]);
  });

  test('a ticket refused by the fairness rule: the intent stays, and the retry issues the ticket with the recorded id', async (t) => {
    const hall = await startTestHall({ clock: () => T0 });
    t.after(() => hall.close());
    const kiosk = hall.device('kiosk');
    // Cancelling a waiting ticket held at no counter is a supervisor's act (electron/core/authority.ts).
    const officer = await hall.officerAt('quay-1', 'supervisor');
    const first = await createDossier(hall, kiosk, '001090010002');
    const firstTicket = (await api(hall.url, 'POST', `/api/v1/dossiers/${first}/submit`, { token: kiosk, body: {} })).json.ticket.id as string;
    const second = await createDossier(hall, kiosk, '001090010002');
    assert.equal((await api(hall.url, 'POST', `/api/v1/dossiers/${second}/submit`, { token: kiosk, body: {} })).json.error.code, 'DUPLICATE_OPEN_TICKET');
    const intent = hall.server.db.prepare('SELECT pending_ticket_id FROM dossiers WHERE id = ?').pluck().get(second) as string;
    assert.equal(hall.server.hall.ticket(intent), null, 'no ticket was issued');

    const cancelled = await api(hall.url, 'POST', `/api/v1/tickets/${firstTicket}/cancel`, { token: officer.token, session: officer.session, body: {} });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
    const retried = await api(hall.url, 'POST', `/api/v1/dossiers/${second}/submit`, { token: kiosk, body: {} });
    assert.equal(retried.status, 200, JSON.stringify(retried.json));
    assert.deepEqual([retried.json.ticket.id, retried.json.dossier.code], [intent, '000.14.21.H36-261123-0002']);
  });
});

describe('retention and the hall data key across restarts', () => {
  test('the purge at start deletes a draft after a day and a submitted dossier after the retention period', async (t) => {
    const tmp = tempDir('dossier-retention-');
    t.after(tmp.cleanup);
    const dbPath = join(tmp.dir, 'hall.db');
    let now = T0;
    const start = (): Promise<TestHall> => startTestHall({ dbPath, clock: () => now });

    let hall = await start();
    const kiosk = hall.device('kiosk', null, 400);
    const draft = await createDossier(hall, kiosk, '001090010003');
    const submitted = await createDossier(hall, kiosk, '001090010004');
    const code = (await api(hall.url, 'POST', `/api/v1/dossiers/${submitted}/submit`, { token: kiosk, body: {} })).json.dossier.code as string;
    await hall.close();

    now = T0 + 2 * DAY;
    hall = await start();
    let officer = await hall.officerAt('quay-1');
    const asOfficer = (path: string) => api(hall.url, 'GET', path, { token: officer.token, session: officer.session });
    assert.equal((await asOfficer(`/api/v1/dossiers/${draft}`)).json.error.code, 'DOSSIER_PURGED', 'the abandoned draft is purged at start');
    assert.equal((await asOfficer(`/api/v1/dossiers?code=${code}`)).json.dossier.id, submitted, 'the submitted dossier is kept, read with the same key file');
    await hall.close();

    now = T0 + 91 * DAY;
    hall = await start();
    t.after(() => hall.close());
    officer = await hall.officerAt('quay-1');
    const purged = await asOfficer(`/api/v1/dossiers?code=${code}`);
    assert.deepEqual([purged.status, purged.json.error.code], [410, 'DOSSIER_PURGED']);
    const row = hall.server.db.prepare('SELECT procedure_id, state, code, submitted_at, personal, person_hash FROM dossiers WHERE id = ?').get(submitted);
    assert.deepEqual(row, { procedure_id: 'dang-ky-khai-sinh', state: 'submitted', code, submitted_at: T0, personal: null, person_hash: null });
    assert.equal(hall.server.db.prepare('SELECT COUNT(*) FROM dossier_papers').pluck().get(), 0);
    const purges = hall.server.db.prepare("SELECT at, data FROM events WHERE type = 'dossier.purged' ORDER BY seq").all() as { at: number; data: string }[];
    assert.deepEqual(
      purges.map((e) => [e.at, JSON.parse(e.data)]),
      [
        [T0 + 2 * DAY, { dossierId: draft, code: null }],
        [T0 + 91 * DAY, { dossierId: submitted, code }],
      ],
      'each purge is in the event log, the draft without a code',
    );
    assert.deepEqual(verifyEventChain(hall.server.db).firstBroken, null);
  });

  test('another key, or a key file others may read, stops the server at start with a clear error', async (t) => {
    const tmp = tempDir('dossier-key-');
    t.after(tmp.cleanup);
    const dbPath = join(tmp.dir, 'hall.db');
    const hall = await startTestHall({ dbPath, clock: () => T0 });
    await createDossier(hall, hall.device('kiosk'), '001090010005');
    await hall.close();
    const options = { dbPath, config: openDemoHall(), clock: () => T0, log: createRootLogger('silent') };
    assert.throws(() => createHallServer({ ...options, hallKey: randomBytes(32) }), HallKeyMismatchError);
    chmodSync(hallKeyPath(dbPath), 0o640);
    assert.throws(() => createHallServer(options), /may be read by other users \(mode 0640\); run: chmod 600/);
  });
});
