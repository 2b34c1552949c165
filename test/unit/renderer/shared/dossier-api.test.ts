/**
 * The dossier client against a real HTTP server on 127.0.0.1 port 0 that records what arrives:
 * the PDF bytes and PAPER_HEADERS of an upload, the credentials, the routes and their encoding,
 * the authenticated download, and error answers turned into codes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ScannedPaper } from '../../../../electron/common/device-contract.ts';
import { consentTo } from '../../../../electron/common/privacy-notice.ts';
import { base64ToBytes, cleanCode, DossierApi, paperUploadHeaders } from '../../../../renderer/shared/dossier-api.ts';
import { errorCodeOf, HallApi, isNotFound } from '../../../../renderer/shared/hall-api.ts';
import { readAppointments, readOutbox, SyncApi } from '../../../../renderer/shared/sync-api.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const paper: ScannedPaper = {
  code: '001200012345.GCS',
  docTypeCode: 'GCS',
  pdfBase64: PDF.toString('base64'),
  sha256: createHash('sha256').update(PDF).digest('hex').toUpperCase(),
  dpi: 300,
  colour: true,
  ocrConfidence: 87.46,
  pages: [1, 2, 2].map((paperPage, i) => ({ index: i + 1, paperPage, warnings: [], previewPngBase64: '' })),
};

describe('dossier client over HTTP', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        const url = req.url ?? '';
        const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (url.startsWith('/api/v1/dossiers?ticketId=none')) return json(404, { error: { code: 'UNKNOWN_DOSSIER', message: 'no dossier', details: {} } });
        if (url.endsWith('/pdf')) return res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
        if (url.includes('/papers/')) return json(201, { paper: { id: 'p1', pages: 3 } });
        if (url.startsWith('/api/v1/dossier-status/')) return json(503, { error: { code: 'PROVINCIAL_UNAVAILABLE', message: 'down', details: {} } });
        if (url === '/api/v1/outbox') return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.', details: {} } });
        return json(200, { dossier: { id: 'd1' } });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('uploads the PDF bytes as application/pdf with the paper headers and the device token', async () => {
    const api = new DossierApi(new HallApi({ baseUrl: base, token: 'tok' }));
    const answer = await api.uploadPaper('d/1', 'GCS', paper);
    assert.equal(answer.paper.id, 'p1');
    const req = seen.at(-1)!;
    assert.equal(req.method, 'PUT');
    assert.equal(req.url, '/api/v1/dossiers/d%2F1/papers/GCS');
    assert.equal(req.headers['content-type'], 'application/pdf');
    assert.equal(req.headers.authorization, 'Bearer tok');
    assert.ok(req.body.equals(PDF), 'the bytes arrive unchanged');
    assert.equal(req.headers['x-paper-sha256'], createHash('sha256').update(req.body).digest('hex'));
    assert.equal(req.headers['x-paper-pages'], '3', 'PDF pages: the noted page twice');
    assert.equal(req.headers['x-paper-dpi'], '300');
    assert.equal(req.headers['x-paper-ocr-confidence'], '87.5');
  });

  it('creates, submits, receives and discards on the contract routes, with the staff session at the counter', async () => {
    const hall = new HallApi({ baseUrl: base, token: 'tok' });
    hall.session = 'staff';
    const api = new DossierApi(hall);
    await api.create({
      procedureId: 'khai-sinh',
      applicant: { idNumber: '001200012345', fullName: 'A', dateOfBirth: '01/01/2000', source: 'chip' },
      form: {},
      consent: consentTo('dossier', 'vi', 1),
    });
    await api.submit('d1', { priority: 'elderly' });
    await api.receive('d1');
    await api.discard('d1');
    await api.findByCode(' 000.00.00.h01-261123-0001 ');
    const tail = seen.slice(-5).map((s) => `${s.method} ${s.url}`);
    assert.deepEqual(tail, [
      'POST /api/v1/dossiers',
      'POST /api/v1/dossiers/d1/submit',
      'POST /api/v1/dossiers/d1/receive',
      'DELETE /api/v1/dossiers/d1',
      'GET /api/v1/dossiers?code=000.00.00.H01-261123-0001',
    ]);
    assert.equal(seen.at(-1)!.headers['x-staff-session'], 'staff');
    assert.deepEqual(JSON.parse(seen.at(-4)!.body.toString()), { priority: 'elderly' });
  });

  it('downloads a paper as a PDF blob', async () => {
    const blob = await new DossierApi(new HallApi({ baseUrl: base, token: 'tok' })).paperPdf('d1', 'p1');
    assert.equal(blob.type, 'application/pdf');
    assert.ok(Buffer.from(await blob.arrayBuffer()).equals(PDF));
  });

  it('turns error answers into codes: 404 is "not found", an unreachable provincial system keeps its code', async () => {
    const api = new DossierApi(new HallApi({ baseUrl: base, token: 'tok' }));
    const missing = await api.findByTicket('none').catch((e: unknown) => e);
    assert.equal(isNotFound(missing), true);
    assert.equal(errorCodeOf(missing), 'UNKNOWN_DOSSIER');
    const down = await api.status('x-1').catch((e: unknown) => e);
    assert.equal(errorCodeOf(down), 'PROVINCIAL_UNAVAILABLE');
    assert.equal(isNotFound(down), false);
    const outbox = await new SyncApi(new HallApi({ baseUrl: base, token: 'tok' })).outbox().catch((e: unknown) => e);
    assert.equal(isNotFound(outbox), true, 'a server without the route: the card says unavailable');
  });

  it('reports an unreachable hall server as NETWORK', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new DossierApi(new HallApi({ baseUrl: `http://127.0.0.1:${port}`, token: 't' })).get('d1').catch((e: unknown) => e);
    assert.equal(errorCodeOf(error), 'NETWORK');
  });
});

describe('dossier client helpers', () => {
  it('decodes base64 to the same bytes and computes the headers from the scan', () => {
    assert.ok(Buffer.from(base64ToBytes(PDF.toString('base64'))).equals(PDF));
    assert.deepEqual([...base64ToBytes('')], []);
    assert.equal(paperUploadHeaders(paper)['x-paper-sha256'], paper.sha256.toLowerCase());
  });

  it('cleans typed codes: NFC, no spaces, upper case', () => {
    assert.equal(cleanCode(' 000.00.00.h01 - 261123-0001\n'), '000.00.00.H01-261123-0001');
  });
});

describe('sync card answers, read defensively', () => {
  it('reads the outbox counts and dead letters, skipping malformed entries', () => {
    const o = readOutbox({
      counts: { pending: 3, delivered: 10, dead: 1 },
      sync: { state: 'missing_secret' },
      deadLetters: [{ id: 7, topic: 'dossier.submitted', attempts: 40, lastError: 'HTTP 500', deadAt: 5 }, { topic: 'no id' }],
    });
    assert.deepEqual(o, {
      pending: 3,
      delivered: 10,
      dead: 1,
      syncState: 'missing_secret',
      deadLetters: [{ id: '7', topic: 'dossier.submitted', attempts: 40, lastError: 'HTTP 500', at: 5 }],
    });
    assert.deepEqual(readOutbox(null), { pending: 0, delivered: 0, dead: 0, syncState: null, deadLetters: [] });
  });

  it('reads appointments from a list or an { appointments } object, sorted by slot', () => {
    const list = [
      { code: 'B', serviceId: 's', slotStart: 20, state: 'booked' },
      { code: 'A', serviceId: 's', slotStart: 10, state: 'checked_in' },
      { nope: 1 },
    ];
    assert.deepEqual(
      readAppointments(list).map((a) => a.code),
      ['A', 'B'],
    );
    assert.deepEqual(
      readAppointments({ appointments: list }).map((a) => a.code),
      ['A', 'B'],
    );
    assert.deepEqual(readAppointments('x'), []);
  });
});
