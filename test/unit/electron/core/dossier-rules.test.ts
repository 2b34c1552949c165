/**
 * Dossier rules: the applicant's ID number against their birth date and sex, the stored form of
 * the applicant, the dossier code the hall gives (and reads back), the papers a procedure takes and
 * those still missing, the state after the counter's decision, and the retention deadline.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Applicant, DossierOutcomeView } from '../../../../electron/common/dossier-wire.ts';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import { DOSSIER_CODE, normalizeDossierCode } from '../../../../electron/common/provincial.ts';
import { businessDateOf } from '../../../../electron/core/business-time.ts';
import {
  applicantProblems,
  assertDigitisedPaper,
  dossierCode,
  dossierStateOf,
  missingPapers,
  normalizeApplicant,
  purgeAfter,
} from '../../../../electron/core/dossier-rules.ts';
import { loadSite } from '../../../../kiosk-config/load-site.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { TZ } from '../../../support/hall-config.fixture.ts';

const isCode = (code: ErrorCode) => (e: unknown) => e instanceof DomainError && e.code === code;
const demo = loadSite('kiosk-config/sites/demo-hall');
const procedure = (id: string) => {
  const p = demo.procedures.find((x) => x.id === id);
  assert.ok(p, id);
  return p;
};

/** A man born in 1990 in Hà Nội (001, century-and-sex digit 0, year 90). */
const applicant: Applicant = {
  idNumber: '001090012345',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '05/09/1990',
  sex: 'Nam',
  placeOfResidence: null,
  source: 'typed',
  verified: false,
};

describe('applicantProblems', () => {
  test('a number that agrees with the birth year and sex has no problem', () => {
    assert.deepEqual(applicantProblems(applicant, 2026), []);
    assert.deepEqual(applicantProblems({ ...applicant, sex: null }, 2026), [], 'an undeclared sex is not compared');
  });

  test('names what disagrees: the birth year, the sex, the province, the length', () => {
    const problem = (a: Partial<Applicant>) => applicantProblems({ ...applicant, ...a }, 2026).map((p) => `${p.path}:${p.code}:${p.message.en}`);
    assert.deepEqual(problem({ dateOfBirth: '05/09/1991' }), ['applicant.idNumber:invalid_id_number:The ID number does not match the declared year of birth.']);
    assert.deepEqual(problem({ sex: 'Nữ' }), ['applicant.idNumber:invalid_id_number:The ID number does not match the declared sex.']);
    assert.deepEqual(problem({ idNumber: '003090012345' }), ['applicant.idNumber:invalid_id_number:The first three digits are not a province code.']);
    assert.deepEqual(problem({ idNumber: '00109001234' }), ['applicant.idNumber:invalid_id_number:The personal ID number has exactly 12 digits.']);
  });

  test('a date of birth that is no calendar day is named, and the number is still checked on its own', () => {
    const problems = applicantProblems({ ...applicant, dateOfBirth: '30/02/1990', sex: 'Nữ' }, 2026);
    assert.deepEqual(
      problems.map((p) => [p.path, p.code]),
      [
        ['applicant.dateOfBirth', 'invalid_date'],
        ['applicant.idNumber', 'invalid_id_number'],
      ],
    );
    assert.match(problems[0]?.message.vi ?? '', /^Ngày sinh phải là ngày hợp lệ/);
    assert.deepEqual(
      applicantProblems({ ...applicant, dateOfBirth: '30/02/1990' }, 2026).map((p) => p.path),
      ['applicant.dateOfBirth'],
    );
  });

  test('the current year bounds the birth year: a 2027 birth is refused in 2026 and taken from local 1 January 2027', async () => {
    const child: Applicant = { ...applicant, idNumber: '001227012345', dateOfBirth: '01/01/2027' };
    // The service takes the year of the hall's business date; local midnight comes at 17:00 UTC.
    const clock = new FakeClock(Date.UTC(2026, 11, 31, 16, 59, 59, 999));
    const year = (): number => Number(businessDateOf(clock.now(), TZ).slice(0, 4));
    assert.deepEqual(
      applicantProblems(child, year()).map((p) => p.message.en),
      ['The year of birth in the ID number is in the future.'],
    );
    await clock.advance(1);
    assert.equal(new Date(clock.now()).getUTCFullYear(), 2026, 'UTC is still in 2026');
    assert.deepEqual(applicantProblems(child, year()), []);
  });
});

describe('normalizeApplicant', () => {
  test('stores the name in NFC with single spaces and the residence in NFC, trimmed', () => {
    const decomposed = '  Nguyê\u0303n   Văn\tAn '; // ễ as e + circumflex + tilde
    const stored = normalizeApplicant({ ...applicant, fullName: decomposed.normalize('NFD'), placeOfResidence: ' Phường Hoàn Kiếm, Hà Nội '.normalize('NFD') });
    assert.equal(stored.fullName, 'Nguyễn Văn An');
    assert.equal(stored.fullName, stored.fullName.normalize('NFC'));
    assert.equal(stored.placeOfResidence, 'Phường Hoàn Kiếm, Hà Nội'.normalize('NFC'));
    assert.equal(normalizeApplicant({ ...applicant, placeOfResidence: null }).placeOfResidence, null);
    assert.deepEqual({ ...stored, fullName: applicant.fullName, placeOfResidence: null }, applicant, 'nothing else changes');
  });
});

describe('dossier code', () => {
  test('<agency code>-YYMMDD-NNNN of the reception business date, the serial from 0001, longer past 9999', () => {
    assert.equal(dossierCode(demo.hall.agencyCode, '2026-11-23', 1), '000.14.21.H36-261123-0001');
    assert.equal(dossierCode(demo.hall.agencyCode, '2026-11-23', 42), '000.14.21.H36-261123-0042');
    assert.equal(dossierCode(demo.hall.agencyCode, '2026-11-23', 9999), '000.14.21.H36-261123-9999');
    assert.equal(dossierCode(demo.hall.agencyCode, '2026-11-23', 10_000), '000.14.21.H36-261123-10000');
    assert.equal(dossierCode('H36', '2030-01-05', 7), 'H36-300105-0007');
  });

  test('no serial 0, negative or fractional', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => dossierCode('H36', '2026-11-23', bad), RangeError, String(bad));
  });

  test('every code the hall gives is a dossier code, read back unchanged from a typed or scanned form', () => {
    for (const sequence of [1, 99, 1234, 99_999]) {
      const code = dossierCode(demo.hall.agencyCode, '2026-11-23', sequence);
      assert.match(code, DOSSIER_CODE);
      assert.equal(normalizeDossierCode(`  ${code.toLowerCase()} `), code);
    }
  });

  test("the date is the hall's business day: at 23:30 UTC on 22/11 the code already says 23/11", () => {
    const date = businessDateOf(Date.UTC(2026, 10, 22, 23, 30), TZ);
    assert.equal(dossierCode('H36', date, 1), 'H36-261123-0001');
  });

  test('what is not a dossier code is not read as one', () => {
    for (const raw of ['', 'H36', 'H36-261123-001', 'H36-2611-0001', 'H36 261123 0001', `H36-261123-${'1'.repeat(11)}`])
      assert.equal(normalizeDossierCode(raw), null, raw);
  });
});

describe('papers', () => {
  const birth = procedure('dang-ky-khai-sinh'); // TK-KS (form), GCS digitised and required; CCCD shown, not scanned; VB-UQ optional

  test("a digitised paper of the procedure may be uploaded; another procedure's or a paper only shown may not", () => {
    assertDigitisedPaper(birth, 'GCS');
    assertDigitisedPaper(birth, 'VB-UQ');
    assert.throws(() => assertDigitisedPaper(birth, 'GCN-QSDD'), isCode('PAPER_NOT_IN_PROCEDURE'));
    assert.throws(() => assertDigitisedPaper(birth, 'CCCD'), isCode('PAPER_NOT_DIGITISED'));
  });

  test('missing: the required digitised papers not uploaded, without the one the e-form replaces when there is a form', () => {
    const codes = (hasForm: boolean, uploaded: string[]) => missingPapers(birth, hasForm, new Set(uploaded)).map((p) => p.docTypeCode);
    assert.deepEqual(codes(true, []), ['GCS']);
    assert.deepEqual(codes(false, []), ['TK-KS', 'GCS']);
    assert.deepEqual(codes(false, ['TK-KS']), ['GCS']);
    assert.deepEqual(codes(true, ['GCS', 'VB-UQ']), []);
    assert.equal(missingPapers(birth, true, new Set())[0]?.name, birth.papers.find((p) => p.docTypeCode === 'GCS')?.name);
  });
});

describe('dossierStateOf', () => {
  const outcome = (form: '01' | '02' | '03') => ({ form }) as DossierOutcomeView;

  test("after submission the counter's decision shows: form 03 refused, form 02 supplement requested", () => {
    assert.equal(dossierStateOf('submitted', outcome('03')), 'refused');
    assert.equal(dossierStateOf('submitted', outcome('02')), 'supplement_requested');
    assert.equal(dossierStateOf('submitted', outcome('01')), 'submitted');
    assert.equal(dossierStateOf('submitted', null), 'submitted');
  });

  test('a draft and a received dossier keep their state', () => {
    assert.equal(dossierStateOf('draft', outcome('03')), 'draft');
    assert.equal(dossierStateOf('received', outcome('02')), 'received');
  });
});

describe('purgeAfter', () => {
  test('whole days of 24 hours after the instant', () => {
    const now = Date.UTC(2026, 10, 23, 2, 0);
    assert.equal(purgeAfter(now, 1), Date.UTC(2026, 10, 24, 2, 0));
    assert.equal(purgeAfter(now, 90), Date.UTC(2027, 1, 21, 2, 0));
  });
});
