/**
 * Priority the hall can trust, against the real hall server:
 * - the attack of the earlier version: a kiosk sends "elderly" with nothing to back it, and the
 *   server took it as fact; now it is a declaration, marked so on the ticket;
 * - a chip's raw EF.SOD and DG1 forwarded by the kiosk: verified by the server's own trust store
 *   (elderly, verified, the person hash from the chip's number); a tampered DG1, a DG13 sent along, a chip signed
 *   under another CSCA, or a server without a trust store: never verified, logged without personal data;
 * - the serving officer confirms or clears a declared priority (logged with the officer); an
 *   officer at another counter cannot;
 * - the dashboard's priority report per day.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadTrustStore } from '../../../devices/card-reader/passive-authentication.ts';
import { DEMO_CITIZEN } from '../../../devices/simulators/virtual-cccd/citizen.ts';
import type { CardFiles } from '../../../devices/simulators/virtual-cccd/personalisation.ts';
import { capturedLog } from '../../support/captured-log.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { demoCardFiles, OTHER_CSCA_DIR, TRUST_STORE_DIR } from '../../support/virtual-cccd.fixture.ts';
import { IDENTIFY_CONSENT } from '../../support/consent.ts';

/** A citizen born in 1950 (ID number: province 001, 0 = man born in the 20th century, year 50). */
const ELDER = { ...DEMO_CITIZEN, idNumber: '001050012345', dateOfBirth: '01/06/1950' };
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const chipOf = (files: CardFiles) => ({ sod: b64(files.sod), dg1: b64(files.dg1) });

describe('priority decided by the hall server', () => {
  const captured = capturedLog();
  let hall: TestHall;
  let kiosk: string;
  let elderChip: { sod: string; dg1: string };
  let youngChip: { sod: string; dg1: string };

  before(async () => {
    hall = await startTestHall({ server: { cardTrustStore: loadTrustStore(TRUST_STORE_DIR), log: captured.log } });
    kiosk = hall.device('kiosk');
    elderChip = chipOf(demoCardFiles(ELDER));
    youngChip = chipOf(demoCardFiles());
  });
  after(() => hall.close());

  // What a card gave goes with the citizen's consent, as the kiosk sends it.
  const issue = (body: Record<string, unknown>) =>
    api(hall.url, 'POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'ho-tich', ...body, ...('chip' in body || 'idNumber' in body ? { consent: IDENTIFY_CONSENT } : {}) },
    });

  test('an unbacked "elderly" from a kiosk is taken as a declaration, not as fact', async () => {
    const r = await issue({ priority: 'elderly' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.ticket.priority, 'elderly');
    assert.equal(r.json.ticket.priorityBasis, 'declared');
  });

  test('a verified chip at 60 or older: elderly, verified, without the kiosk asking; its number makes the person hash', async () => {
    const r = await issue({ chip: elderChip });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.ticket.priority, 'elderly');
    assert.equal(r.json.ticket.priorityBasis, 'verified');
    const stored = hall.server.hall.ticket(r.json.ticket.id);
    assert.ok(stored?.personHash, 'the chip’s ID number is hashed for the fairness rule');
    // The same person with the number typed in: the one-ticket-per-service rule recognises them.
    const again = await issue({ idNumber: ELDER.idNumber });
    assert.equal(again.json.error?.code, 'DUPLICATE_OPEN_TICKET', JSON.stringify(again.json));
  });

  test('an ID number that differs from the verified chip’s is refused', async () => {
    const r = await issue({ chip: elderChip, idNumber: '001099000001' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'VALIDATION_FAILED');
  });

  test('a verified chip under the elderly age refuses "elderly"; pregnant stays declared', async () => {
    const refused = await issue({ chip: youngChip, priority: 'elderly' });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'PRIORITY_NOT_ELIGIBLE');
    const pregnant = await issue({ chip: youngChip, priority: 'pregnant', serviceId: 'chung-thuc' });
    assert.equal(pregnant.status, 201, JSON.stringify(pregnant.json));
    assert.equal(pregnant.json.ticket.priorityBasis, 'declared');
  });

  test('a DG1 rewritten to an elder’s birth date fails the SOD hash: not verified, and the log says why without personal data', async () => {
    const young = demoCardFiles();
    const forged = demoCardFiles(ELDER).dg1; // a real DG1 of another person, under the young card's SOD
    const r = await issue({ chip: { sod: b64(young.sod), dg1: b64(forged) }, serviceId: 'xay-dung' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.ticket.priority, 'normal', 'no priority from a chip that did not verify');
    const line = captured.lines().find((l) => l.module === 'chip-check');
    assert.match(String(line?.reason), /passive authentication failed: hash mismatch for data group\(s\) 1\b/);
    assert.doesNotMatch(captured.text(), new RegExp(`${ELDER.idNumber}|${DEMO_CITIZEN.idNumber}|1950|Nguyễn`));
  });

  test('a chip proof that carries DG13 (ethnicity, religion, family) is refused: the hall takes DG1 only', async () => {
    const withDg13 = { ...elderChip, dg13: b64(demoCardFiles(ELDER).dg13) };
    const r = await issue({ chip: withDg13, serviceId: 'ldtbxh' });
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.json.error.code, 'VALIDATION_FAILED');
    const legacy = await issue({ chip: { sod: elderChip.sod, dg13: b64(demoCardFiles(ELDER).dg13) }, serviceId: 'ldtbxh' });
    assert.equal(legacy.status, 400, 'the former proof (SOD and DG13) is not accepted either');
  });

  test('garbage in place of the SOD is a failed check, not a server error', async () => {
    const r = await issue({
      chip: { sod: b64(new Uint8Array([0x77, 0x03, 1, 2, 3])), dg1: elderChip.dg1 },
      priority: 'elderly',
      serviceId: 'dang-ky-kinh-doanh',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.ticket.priorityBasis, 'declared');
  });

  test('the serving officer clears a declared priority; the event names the officer; another counter cannot touch it', async () => {
    const officer = await hall.officerAt('quay-1');
    const other = await hall.officerAt('quay-2');
    const op = (who: { token: string; session: string }, counter: string, action: string, body: unknown = {}) =>
      api(hall.url, 'POST', `/api/v1/counters/${counter}/${action}`, { token: who.token, session: who.session, body });
    assert.equal((await op(officer, 'quay-1', 'open')).status, 200);
    assert.equal((await op(other, 'quay-2', 'open')).status, 200);
    const called = await op(officer, 'quay-1', 'call', { number: 'A001' }); // the unbacked "elderly"
    assert.equal(called.status, 200, JSON.stringify(called.json));
    assert.equal(called.json.ticket.priorityBasis, 'declared');

    const foreign = await op(other, 'quay-1', 'priority-review', { decision: 'cleared' });
    assert.equal(foreign.status, 403, 'a device bound to quay-2 cannot act at quay-1');
    const nothingThere = await op(other, 'quay-2', 'priority-review', { decision: 'cleared' });
    assert.equal(nothingThere.json.error.code, 'NO_CURRENT_TICKET');

    const cleared = await op(officer, 'quay-1', 'priority-review', { decision: 'cleared' });
    assert.equal(cleared.status, 200, JSON.stringify(cleared.json));
    assert.equal(cleared.json.ticket.priority, 'normal');
    assert.equal(cleared.json.ticket.priorityBasis, 'cleared');
    const event = hall.server.db.prepare("SELECT data FROM events WHERE type = 'ticket.priority_reviewed'").get() as { data: string };
    const data = JSON.parse(event.data) as { decision: string; priority: string; staffId: string; actor: { staffId: string } };
    assert.equal(data.decision, 'cleared');
    assert.equal(data.priority, 'elderly');
    assert.equal(data.staffId, data.actor.staffId);
    const twice = await op(officer, 'quay-1', 'priority-review', { decision: 'confirmed' });
    assert.equal(twice.json.error.code, 'PRIORITY_NOT_DECLARED');
  });

  test('the dashboard’s report counts verified, declared and cleared priorities of the day', async () => {
    const r = await api(hall.url, 'GET', '/api/v1/reports/priorities', { token: hall.device('dashboard') });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.days.length, 1);
    const { businessDate: _d, ...today } = r.json.days[0];
    // Issued: declared elderly (cleared since), verified elder, declared pregnant, the forged chip (normal),
    // the garbage SOD (declared elderly).
    assert.deepEqual(today, { tickets: 5, verified: 1, declared: 3, confirmed: 0, cleared: 1 });
  });
});

describe('a hall server that cannot verify the chip', () => {
  for (const [name, store] of [
    ['no trust store', () => []],
    ['a trust store without the card’s CSCA', () => loadTrustStore(OTHER_CSCA_DIR)],
  ] as const) {
    test(`${name}: the elder's genuine chip gives no verified priority`, async () => {
      const captured = capturedLog();
      const hall = await startTestHall({ server: { cardTrustStore: store(), log: captured.log } });
      try {
        const r = await api(hall.url, 'POST', '/api/v1/tickets', {
          token: hall.device('kiosk'),
          body: { serviceId: 'ho-tich', priority: 'elderly', chip: chipOf(demoCardFiles(ELDER)), consent: IDENTIFY_CONSENT },
        });
        assert.equal(r.status, 201, JSON.stringify(r.json));
        assert.equal(r.json.ticket.priorityBasis, 'declared');
        assert.ok(captured.lines().some((l) => l.module === 'chip-check'));
      } finally {
        await hall.close();
      }
    });
  }
});
