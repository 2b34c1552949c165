/**
 * Dossier (hồ sơ) rules: the applicant checks of a new draft, the dossier code (mã số hồ sơ) the
 * hall gives a submitted dossier and the codes it accepts when one is typed or scanned, which
 * papers a procedure takes and which are still missing, the state shown after the counter's
 * decision, and when personal data is due for purge. Pure: the caller passes the business date,
 * the clock reading and the configuration; DossierService stores and sequences.
 *
 * Dossier code, TT 01/2018 Điều 19 and TT 03/2025 Điều 13.3: `<agency code>-<YYMMDD>-<NNNN>`, the
 * reception business date in the hall's time zone and the day's serial from 1, at least 4 digits
 * (a 10 000th dossier of a day gets 5). A typed or scanned code is read by common/provincial.ts's
 * normalizeDossierCode (DOSSIER_CODE), which also accepts other systems' longer serials; one that
 * is not a dossier code is not looked up.
 */
import type { Applicant, DossierOutcomeView, DossierState } from '../common/dossier-wire.ts';
import { parseDmy, type FormProblem } from '../common/eform.ts';
import { DomainError } from '../common/errors.ts';
import type { ProcedureConfig } from '../common/hall-config.ts';
import { checkIdNumber, ID_NUMBER_MESSAGES } from '../common/id-number.ts';

const DAY_MS = 86_400_000;

/** The applicant's ID number agrees with its structure, birth year and sex; the birth date is real. */
export function applicantProblems(a: Applicant, currentYear: number): FormProblem[] {
  const problems: FormProblem[] = [];
  const born = parseDmy(a.dateOfBirth);
  if (!born) {
    problems.push({
      path: 'applicant.dateOfBirth',
      code: 'invalid_date',
      message: { vi: 'Ngày sinh phải là ngày hợp lệ theo dạng ngày/tháng/năm, ví dụ 05/09/1990.', en: 'The date of birth must be a real date as dd/mm/yyyy.' },
    });
  }
  const check = checkIdNumber(a.idNumber, currentYear, { ...(born ? { birthYear: born.year } : {}), ...(a.sex ? { sex: a.sex } : {}) });
  if (!check.ok) problems.push({ path: 'applicant.idNumber', code: 'invalid_id_number', message: ID_NUMBER_MESSAGES[check.problem] });
  return problems;
}

/** The applicant as stored: the name in NFC with its spaces collapsed, the residence in NFC and trimmed. */
export function normalizeApplicant(a: Applicant): Applicant {
  return {
    ...a,
    fullName: a.fullName.normalize('NFC').trim().replace(/\s+/g, ' '),
    placeOfResidence: a.placeOfResidence?.normalize('NFC').trim() ?? null,
  };
}

/** The code of the `sequence`-th dossier (from 1) received on `businessDate` (YYYY-MM-DD). */
export function dossierCode(agencyCode: string, businessDate: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`a dossier serial starts at 1, not ${sequence}`);
  const yymmdd = `${businessDate.slice(2, 4)}${businessDate.slice(5, 7)}${businessDate.slice(8, 10)}`;
  return `${agencyCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

/** The paper of a procedure that may be uploaded: PAPER_NOT_IN_PROCEDURE or PAPER_NOT_DIGITISED otherwise. */
export function assertDigitisedPaper(procedure: ProcedureConfig, docTypeCode: string): void {
  const paper = procedure.papers.find((p) => p.docTypeCode === docTypeCode);
  if (!paper) throw new DomainError('PAPER_NOT_IN_PROCEDURE', { docTypeCode, procedureId: procedure.id, known: procedure.papers.map((p) => p.docTypeCode) });
  if (!paper.digitise) throw new DomainError('PAPER_NOT_DIGITISED', { docTypeCode });
}

/**
 * The required digitised papers not uploaded yet; a paper the e-form replaces is not missing when
 * the dossier has its form.
 */
export function missingPapers(procedure: ProcedureConfig, hasForm: boolean, uploaded: ReadonlySet<string>): { docTypeCode: string; name: string }[] {
  return procedure.papers
    .filter((p) => p.required && p.digitise && !(p.replacedByForm && hasForm) && !uploaded.has(p.docTypeCode))
    .map((p) => ({ docTypeCode: p.docTypeCode, name: p.name }));
}

/** The stored state, or the counter's refusal (form 03) or supplement request (form 02) that followed the submission. */
export function dossierStateOf(stored: DossierState, outcome: DossierOutcomeView | null): DossierState {
  if (stored === 'received' || stored === 'draft' || outcome === null) return stored;
  return outcome.form === '03' ? 'refused' : outcome.form === '02' ? 'supplement_requested' : stored;
}

/** When personal data kept from `now` for `retentionDays` is due for purge. */
export function purgeAfter(now: number, retentionDays: number): number {
  return now + retentionDays * DAY_MS;
}
