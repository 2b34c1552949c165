import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentScanRequest } from '../../../../../electron/common/device-contract.ts';
import { faultOfScanimageExit } from '../../../../../devices/scanner/document/sane-status.ts';
import { planScan, ScanRequestError } from '../../../../../devices/scanner/document/scan-request.ts';
import { scanimageBatchArgs } from '../../../../../devices/scanner/document/scanimage-args.ts';
import { documentScannerProfile } from '../../../../../devices/scanner/document/document-scanner-profiles.ts';

const ID = '079203000001';

describe('scan request plan', () => {
  it('captures a noted page twice, note first, in paper order, and codes the paper <id>.<type>', () => {
    const plan = planScan({ idNumber: ID, docTypeCode: 'G06.01', pages: 3, notedPages: [3, 2] }, 200);
    assert.equal(plan.code, `${ID}.G06.01`);
    assert.equal(plan.dpi, 200);
    assert.deepEqual(
      plan.captures.map((c) => `${c.paperPage}${c.withNote ? 'n' : ''}`),
      ['1', '2n', '2', '3n', '3'],
    );
  });

  it('uses the request dpi, else the site default', () => {
    assert.equal(planScan({ idNumber: ID, docTypeCode: 'KS', pages: 1, dpi: 300 }, 200).dpi, 300);
    assert.equal(planScan({ idNumber: ID, docTypeCode: 'KS', pages: 1 }, 300).dpi, 300);
  });

  const bad: readonly (readonly [string, unknown, RegExp])[] = [
    ['an 11-digit ID', { idNumber: '07920300000', docTypeCode: 'KS', pages: 1 }, /idNumber must be the 12-digit/],
    ['a docTypeCode with a slash', { idNumber: ID, docTypeCode: 'a/b', pages: 1 }, /docTypeCode 'a\/b' is not a document-type code/],
    ['zero pages', { idNumber: ID, docTypeCode: 'KS', pages: 0 }, /pages 0 is not a page count/],
    ['2.5 pages', { idNumber: ID, docTypeCode: 'KS', pages: 2.5 }, /pages 2.5/],
    ['a noted page beyond the paper', { idNumber: ID, docTypeCode: 'KS', pages: 2, notedPages: [3] }, /notedPages: 3 is not a page of this 2-page paper/],
    ['a noted page listed twice', { idNumber: ID, docTypeCode: 'KS', pages: 2, notedPages: [1, 1] }, /page 1 is listed twice/],
    ['150 dpi', { idNumber: ID, docTypeCode: 'KS', pages: 1, dpi: 150 }, /dpi 150 is not offered/],
  ];
  for (const [name, request, message] of bad) {
    it(`refuses ${name}, naming the field and not the ID number`, () => {
      assert.throws(
        () => planScan(request as DocumentScanRequest, 200),
        (e: unknown) => e instanceof ScanRequestError && message.test(e.message) && !e.message.includes(ID),
      );
    });
  }
});

describe('scanimage arguments and exit statuses', () => {
  it('asks for a colour PNM batch at the dpi, with the profile source, area and backend options', () => {
    const args = scanimageBatchArgs({
      device: 'test',
      dpi: 300,
      profile: documentScannerProfile('sane-test-adf'),
      filePattern: '/tmp/x/page-%04d.pnm',
      count: 4,
    });
    assert.deepEqual(args, [
      '--device-name',
      'test',
      '--format',
      'pnm',
      '--batch=/tmp/x/page-%04d.pnm',
      '--batch-count=4',
      '--mode',
      'Color',
      '--resolution',
      '300',
      '--source',
      'Automatic Document Feeder',
      '-x',
      '80',
      '-y',
      '100',
      '--test-picture',
      'Color pattern',
    ]);
  });

  const exits: readonly (readonly [number, string, string, RegExp])[] = [
    [1, 'scanimage: open of device epson2:libusb:001:004 failed: Invalid argument\n', 'disconnected', /scanner not found/],
    [3, 'scanimage: sane_read: Device busy\n', 'busy', /busy.*\(Device busy\)/],
    [6, 'scanimage: sane_read: Document feeder jammed\n', 'offline', /jammed/],
    [7, 'scanimage: sane_start: Document feeder out of documents\n', 'paper_out', /no paper in the feeder/],
    [
      8,
      'Scanning page 1\nscanimage: sane_read: Scanner cover is open\nScanned page 1. (scanner status = 8)\n',
      'cover_open',
      /cover is open \(Scanner cover is open\)/,
    ],
    [9, 'scanimage: sane_read: Error during device I/O\n', 'disconnected', /input\/output error/],
    [11, 'scanimage: sane_read: Access to resource has been denied\n', 'access_denied', /denied/],
    [4, 'scanimage: setting of option --resolution failed (Invalid argument)\n', 'protocol_error', /status 4: setting of option/],
  ];
  for (const [status, stderr, fault, detail] of exits) {
    it(`exit ${status} → ${fault}`, () => {
      const result = faultOfScanimageExit(status, stderr);
      assert.equal(result.fault, fault);
      assert.match(result.detail, detail);
    });
  }
});
