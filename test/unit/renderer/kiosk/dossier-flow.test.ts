/**
 * The kiosk's dossier state machine: which papers are digitised, the step numbers, when the review
 * opens, scan warnings, noted pages, the applicant from the card, and the server's form problems.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CardIdentity, ScannedPaper } from '../../../../electron/common/device-contract.ts';
import type { PaperView } from '../../../../electron/common/dossier-wire.ts';
import {
  applicantOf,
  canReview,
  digitisablePapers,
  dossierFormOf,
  nextOpenPaper,
  pageWarnings,
  problemsOf,
  scannedCount,
  shownOnlyPapers,
  stepNumber,
  toggleNoted,
  type PaperState,
} from '../../../../renderer/kiosk/dossier-flow.ts';
import { HallApiError } from '../../../../renderer/shared/hall-api.ts';
import type { HallConfigView, ProcedureView } from '../../../../renderer/shared/api/types.ts';

const procedure: ProcedureView = {
  id: 'khai-sinh',
  code: '1.001193',
  fieldId: 'ho-tich',
  name: 'Thủ tục đăng ký khai sinh',
  serviceId: 'ho-tich',
  processingTime: 'Ngay trong ngày',
  fee: 'Miễn',
  formId: 'to-khai-khai-sinh',
  papers: [
    { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', copies: '01 bản chính', required: true, docTypeCode: 'TK-KS', digitise: true, replacedByForm: true },
    { name: 'Giấy chứng sinh', copies: '01 bản chính', required: true, docTypeCode: 'GCS', digitise: true, replacedByForm: false },
    { name: 'Giấy chứng nhận kết hôn', copies: '01 bản sao', required: false, docTypeCode: 'GCNKH', digitise: true, replacedByForm: false },
    { name: 'Thẻ CCCD của người đi đăng ký', copies: 'Xuất trình bản chính', required: true, docTypeCode: 'CCCD', digitise: false, replacedByForm: false },
    // An empty code: a paper that cannot be digitised.
    { name: 'Giấy tờ cũ không có mã', copies: '01 bản', required: false, docTypeCode: '', digitise: true, replacedByForm: false },
  ],
};

const card: CardIdentity = {
  idNumber: '001200012345',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '01/01/2000',
  sex: 'Nam',
  nationality: null,
  placeOfOrigin: null,
  placeOfResidence: 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội',
  dateOfIssue: null,
  dateOfExpiry: null,
  oldIdNumber: null,
  photoJpeg: null,
  source: 'chip',
  authenticity: 'verified',
  chipFiles: null,
};

function scan(pages: { paperPage: number; warnings: ('blank_page' | 'skewed')[] }[]): ScannedPaper {
  return {
    code: '001200012345.GCS',
    docTypeCode: 'GCS',
    pdfBase64: '',
    sha256: 'ab',
    dpi: 200,
    colour: true,
    ocrConfidence: 80,
    pages: pages.map((p, i) => ({ index: i + 1, paperPage: p.paperPage, warnings: p.warnings, previewPngBase64: '' })),
  };
}
const uploaded = { id: 'p1' } as PaperView;
const done: PaperState = { kind: 'done', scan: scan([{ paperPage: 1, warnings: [] }]), uploaded };

describe('dossier papers', () => {
  it('digitises the papers with a document-type code unless they are only shown or replaced by the e-form; lists the shown ones', () => {
    assert.deepEqual(
      digitisablePapers(procedure).map((p) => p.docTypeCode),
      ['GCS', 'GCNKH'],
    );
    assert.deepEqual(
      shownOnlyPapers(procedure).map((p) => p.docTypeCode),
      ['CCCD'],
    );
  });

  it('opens the review only when every paper is scanned or skipped', () => {
    assert.equal(canReview([{ kind: 'todo' }, done]), false);
    assert.equal(canReview([{ kind: 'failed', message: 'x' }, done]), false);
    assert.equal(canReview([{ kind: 'uploading' }, { kind: 'skipped' }]), false);
    assert.equal(canReview([{ kind: 'skipped' }, done]), true);
    assert.equal(canReview([]), true);
    assert.equal(scannedCount([{ kind: 'skipped' }, done, done]), 2);
  });

  it('goes to the next paper still open, wrapping round to earlier ones', () => {
    const states: PaperState[] = [{ kind: 'failed', message: 'x' }, done, { kind: 'todo' }];
    assert.equal(nextOpenPaper(states, 1), 2);
    assert.equal(nextOpenPaper(states, 3), 0);
    assert.equal(nextOpenPaper([done, { kind: 'skipped' }], 0), -1);
  });

  it('reports blank and skewed pages by paper page, once each, a noted page captured twice counting once', () => {
    const s = scan([
      { paperPage: 1, warnings: [] },
      { paperPage: 2, warnings: ['skewed'] },
      { paperPage: 2, warnings: ['skewed'] },
      { paperPage: 3, warnings: ['blank_page', 'skewed'] },
    ]);
    assert.deepEqual(pageWarnings(s), [
      { page: 2, warning: 'skewed' },
      { page: 3, warning: 'blank_page' },
      { page: 3, warning: 'skewed' },
    ]);
  });

  it('toggles noted pages within the confirmed count, sorted', () => {
    assert.deepEqual(toggleNoted([], 2, 3), [2]);
    assert.deepEqual(toggleNoted([3, 1], 2, 3), [1, 2, 3]);
    assert.deepEqual(toggleNoted([1, 2], 2, 3), [1]);
    assert.deepEqual(toggleNoted([1, 5], 2, 3), [1, 2], 'a page beyond a lowered count is dropped');
    assert.deepEqual(toggleNoted([], 4, 3), []);
  });
});

describe('dossier flow', () => {
  it('numbers the five steps after the consent', () => {
    assert.equal(stepNumber('consent'), 0);
    assert.equal(stepNumber('declaration'), 1);
    assert.equal(stepNumber('papers'), 2);
    assert.equal(stepNumber('receipt'), 5);
  });

  it('finds the procedure form defensively: no forms, no formId or an unknown one → no dossier', () => {
    const form = { id: 'to-khai-khai-sinh', title: { vi: 'Tờ khai', en: 'Form' }, sections: [] };
    const config = { forms: [form] } as unknown as HallConfigView;
    assert.equal(dossierFormOf(config, procedure), form);
    assert.equal(dossierFormOf({} as HallConfigView, procedure), null);
    assert.equal(dossierFormOf(config, { ...procedure, formId: undefined }), null);
    assert.equal(dossierFormOf(config, { ...procedure, formId: 'khac' }), null);
    assert.equal(dossierFormOf(null, procedure), null);
  });

  it('builds the applicant from the card: verified only for an authenticated chip read', () => {
    const a = applicantOf(card);
    assert.equal(a.idNumber, card.idNumber);
    assert.equal(a.source, 'chip');
    assert.equal(a.verified, true);
    assert.equal(applicantOf({ ...card, authenticity: 'chain_untrusted' }).verified, false);
    assert.equal(applicantOf({ ...card, source: 'qr', authenticity: 'unauthenticated' }).verified, false);
  });

  it("takes the form problems of the server's VALIDATION_FAILED answer, and nothing from other errors", () => {
    const problem = { path: 'idNumber', code: 'invalid_id_number', message: { vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.', en: 'x' } };
    assert.deepEqual(problemsOf(new HallApiError('VALIDATION_FAILED', 400, 'bad', { problems: [problem, { path: 3 }] })), [problem]);
    assert.deepEqual(problemsOf(new HallApiError('VALIDATION_FAILED', 400, 'bad', {})), []);
    assert.deepEqual(problemsOf(new HallApiError('NETWORK', 0, 'down')), []);
    assert.deepEqual(problemsOf(new Error('x')), []);
  });
});
