/**
 * Dossiers over HTTP against the real hall server: a kiosk creates a birth registration, uploads two
 * PDFs and submits (code and daily sequence, idempotent retry, one ticket); the counter calls the
 * ticket (its dossier code comes along), finds the dossier by ticket and by code, downloads the papers byte for byte and receives it;
 * the submission and the receipt are in the event log, without personal data. Then bad input: a wrong ID
 * number, a text file sent as PDF, a corrupt or truncated scan, an oversized upload (the server
 * stops reading), someone else's draft, a paper the procedure does not list; after each the
 * database holds nothing half-saved.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { MAX_PAPER_BYTES, PAPER_HEADERS } from '../../../electron/common/dossier-wire.ts';
import { verifyEventChain } from '../../../electron/store/event-log.ts';
import { ID_NUMBER_MESSAGES } from '../../../electron/common/id-number.ts';
import { api, startTestHall, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { birthDossierRequest, CARD } from '../../support/dossier-fixture.ts';
import { objectStreamPdf, pdfkitPdf, sha256 } from '../../support/pdf-fixture.ts';

const DAY = 86_400_000;
/** Monday 23/11/2026, 09:00 in Hanoi. */
const T0 = Date.parse('2026-11-23T02:00:00Z');

interface Officer {
  readonly token: string;
  readonly session: string;
}

function upload(
  url: string,
  token: string,
  dossierId: string,
  docTypeCode: string,
  body: Uint8Array,
  options: { sha?: string; contentType?: string; session?: string } = {},
): Promise<ApiResponse> {
  return fetch(`${url}/api/v1/dossiers/${dossierId}/papers/${docTypeCode}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': options.contentType ?? 'application/pdf',
      [PAPER_HEADERS.sha256]: options.sha ?? sha256(body),
      [PAPER_HEADERS.pages]: '1',
      [PAPER_HEADERS.dpi]: '300',
      [PAPER_HEADERS.ocrConfidence]: '93.5',
      ...(options.session ? { 'x-staff-session': options.session } : {}),
    },
    body,
  }).then(async (res) => ({ status: res.status, json: await res.json(), headers: res.headers }));
}

/** Well-formed headers of a one-page PDF upload by `token`'s device. */
function paperHeaders(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'content-type': 'application/pdf',
    [PAPER_HEADERS.sha256]: 'a'.repeat(64),
    [PAPER_HEADERS.pages]: '1',
    [PAPER_HEADERS.dpi]: '300',
  };
}

/**
 * Streams `total` bytes as a chunked upload and reports what the server answered and how many
 * bytes the client managed to hand to the socket before the answer (or the connection's end).
 */
function streamUpload(
  url: string,
  path: string,
  headers: Record<string, string>,
  total: number,
  declared?: number,
): Promise<{ status: number | null; body: string; written: number; completed: boolean }> {
  return new Promise((resolve) => {
    let written = 0;
    let settled = false;
    const finish = (status: number | null, body: string): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve({ status, body, written, completed: written >= total });
    };
    const framing = declared === undefined ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(declared) };
    const req = request(url + path, { method: 'PUT', headers: { ...headers, ...framing } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => finish(res.statusCode ?? null, body));
      res.on('error', () => finish(res.statusCode ?? null, body));
    });
    req.on('error', () => finish(null, ''));
    const chunk = Buffer.alloc(256 * 1024, 0x25);
    const pump = (): void => {
      while (!settled && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!settled) req.end();
    };
    pump();
  });
}

describe('dossiers over HTTP', () => {
  let now = T0;
  let hall: TestHall;
  let kiosk: string;
  let kiosk2: string;
  let officer: Officer;
  let gcs: Buffer;
  let vbuq: Buffer;

  const counts = (): { dossiers: number; papers: number; issued: number; submitted: number } => {
    const db = hall.server.db;
    return {
      dossiers: db.prepare('SELECT COUNT(*) FROM dossiers').pluck().get() as number,
      papers: db.prepare('SELECT COUNT(*) FROM dossier_papers').pluck().get() as number,
      issued: db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get() as number,
      submitted: db.prepare("SELECT COUNT(*) FROM dossiers WHERE state <> 'draft'").pluck().get() as number,
    };
  };
  /** A fresh applicant per dossier: the demo hall allows one open ticket per person and service. */
  let applicants = 0;
  const nextIdNumber = (): string => `00109001${String(++applicants).padStart(4, '0')}`;
  const create = async (token: string, form: Record<string, unknown> = {}): Promise<string> => {
    const res = await api(hall.url, 'POST', '/api/v1/dossiers', { token, body: birthDossierRequest(form, nextIdNumber()) });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json.dossier.id as string;
  };
  const refused = (res: ApiResponse, status: number, code: string): void => {
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json.error.code, code);
  };
  const asOfficer = (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
    api(hall.url, method, path, { token: officer.token, session: officer.session, body });

  before(async () => {
    // One kiosk leaves many drafts open here (each test starts its own): over the real limit of open
    // drafts per device (test/integration/server/flooding.test.ts tests that one).
    hall = await startTestHall({ clock: () => now, server: { limits: { drafts: { maxOpenDrafts: 100 } } } });
    kiosk = hall.device('kiosk');
    kiosk2 = hall.device('kiosk');
    officer = await hall.officerAt('quay-1');
    gcs = await pdfkitPdf(2, 'Giay chung sinh');
    vbuq = objectStreamPdf();
  });
  after(() => hall.close());

  test('create → two papers → submit → find by ticket and by code → download → receive', async () => {
    const created = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest() });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const draft = created.json.dossier;
    assert.deepEqual([draft.state, draft.code, draft.channel, draft.formId], ['draft', null, 'kiosk', 'to-khai-dang-ky-khai-sinh']);
    assert.equal(draft.form.childFullName, 'Nguyễn Minh Khang');
    assert.deepEqual(
      draft.missingPapers.map((p: { docTypeCode: string }) => p.docTypeCode),
      ['GCS'],
      'the e-form replaces the paper declaration; shown papers are not scanned',
    );

    const first = await upload(hall.url, kiosk, draft.id, 'GCS', gcs);
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.deepEqual(
      [first.json.paper.code, first.json.paper.bytes, first.json.paper.sha256, first.json.paper.ocrConfidence],
      [`${CARD.idNumber}.GCS`, gcs.length, sha256(gcs), 93.5],
    );
    assert.equal((await upload(hall.url, kiosk, draft.id, 'VB-UQ', vbuq)).status, 201);
    const mine = await api(hall.url, 'GET', `/api/v1/dossiers/${draft.id}`, { token: kiosk });
    assert.deepEqual([mine.json.dossier.papers.length, mine.json.dossier.missingPapers], [2, []]);

    const before = counts();
    const submitted = await api(hall.url, 'POST', `/api/v1/dossiers/${draft.id}/submit`, { token: kiosk, body: {} });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.json));
    const { dossier, ticket } = submitted.json;
    assert.equal(dossier.code, '000.14.21.H36-261123-0001');
    assert.deepEqual([dossier.state, dossier.ticketId, dossier.ticketNumber], ['submitted', ticket.id, ticket.number]);
    assert.deepEqual([ticket.serviceId, ticket.procedureId, ticket.channel, ticket.status], ['ho-tich', 'dang-ky-khai-sinh', 'kiosk', 'waiting']);
    assert.ok(submitted.json.estimate);
    assert.match(submitted.json.statusPath, /^\/t\/[A-Za-z0-9_-]{22}$/);
    assert.ok(!submitted.json.statusPath.includes(ticket.id));

    const retried = await api(hall.url, 'POST', `/api/v1/dossiers/${draft.id}/submit`, { token: kiosk, body: {} });
    assert.deepEqual([retried.status, retried.json.dossier.code, retried.json.ticket.id], [200, dossier.code, ticket.id]);
    assert.equal(retried.json.statusPath, submitted.json.statusPath, 'the same ticket page link again');
    assert.equal(counts().issued, before.issued + 1, 'one ticket for two submit calls');
    const personHash = hall.server.db.prepare('SELECT person_hash FROM tickets WHERE id = ?').pluck();
    hall.server.hall.flushProjections();
    assert.match(String(personHash.get(ticket.id)), /^[0-9a-f]{64}$/, 'the ticket carries the person hash');

    const secondId = await create(kiosk2);
    const second = await api(hall.url, 'POST', `/api/v1/dossiers/${secondId}/submit`, { token: kiosk2, body: { priority: 'elderly' } });
    assert.equal(second.json.dossier.code, '000.14.21.H36-261123-0002');

    assert.equal((await asOfficer('POST', '/api/v1/counters/quay-1/open', {})).status, 200);
    const called = await asOfficer('POST', '/api/v1/counters/quay-1/call', { ticketId: ticket.id });
    assert.deepEqual(
      [called.status, called.json.ticket.id, called.json.dossierCode],
      [200, ticket.id, dossier.code],
      'the called ticket shows its dossier code',
    );
    const byTicket = await asOfficer('GET', `/api/v1/dossiers?ticketId=${ticket.id}`);
    assert.equal(byTicket.status, 200, JSON.stringify(byTicket.json));
    assert.deepEqual(
      [byTicket.json.dossier.id, byTicket.json.dossier.applicant.idNumber, byTicket.json.dossier.form.motherFullName],
      [draft.id, CARD.idNumber, 'Trần Thị Lan'],
    );
    const byCode = await asOfficer('GET', `/api/v1/dossiers?code=${encodeURIComponent(dossier.code)}`);
    assert.equal(byCode.json.dossier.id, draft.id);
    for (const paper of byCode.json.dossier.papers as { id: string; docTypeCode: string }[]) {
      const res = await fetch(`${hall.url}/api/v1/dossiers/${draft.id}/papers/${paper.id}/pdf`, {
        headers: { authorization: `Bearer ${officer.token}`, 'x-staff-session': officer.session },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.ok(bytes.equals(paper.docTypeCode === 'GCS' ? gcs : vbuq), `${paper.docTypeCode} is byte-identical`);
    }
    refused(await api(hall.url, 'GET', `/api/v1/dossiers/${draft.id}`, { token: kiosk }), 409, 'DOSSIER_NOT_DRAFT');
    refused(await api(hall.url, 'GET', `/api/v1/dossiers?ticketId=${ticket.id}`, { token: kiosk }), 403, 'FORBIDDEN');

    const received = await asOfficer('POST', `/api/v1/dossiers/${draft.id}/receive`, {});
    assert.deepEqual([received.status, received.json.dossier.state, received.json.dossier.receivedAt], [200, 'received', now]);
    assert.equal((await asOfficer('POST', `/api/v1/dossiers/${draft.id}/receive`, {})).status, 200, 'receiving again answers as is');

    // The dossier's steps are in the hash-chained log, once each, with identifiers only.
    const logged = hall.server.db
      .prepare("SELECT type, ticket_id AS ticketId, data FROM events WHERE type LIKE 'dossier.%' AND json_extract(data, '$.dossierId') = ? ORDER BY seq")
      .all(draft.id) as { type: string; ticketId: string; data: string }[];
    const staffId = hall.server.db.prepare('SELECT staff_id FROM staff_sessions').pluck().get();
    const withoutActor = (data: string): unknown => {
      const { actor, ...rest } = JSON.parse(data) as { actor?: { deviceId: string } };
      assert.ok(actor?.deviceId, 'each step names the device that caused it');
      return rest;
    };
    assert.deepEqual(
      logged.filter((e) => e.type !== 'dossier.viewed' && e.type !== 'dossier.paper_downloaded').map((e) => [e.type, e.ticketId, withoutActor(e.data)]),
      [
        ['dossier.submitted', ticket.id, { dossierId: draft.id, code: dossier.code, procedureId: 'dang-ky-khai-sinh', channel: 'kiosk' }],
        ['dossier.received', ticket.id, { dossierId: draft.id, code: dossier.code, staffId, receiptNo: '0001/2026', dueDate: '2026-11-23' }],
      ],
    );
    assert.deepEqual(verifyEventChain(hall.server.db).firstBroken, null);

    const snapshot = JSON.stringify((await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk })).json);
    const events = JSON.stringify(hall.server.db.prepare('SELECT data FROM events').pluck().all());
    for (const personal of [CARD.idNumber, CARD.fullName, 'Trần Thị Lan']) {
      assert.equal(snapshot.includes(personal), false, 'the snapshot carries no personal data');
      assert.equal(events.includes(personal), false, 'the event log carries no personal data');
    }
  });

  test('a wrong ID number in the form: the Vietnamese message and the field path, nothing saved', async () => {
    const before = counts();
    const res = await api(hall.url, 'POST', '/api/v1/dossiers', {
      token: kiosk,
      body: birthDossierRequest({ motherIdNumber: '999193012345', childDateOfBirth: '31/02/2026' }),
    });
    refused(res, 400, 'VALIDATION_FAILED');
    const problems = res.json.error.details.problems as { path: string; code: string; message: { vi: string } }[];
    assert.deepEqual(problems.map((p) => p.path).sort(), ['childDateOfBirth', 'motherIdNumber']);
    assert.equal(problems.find((p) => p.path === 'motherIdNumber')?.message.vi, ID_NUMBER_MESSAGES.unknown_province.vi);
    const applicant = await api(hall.url, 'POST', '/api/v1/dossiers', {
      token: kiosk,
      body: { ...birthDossierRequest(), applicant: { ...birthDossierRequest().applicant, dateOfBirth: '15/05/1991' } },
    });
    refused(applicant, 400, 'VALIDATION_FAILED');
    assert.deepEqual(
      applicant.json.error.details.problems.map((p: { path: string; message: { vi: string } }) => [p.path, p.message.vi]),
      [['applicant.idNumber', ID_NUMBER_MESSAGES.birth_year_mismatch.vi]],
    );
    assert.deepEqual(counts(), before);
  });

  test('a text file sent as a PDF, a corrupt scan and a truncated PDF are refused; no paper is kept', async () => {
    const id = await create(kiosk);
    const before = counts();
    const text = Buffer.from('Đây là tệp văn bản đổi tên thành .pdf\n', 'utf8');
    const notPdf = await upload(hall.url, kiosk, id, 'GCS', text);
    refused(notPdf, 422, 'INVALID_DOCUMENT');
    assert.equal(notPdf.json.error.details.problem, 'not_pdf');

    const truncated = gcs.subarray(0, gcs.length - 300);
    const corrupt = await upload(hall.url, kiosk, id, 'GCS', truncated, { sha: sha256(gcs) });
    refused(corrupt, 422, 'CORRUPT_UPLOAD');
    assert.deepEqual([corrupt.json.error.details.expectedSha256, corrupt.json.error.details.receivedBytes], [sha256(gcs), truncated.length]);
    const flipped = Buffer.from(gcs);
    flipped[500] = (flipped[500] ?? 0) ^ 0xff;
    refused(await upload(hall.url, kiosk, id, 'GCS', flipped, { sha: sha256(gcs) }), 422, 'CORRUPT_UPLOAD');

    const cut = await upload(hall.url, kiosk, id, 'GCS', truncated);
    refused(cut, 422, 'INVALID_DOCUMENT');
    assert.equal(cut.json.error.details.problem, 'no_trailer');
    assert.deepEqual(counts(), before);
  });

  test('an oversized upload is refused as soon as the limit is crossed: the server stops reading', async () => {
    const id = await create(kiosk);
    const before = counts();
    const headers = paperHeaders(kiosk);
    const total = MAX_PAPER_BYTES * 4;
    const streamed = await streamUpload(hall.url, `/api/v1/dossiers/${id}/papers/GCS`, headers, total);
    assert.equal(streamed.status, 413, `answered ${streamed.status} after ${streamed.written} bytes`);
    assert.equal(JSON.parse(streamed.body).error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(streamed.completed, false, 'the client could not send the whole body');
    assert.ok(streamed.written < MAX_PAPER_BYTES * 2, `the server stopped reading: ${streamed.written} bytes were sent of ${total}`);

    const declared = await streamUpload(hall.url, `/api/v1/dossiers/${id}/papers/GCS`, headers, 256 * 1024, MAX_PAPER_BYTES + 1);
    assert.equal(declared.status, 413, 'a declared length over the limit is refused before the body is read');
    assert.equal(JSON.parse(declared.body).error.details.declaredBytes, MAX_PAPER_BYTES + 1);
    assert.deepEqual(counts(), before);
  });

  test('malformed paper headers are refused before the body is read', async () => {
    const id = await create(kiosk);
    const before = counts();
    const good = paperHeaders(kiosk);
    for (const [name, value] of [
      [PAPER_HEADERS.sha256, 'not-a-hash'],
      [PAPER_HEADERS.pages, '0'],
      [PAPER_HEADERS.dpi, 'high'],
      [PAPER_HEADERS.dpi, '150'], // under the 200 dpi administrative papers need
      [PAPER_HEADERS.ocrConfidence, '101'],
    ] as const) {
      // A body of MAX_PAPER_BYTES is declared and only 256 KiB sent: a server that read the body
      // before checking would still be waiting for the rest.
      const answer = await Promise.race([
        streamUpload(hall.url, `/api/v1/dossiers/${id}/papers/GCS`, { ...good, [name]: value }, 256 * 1024, MAX_PAPER_BYTES),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000).unref()),
      ]);
      assert.ok(answer !== null, `${name}: ${value} was not answered before the body`);
      const error = JSON.parse(answer.body).error as { code: string; details: { issues: { path: string }[] } };
      assert.deepEqual([answer.status, error.code, error.details.issues.map((i) => i.path)], [400, 'VALIDATION_FAILED', [name]]);
    }
    assert.deepEqual(counts(), before);
  });

  test("someone else's draft cannot be submitted, changed or read; no ticket is issued", async () => {
    const id = await create(kiosk);
    const before = counts();
    refused(await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk2, body: {} }), 403, 'DOSSIER_NOT_YOURS');
    refused(await upload(hall.url, kiosk2, id, 'GCS', gcs), 403, 'DOSSIER_NOT_YOURS');
    refused(await api(hall.url, 'GET', `/api/v1/dossiers/${id}`, { token: kiosk2 }), 403, 'DOSSIER_NOT_YOURS');
    refused(await api(hall.url, 'DELETE', `/api/v1/dossiers/${id}`, { token: kiosk2 }), 403, 'DOSSIER_NOT_YOURS');
    refused(
      await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: officer.token, session: officer.session, body: {} }),
      403,
      'DOSSIER_NOT_YOURS',
    );
    assert.deepEqual(counts(), before);
    assert.equal((await api(hall.url, 'DELETE', `/api/v1/dossiers/${id}`, { token: kiosk })).status, 204, 'the owner discards it');
    assert.equal(counts().dossiers, before.dossiers - 1);
  });

  test('a paper the procedure does not list, or only shown at the counter, is refused before the body is read', async () => {
    const id = await create(kiosk);
    const before = counts();
    refused(await upload(hall.url, kiosk, id, 'GPXD', gcs), 400, 'PAPER_NOT_IN_PROCEDURE');
    refused(await upload(hall.url, kiosk, id, 'CCCD', gcs), 400, 'PAPER_NOT_DIGITISED');
    refused(await upload(hall.url, kiosk, id, 'GCS', gcs, { contentType: 'image/jpeg' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const noHash = await fetch(`${hall.url}/api/v1/dossiers/${id}/papers/GCS`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/pdf' },
      body: gcs,
    });
    const json = (await noHash.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
    assert.deepEqual(
      [noHash.status, json.error.code, json.error.details.issues.map((i) => i.path)],
      [400, 'VALIDATION_FAILED', [PAPER_HEADERS.sha256, PAPER_HEADERS.pages, PAPER_HEADERS.dpi]],
    );
    refused(await upload(hall.url, kiosk, 'no-such-dossier', 'GCS', gcs), 404, 'UNKNOWN_DOSSIER');
    assert.deepEqual(counts(), before);
  });

  test('a second dossier of a citizen who already waits for that service: the fairness rule refuses it, nothing is consumed', async () => {
    const idNumber = nextIdNumber();
    const first = (await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest({}, idNumber) })).json.dossier.id as string;
    assert.equal((await api(hall.url, 'POST', `/api/v1/dossiers/${first}/submit`, { token: kiosk, body: {} })).status, 200);
    const second = (await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest({}, idNumber) })).json.dossier.id as string;
    const before = counts();
    const sequence = hall.server.db.prepare("SELECT last FROM dossier_sequences WHERE business_date = '2026-11-23'").pluck();
    const last = sequence.get();
    refused(await api(hall.url, 'POST', `/api/v1/dossiers/${second}/submit`, { token: kiosk, body: {} }), 409, 'DUPLICATE_OPEN_TICKET');
    assert.deepEqual([counts(), sequence.get()], [before, last]);
    const mine = await api(hall.url, 'GET', `/api/v1/dossiers/${second}`, { token: kiosk });
    assert.deepEqual([mine.json.dossier.state, mine.json.dossier.code], ['draft', null]);
  });

  test('a submitted dossier can no longer be changed', async () => {
    const id = await create(kiosk);
    await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    const before = counts();
    refused(await upload(hall.url, kiosk, id, 'GCS', gcs), 409, 'DOSSIER_NOT_DRAFT');
    refused(await api(hall.url, 'DELETE', `/api/v1/dossiers/${id}`, { token: kiosk }), 409, 'DOSSIER_NOT_DRAFT');
    refused(await asOfficer('GET', '/api/v1/dossiers?code=000.14.21.H36-261123-9999'), 404, 'UNKNOWN_DOSSIER');
    refused(await asOfficer('GET', '/api/v1/dossiers'), 400, 'VALIDATION_FAILED');
    assert.deepEqual(counts(), before);
  });

  test('the hall config carries the e-forms; the OpenAPI document lists every dossier operation', async () => {
    const config = await api(hall.url, 'GET', '/api/v1/hall/config', { token: kiosk });
    assert.equal(config.json.forms.length, 21);
    assert.equal(config.json.procedures[0].formId, 'to-khai-dang-ky-khai-sinh');
    const doc = (await api(hall.url, 'GET', '/api/v1/openapi.json')).json;
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const op of [
      'createDossier',
      'uploadPaper',
      'removePaper',
      'submitDossier',
      'discardDossier',
      'getDossier',
      'findDossier',
      'getPaperPdf',
      'receiveDossier',
      'requestSupplement',
      'refuseDossier',
      'getReceiptPdf',
    ]) {
      assert.ok(ops.includes(op), op);
    }
    const put = doc.paths['/api/v1/dossiers/{dossierId}/papers/{docTypeCode}'].put;
    assert.ok(put.requestBody.content['application/pdf']);
    assert.ok(put.parameters.some((p: { name: string; in: string }) => p.name === PAPER_HEADERS.sha256 && p.in === 'header'));
  });

  test('the next business day starts again at -0001', async () => {
    // Last: the hall's clock only moves forward.
    now = T0 + DAY;
    const id = await create(kiosk);
    const res = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    assert.equal(res.json.dossier.code, '000.14.21.H36-261124-0001');
  });
});
