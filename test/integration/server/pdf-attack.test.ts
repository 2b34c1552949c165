/**
 * Finding 1 of the hardening review, performed against the real server: crafted uploads that froze
 * the earlier check (a 2 MB file of trailers without /Root would have run for about half an hour on
 * the request thread; a zlib bomb took the process to 708 MiB) are refused with a clear code while
 * another terminal keeps being answered, and a check past its deadline is refused, not waited for.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAPER_HEADERS } from '../../../electron/common/dossier-wire.ts';
import { api, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { birthDossierRequest } from '../../support/dossier-fixture.ts';
import { objectStreamPdf, sha256 } from '../../support/pdf-fixture.ts';
import { endlessObjectStreams, quadraticTrailer, zlibBomb } from '../../support/hostile-pdf.ts';

async function upload(url: string, token: string, dossierId: string, body: Uint8Array): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}/api/v1/dossiers/${dossierId}/papers/GCS`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/pdf',
      [PAPER_HEADERS.sha256]: sha256(body),
      [PAPER_HEADERS.pages]: '1',
      [PAPER_HEADERS.dpi]: '300',
    },
    body,
  });
  return { status: res.status, json: await res.json() };
}

/** Polls the public status route until stopped; returns the longest wait for an answer. */
function otherTerminal(url: string): { stop(): Promise<{ answers: number; longestMs: number }> } {
  let running = true;
  let answers = 0;
  let longestMs = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      longestMs = Math.max(longestMs, performance.now() - started);
      answers += 1;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { answers, longestMs };
    },
  };
}

describe('hostile PDF uploads', () => {
  let hall: TestHall;
  let kiosk: string;
  let n = 0;
  const draft = async (h: TestHall, token: string): Promise<string> => {
    const res = await api(h.url, 'POST', '/api/v1/dossiers', { token, body: birthDossierRequest({}, `00109002${String(++n).padStart(4, '0')}`) });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json.dossier.id as string;
  };

  before(async () => {
    hall = await startTestHall();
    kiosk = hall.device('kiosk');
  });
  after(() => hall.close());

  for (const [name, file, code, problem] of [
    ['2 MB of trailers without /Root', () => quadraticTrailer(2 * 1024 * 1024), 'INVALID_DOCUMENT', 'bad_xref'],
    ['2 MB of object streams without endstream', () => endlessObjectStreams(2 * 1024 * 1024), 'INVALID_DOCUMENT', 'no_page'],
    ['a zlib bomb (8 × 64 MiB)', () => zlibBomb(64, 8), 'DOCUMENT_TOO_COMPLEX', 'too_complex'],
  ] as const) {
    test(`${name}: refused with ${code}/${problem}; another terminal is answered throughout`, { timeout: 60_000 }, async () => {
      const id = await draft(hall, kiosk);
      const bytes = file();
      const rssBefore = process.memoryUsage().rss;
      const other = otherTerminal(hall.url);
      const res = await upload(hall.url, kiosk, id, bytes);
      const seen = await other.stop();
      assert.equal(res.status, 422, JSON.stringify(res.json));
      assert.deepEqual([res.json.error.code, res.json.error.details.problem], [code, problem]);
      assert.ok(seen.answers > 0);
      assert.ok(seen.longestMs < 3_000, `the other terminal waited ${Math.round(seen.longestMs)} ms for an answer`);
      assert.ok(process.memoryUsage().rss - rssBefore < 256 * 1024 * 1024, 'the server did not take the inflated size');
      const papers = hall.server.db.prepare('SELECT COUNT(*) FROM dossier_papers WHERE dossier_id = ?').pluck().get(id);
      assert.equal(papers, 0, 'nothing of the refused file was kept');
    });
  }

  test('a check past its deadline is refused as DOCUMENT_TOO_COMPLEX/check_timeout', async () => {
    const slow = await startTestHall({ server: { limits: { pdf: { deadlineMs: 1 } } } });
    try {
      const token = slow.device('kiosk');
      const res = await upload(slow.url, token, await draft(slow, token), Buffer.concat([objectStreamPdf(), Buffer.alloc(8 * 1024 * 1024, 0x20)]));
      assert.equal(res.status, 422, JSON.stringify(res.json));
      assert.deepEqual([res.json.error.code, res.json.error.details.problem], ['DOCUMENT_TOO_COMPLEX', 'check_timeout']);
    } finally {
      await slow.close();
    }
  });
});
