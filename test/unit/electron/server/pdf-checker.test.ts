/**
 * The PDF check on worker threads: answers with the upload's SHA-256 and the structural check; a
 * check past its deadline is refused as check_timeout (its worker is killed); more uploads than
 * workers wait their turn and each gets its own answer.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PdfChecker } from '../../../../electron/server/pdf-checker.ts';
import { objectStreamPdf, pdfkitPdf, sha256 } from '../../../support/pdf-fixture.ts';
import { zlibBomb } from '../../../support/hostile-pdf.ts';

describe('PDF checker (worker threads)', () => {
  test('a PDF is hashed and checked on a worker; the caller keeps its bytes', async (t) => {
    const checker = new PdfChecker();
    t.after(() => checker.close());
    const pdf = await pdfkitPdf(2);
    const copy = Buffer.from(pdf);
    const outcome = await checker.check(pdf);
    assert.deepEqual(outcome, { sha256: sha256(copy), check: { ok: true, version: '1.3' } });
    assert.deepEqual(pdf, copy);
  });

  test('a check past its deadline is refused as check_timeout', async (t) => {
    const checker = new PdfChecker({ deadlineMs: 1 });
    t.after(() => checker.close());
    const outcome = await checker.check(Buffer.alloc(20 * 1024 * 1024, 0x20));
    assert.equal(outcome.check.ok, false);
    assert.equal(!outcome.check.ok && outcome.check.problem, 'check_timeout');
  });

  test('six uploads on two workers: each answered with its own result', async (t) => {
    const checker = new PdfChecker({ maxWorkers: 2 });
    t.after(() => checker.close());
    const files = [objectStreamPdf(), Buffer.from('not a pdf'), objectStreamPdf({ withPage: false }), zlibBomb(1, 1), objectStreamPdf(), Buffer.alloc(0)];
    const outcomes = await Promise.all(files.map((f) => checker.check(f)));
    assert.deepEqual(
      outcomes.map((o) => (o.check.ok ? 'ok' : o.check.problem)),
      ['ok', 'not_pdf', 'no_page', 'no_page', 'ok', 'not_pdf'],
    );
    assert.deepEqual(
      outcomes.map((o) => o.sha256),
      files.map((f) => sha256(f)),
    );
  });

  test('a closed checker refuses new work', async () => {
    const checker = new PdfChecker();
    await checker.close();
    await assert.rejects(checker.check(objectStreamPdf()), /closed/);
  });
});
