/**
 * A submitted dossier reaches the provincial system through the outbox: the outbox row holds only
 * the dossier's id and code (no personal data outside the sealed dossier tables), the message is
 * built at send time with the applicant, the form and the papers' PDFs, it is accepted once, the
 * dossier becomes `synced`, and the status lookup by its code then answers "Đã tiếp nhận". A dossier
 * purged before its message left becomes a dead letter that says why.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PAPER_HEADERS } from '../../../electron/common/dossier-wire.ts';
import { ProvincialSimulator } from '../../../scripts/provincial/simulator.ts';
import { join } from 'node:path';
import { api, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';
import { birthDossierRequest, CARD } from '../../support/dossier-fixture.ts';
import { pdfkitPdf, sha256 } from '../../support/pdf-fixture.ts';
import { demoHallWithProvincial, supervisorOnDashboard } from '../../support/provincial.ts';

const TOKEN = 'dossier-outbox-test-token';

describe('dossiers through the outbox', () => {
  let sim: ProvincialSimulator;
  let hall: TestHall;
  let kiosk: string;
  const tmp = tempDir('dossier-outbox-');

  before(async () => {
    sim = await ProvincialSimulator.start({ token: TOKEN, port: 0 });
    hall = await startTestHall({
      config: demoHallWithProvincial(),
      dbPath: join(tmp.dir, 'hall.db'),
      provincial: { env: { PROVINCIAL_TOKEN: TOKEN }, baseUrl: sim.url, autoStart: false },
    });
    kiosk = hall.device('kiosk');
  });
  after(async () => {
    await hall?.close();
    await sim?.close();
    tmp.cleanup();
  });

  async function submitted(idNumber: string): Promise<{ id: string; code: string; pdf: Buffer }> {
    const created = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest({}, idNumber) });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.dossier.id as string;
    const pdf = await pdfkitPdf(1, 'Giay chung sinh');
    const up = await fetch(`${hall.url}/api/v1/dossiers/${id}/papers/GCS`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${kiosk}`,
        'content-type': 'application/pdf',
        [PAPER_HEADERS.sha256]: sha256(pdf),
        [PAPER_HEADERS.pages]: '1',
        [PAPER_HEADERS.dpi]: '200',
      },
      body: pdf,
    });
    assert.equal(up.status, 201, await up.text());
    const sub = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    assert.equal(sub.status, 200, JSON.stringify(sub.json));
    return { id, code: sub.json.dossier.code as string, pdf };
  }

  test('delivered once with its papers, marked synced, and found by the status lookup', async () => {
    const { id, code, pdf } = await submitted(CARD.idNumber);
    const row = hall.server.db.prepare('SELECT payload FROM outbox WHERE aggregate_id = ?').get(id) as { payload: string };
    assert.deepEqual(JSON.parse(row.payload), { ref: 'dossier', dossierId: id, dossierCode: code });
    assert.ok(!row.payload.includes(CARD.idNumber) && !row.payload.includes(CARD.fullName), 'no personal data in the outbox');

    const worker = hall.server.provincial.worker;
    assert.ok(worker, 'the provincial sync is configured');
    const run = await worker.runOnce();
    assert.equal(run.delivered, 1);
    const accepted = sim.accepted().filter((m) => m.aggregateId === id);
    assert.equal(accepted.length, 1);
    const data = accepted[0]?.body.data as {
      dossierCode: string;
      applicant: { idNumber: string };
      form: { childFullName: string };
      papers: { docTypeCode: string; sha256: string; pdfBase64: string }[];
    };
    assert.equal(data.dossierCode, code);
    assert.equal(data.applicant.idNumber, CARD.idNumber);
    assert.equal(data.form.childFullName, 'Nguyễn Minh Khang');
    assert.deepEqual(
      data.papers.map((p) => p.docTypeCode),
      ['GCS'],
    );
    const sent = Buffer.from(data.papers[0]?.pdfBase64 ?? '', 'base64');
    assert.equal(createHash('sha256').update(sent).digest('hex'), sha256(pdf));
    assert.equal(data.papers[0]?.sha256, sha256(pdf));

    const officer = await hall.officerAt('quay-1');
    const view = await api(hall.url, 'GET', `/api/v1/dossiers/${id}`, officer);
    assert.equal(view.json.dossier.state, 'synced');
    assert.equal(typeof view.json.dossier.syncedAt, 'number');

    const status = await api(hall.url, 'GET', `/api/v1/dossier-status/${code}`, { token: kiosk });
    assert.equal(status.status, 200, JSON.stringify(status.json));
    assert.equal(status.json.state, 'received');
    assert.equal(status.json.label.vi, 'Đã tiếp nhận');

    assert.equal((await worker.runOnce()).claimed, 0, 'nothing is sent twice');
    hall.server.dossiers.markSynced(id); // a late duplicate acknowledgement changes nothing
    const logged = hall.server.db.prepare("SELECT type, data FROM events WHERE type = 'dossier.synced' AND json_extract(data, '$.dossierId') = ?").all(id);
    assert.deepEqual(logged, [{ type: 'dossier.synced', data: JSON.stringify({ code, dossierId: id }) }], 'the first delivery is in the event log, once');
  });

  test('a dossier purged before its message left is a dead letter with the reason', async () => {
    const { id } = await submitted('079090001234');
    hall.server.db.prepare('UPDATE dossiers SET purge_after = 0 WHERE id = ?').run(id);
    assert.ok(hall.server.dossiers.purgeDue() >= 1);
    const worker = hall.server.provincial.worker;
    assert.ok(worker);
    const run = await worker.runOnce();
    assert.equal(run.dead, 1);
    const supervisor = await supervisorOnDashboard(hall);
    const outbox = await api(hall.url, 'GET', '/api/v1/outbox', supervisor);
    const dead = (outbox.json.deadLetters as { aggregateId?: string; lastError: string }[]).find((d) => JSON.stringify(d).includes(id) || d.aggregateId === id);
    assert.ok(dead, JSON.stringify(outbox.json));
    assert.match(dead.lastError, /cannot be built/);
    assert.equal(sim.accepted().filter((m) => m.aggregateId === id).length, 0);
  });

  test('the delivered mark and the synced state commit together: a failed effect leaves the item due again', async () => {
    const { id } = await submitted('079090005678');
    const worker = hall.server.provincial.worker;
    assert.ok(worker);
    // The dossier update fails (as a full disk would) after the province has accepted the message.
    hall.server.db.exec("CREATE TEMP TRIGGER fail_sync BEFORE UPDATE OF synced_at ON dossiers BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await worker.runOnce();
    assert.equal(sim.accepted().filter((m) => m.aggregateId === id).length, 1, 'the province has it');
    const item = hall.server.db.prepare('SELECT delivered_at, dead_at FROM outbox WHERE aggregate_id = ?').get(id) as {
      delivered_at: number | null;
      dead_at: number | null;
    };
    assert.deepEqual(item, { delivered_at: null, dead_at: null }, 'not marked delivered without its effect');
    assert.equal(hall.server.db.prepare('SELECT synced_at FROM dossiers WHERE id = ?').pluck().get(id), null);
    hall.server.db.exec('DROP TRIGGER fail_sync');
    // Due again when its lease ends; the receiver deduplicates the second copy by its key.
    hall.server.db.prepare('UPDATE outbox SET next_attempt_at = 0 WHERE aggregate_id = ?').run(id);
    const run = await worker.runOnce();
    assert.equal(run.delivered, 1);
    assert.notEqual(hall.server.db.prepare('SELECT delivered_at FROM outbox WHERE aggregate_id = ?').pluck().get(id), null);
    assert.equal(typeof hall.server.db.prepare('SELECT synced_at FROM dossiers WHERE id = ?').pluck().get(id), 'number');
  });

  test('a delivery recorded without its synced state (an older release crashed between them) is repaired at restart', async () => {
    const { id } = await submitted('079090009999');
    // What a crash between the two separate writes of an older release left behind.
    hall.server.db.prepare('UPDATE outbox SET delivered_at = ?, attempts = 1 WHERE aggregate_id = ?').run(Date.now(), id);
    assert.equal(hall.server.db.prepare('SELECT state FROM dossiers WHERE id = ?').pluck().get(id), 'submitted');
    const dbPath = hall.dbPath;
    const config = hall.config;
    await hall.close();
    hall = await startTestHall({ config, dbPath, provincial: { env: { PROVINCIAL_TOKEN: TOKEN }, baseUrl: sim.url, autoStart: false } });
    kiosk = hall.device('kiosk');
    assert.equal(hall.server.db.prepare('SELECT state FROM dossiers WHERE id = ?').pluck().get(id), 'synced');
    const events = hall.server.db
      .prepare("SELECT count(*) FROM events WHERE type = 'dossier.synced' AND json_extract(data, '$.dossierId') = ?")
      .pluck()
      .get(id);
    assert.equal(events, 1);
  });
});
