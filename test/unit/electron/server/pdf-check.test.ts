/**
 * The structural PDF check of scanned papers: real PDFs pass (pdfkit's cross-reference table, a
 * compact writer's object and cross-reference streams); everything that is certainly not a PDF, or
 * a damaged one, is refused with its reason.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPdf, type PdfProblem } from '../../../../electron/server/pdf-check.ts';
import { objectStreamPdf, pdfkitPdf } from '../../../support/pdf-fixture.ts';
import { endlessObjectStreams, quadraticTrailer, zlibBomb } from '../../../support/hostile-pdf.ts';

const problem = (bytes: Uint8Array): PdfProblem | 'ok' => {
  const r = checkPdf(bytes);
  return r.ok ? 'ok' : r.problem;
};

describe('PDF check', () => {
  test('a pdfkit PDF of one and of three pages passes', async () => {
    const one = checkPdf(await pdfkitPdf(1));
    assert.ok(one.ok, JSON.stringify(one));
    assert.equal(one.version, '1.3');
    assert.equal(problem(await pdfkitPdf(3)), 'ok');
  });

  test('a PDF with its pages in a compressed object stream and a cross-reference stream passes', () => {
    assert.equal(problem(objectStreamPdf()), 'ok');
  });

  test('malformed input table', async () => {
    const good = await pdfkitPdf(1);
    const text = good.toString('latin1');
    const startxref = Number(/startxref\s+(\d+)/.exec(text)?.[1]);
    const cases: [string, Uint8Array, PdfProblem][] = [
      ['empty', Buffer.alloc(0), 'not_pdf'],
      ['a text file', Buffer.from('Đây là một tệp văn bản, không phải PDF.\n', 'utf8'), 'not_pdf'],
      ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'not_pdf'],
      ['a PostScript file', Buffer.from('%!PS-Adobe-3.0\n%%EOF\n', 'latin1'), 'not_pdf'],
      ['a header of an unknown version', Buffer.concat([Buffer.from('%PDF-3.1\n'), good.subarray(9)]), 'not_pdf'],
      ['truncated in the middle', good.subarray(0, Math.floor(good.length / 2)), 'no_trailer'],
      ['truncated before %%EOF', good.subarray(0, good.lastIndexOf('%%EOF')), 'no_trailer'],
      ['a header and a trailer around junk', Buffer.from('%PDF-1.4\nrubbish rubbish\nstartxref\n9\n%%EOF\n', 'latin1'), 'bad_xref'],
      ['startxref beyond the end', Buffer.from(text.replace(/startxref\s+\d+/, 'startxref\n99999999'), 'latin1'), 'bad_xref'],
      ['startxref off by some bytes', Buffer.from(text.replace(/startxref\s+\d+/, `startxref\n${startxref - 40}`), 'latin1'), 'bad_xref'],
      ['no page object', objectStreamPdf({ withPage: false }), 'no_page'],
      ['a page in an object stream whose data is damaged', damagedObjectStream(), 'no_page'],
    ];
    for (const [name, bytes, expected] of cases) assert.equal(problem(bytes), expected, name);
  });

  // The crafted files of the attack. Before the fix the 2 MB ones would have run for minutes (the
  // 288 KB trailer file took 7.4 s); the suite's own timeout fails the test if a check is quadratic.
  test('a file of thousands of trailers without /Root is refused as bad_xref, in one pass', { timeout: 20_000 }, () => {
    assert.equal(problem(quadraticTrailer(2 * 1024 * 1024)), 'bad_xref');
  });

  test('thousands of object streams without endstream are refused as no_page, in one pass', { timeout: 20_000 }, () => {
    assert.equal(problem(endlessObjectStreams(2 * 1024 * 1024)), 'no_page');
  });

  test('a zlib bomb stops at the inflate limit: too_complex, and the heap does not take the inflated size', () => {
    const bomb = zlibBomb(64, 8); // 8 × 64 MiB inflated from about 0.5 MB
    const external = process.memoryUsage().arrayBuffers;
    const r = checkPdf(bomb, { maxInflatedBytes: 4 * 1024 * 1024, maxObjectStreams: 256 });
    assert.deepEqual(r.ok ? 'ok' : r.problem, 'too_complex');
    assert.ok(process.memoryUsage().arrayBuffers - external < 32 * 1024 * 1024, 'no inflated stream beyond the limit was kept');
  });

  test('more object streams than the limit are refused as too_complex; the limit itself passes', () => {
    const many = zlibBomb(0, 5);
    assert.equal(problem(many), 'no_page', 'five empty streams are within the default limits');
    const r = checkPdf(many, { maxInflatedBytes: 1024, maxObjectStreams: 4 });
    assert.equal(r.ok ? 'ok' : r.problem, 'too_complex');
  });
});

/** The object-stream PDF with the bytes of its compressed stream inverted. */
function damagedObjectStream(): Buffer {
  const pdf = objectStreamPdf();
  const start = pdf.indexOf('stream\n') + 'stream\n'.length;
  const end = pdf.indexOf('\nendstream', start);
  for (let i = start; i < end; i++) pdf[i] = (pdf[i] ?? 0) ^ 0xff;
  return pdf;
}
