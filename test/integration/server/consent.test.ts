/**
 * Consent before reading (NĐ 13/2023; common/privacy-notice.ts) over HTTP against the real hall
 * server: what a kiosk read from a card (an ID number, a chip) reaches the hall only with the
 * citizen's consent to the notice shown now, and the hall keeps that consent with the ticket or
 * the dossier's draft, in the same commit, as consent.given in the event log: the notice, its
 * version, the language and the time, nothing of the person. A refused request writes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRIVACY_NOTICE_VERSIONS, consentTo } from '../../../electron/common/privacy-notice.ts';
import { verifyEventChain } from '../../../electron/store/event-log.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { birthDossierRequest, CARD } from '../../support/dossier-fixture.ts';

/** Monday 23/11/2026, 09:00 in Hanoi. */
const T0 = Date.parse('2026-11-23T02:00:00Z');
const ID_NUMBER = '001090054321';

describe('consent before reading, kept with what it was given for', () => {
  let hall: TestHall;
  let kiosk: string;
  let now = T0;

  const events = (type: string) =>
    (
      hall.server.db.prepare('SELECT seq, ticket_id AS ticketId, data FROM events WHERE type = ? ORDER BY seq').all(type) as {
        seq: number;
        ticketId: string | null;
        data: string;
      }[]
    ).map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
  const eventCount = () => (hall.server.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

  before(async () => {
    hall = await startTestHall({ clock: () => now });
    kiosk = hall.device('kiosk');
  });
  after(() => hall.close());

  test('an ID number without the consent is refused, naming the field, and nothing is written', async () => {
    const before = eventCount();
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', idNumber: ID_NUMBER } });
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.json.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      r.json.error.details.issues.map((i: { path: string }) => i.path),
      ['consent'],
    );
    assert.equal(eventCount(), before);
  });

  test('a consent to an older wording of the notice, or to the dossier notice, is refused', async () => {
    const older = { ...consentTo('identify', 'vi', T0 - 60_000), version: '2025-01-01' };
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', idNumber: ID_NUMBER, consent: older } });
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.match(JSON.stringify(r.json.error.details), /consent\.version/);
    const wrongNotice = await api(hall.url, 'POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'ho-tich', idNumber: ID_NUMBER, consent: consentTo('dossier', 'vi', T0 - 60_000) },
    });
    assert.equal(wrongNotice.status, 400, JSON.stringify(wrongNotice.json));
  });

  test('with the consent the ticket is issued, and consent.given is recorded with it: the notice, not the person', async () => {
    now = T0 + 1_000;
    const consent = consentTo('identify', 'en', T0 - 30_000);
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich', idNumber: ID_NUMBER, consent } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const [given] = events('consent.given');
    const [issued] = events('ticket.issued').filter((e) => e.ticketId === r.json.ticket.id);
    assert.ok(given && issued);
    assert.equal(given.ticketId, r.json.ticket.id);
    assert.equal(given.seq, issued.seq - 1, 'recorded in the same commit, before the ticket');
    const { actor, ...recorded } = given.data;
    assert.deepEqual(recorded, { notice: 'identify', version: PRIVACY_NOTICE_VERSIONS.identify, language: 'en', givenAt: T0 - 30_000, dossierId: null });
    assert.ok(actor, 'the kiosk that asked is named');
    assert.doesNotMatch(JSON.stringify(given.data), new RegExp(ID_NUMBER));
  });

  test('a ticket without anything read needs no consent and records none', async () => {
    const before = events('consent.given').length;
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(events('consent.given').length, before);
  });

  test('a dossier’s draft keeps its consent: in the dossier the counter opens and in the event log', async () => {
    now = T0 + 2_000;
    const request = birthDossierRequest();
    const created = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: request });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual(created.json.dossier.consent, { ...request.consent, recordedAt: T0 + 2_000 });
    const recorded = events('consent.given').find((e) => e.data.dossierId === created.json.dossier.id);
    assert.ok(recorded, 'consent.given names the draft');
    assert.equal(recorded.data.notice, 'dossier');
    assert.equal(recorded.ticketId, null);
    assert.doesNotMatch(JSON.stringify(recorded.data), new RegExp(`${CARD.idNumber}|${CARD.fullName}`));
    const officer = await hall.officerAt('quay-1');
    const opened = await api(hall.url, 'GET', `/api/v1/dossiers/${created.json.dossier.id}`, officer);
    assert.equal(opened.status, 200, JSON.stringify(opened.json));
    assert.deepEqual(opened.json.dossier.consent, created.json.dossier.consent);
  });

  test('a dossier without its consent, or with the identify one, is refused and leaves no draft', async () => {
    const drafts = () => (hall.server.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n;
    const before = drafts();
    const { consent: _, ...without } = birthDossierRequest();
    const r = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: without });
    assert.equal(r.status, 400, JSON.stringify(r.json));
    const wrong = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: { ...without, consent: consentTo('identify', 'vi', T0) } });
    assert.equal(wrong.status, 400, JSON.stringify(wrong.json));
    assert.equal(drafts(), before);
  });

  test('the event log with the consents still verifies', () => {
    assert.deepEqual(verifyEventChain(hall.server.db).firstBroken, null);
  });
});
