/**
 * The kiosk's self-service dossier as a state machine the screens render (pure: no I/O):
 *   consent → declaration → papers → review → submit → receipt   (steps 1–5 after the consent)
 * and the per-paper digitising states: todo → scanning → uploading → done | failed, or skipped
 * ("Bỏ qua, nộp bản giấy tại quầy"). The review opens once every paper to digitise is done or
 * skipped; a paper that failed can be scanned again or skipped, never left silently.
 */
import type { CardIdentity, ScannedPaper, ScanPageWarning } from '../../electron/common/device-contract.ts';
import type { Applicant, PaperView } from '../shared/api/types.ts';
import type { EFormDefinition, FormProblem, PrefillIdentity } from '../../electron/common/eform.ts';
import { HallApiError } from '../shared/hall-api.ts';
import type { HallConfigView, PaperConfigView, ProcedureView } from '../shared/api/types.ts';

export const DOSSIER_STEPS = ['declaration', 'papers', 'review', 'submit', 'receipt'] as const;
export type DossierStep = (typeof DOSSIER_STEPS)[number];
export type DossierScreen = 'consent' | DossierStep;

/** 1-based position of a step in the indicator ("Bước 2/5"); the consent comes before step 1. */
export function stepNumber(step: DossierScreen): number {
  return step === 'consent' ? 0 : DOSSIER_STEPS.indexOf(step) + 1;
}

/**
 * A paper of the procedure that the kiosk digitises: it has a document-type code, is not only shown,
 * and is not the declaration that the e-form replaces (nothing is asked twice).
 */
export type DigitisablePaper = PaperConfigView & { readonly docTypeCode: string };

export function digitisablePapers(procedure: ProcedureView): DigitisablePaper[] {
  return procedure.papers.filter(
    (p): p is DigitisablePaper => typeof p.docTypeCode === 'string' && p.docTypeCode !== '' && p.digitise !== false && p.replacedByForm !== true,
  );
}

/** Papers only shown at the counter (Xuất trình bản chính), listed so the citizen brings them. */
export function shownOnlyPapers(procedure: ProcedureView): PaperConfigView[] {
  return procedure.papers.filter((p) => p.digitise === false);
}

/** The procedure's e-form, or null when the hall config does not carry one (no dossier button then). */
export function dossierFormOf(config: HallConfigView | null, procedure: ProcedureView | null): EFormDefinition | null {
  if (!config || !procedure || typeof procedure.formId !== 'string') return null;
  return (Array.isArray(config.forms) ? config.forms : []).find((f) => f.id === procedure.formId) ?? null;
}

/** The applicant of the dossier from the card as read this session. */
export function applicantOf(identity: CardIdentity): Applicant {
  return {
    idNumber: identity.idNumber,
    fullName: identity.fullName.normalize('NFC'),
    dateOfBirth: identity.dateOfBirth,
    sex: identity.sex,
    placeOfResidence: identity.placeOfResidence?.normalize('NFC') ?? null,
    source: identity.source,
    verified: identity.source === 'chip' && identity.authenticity === 'verified',
  };
}

export function prefillSourceOf(identity: CardIdentity): PrefillIdentity {
  return {
    idNumber: identity.idNumber,
    fullName: identity.fullName,
    dateOfBirth: identity.dateOfBirth,
    sex: identity.sex,
    nationality: identity.nationality ?? 'Việt Nam',
    placeOfOrigin: identity.placeOfOrigin,
    placeOfResidence: identity.placeOfResidence,
    dateOfIssue: identity.dateOfIssue,
  };
}

export type PaperState =
  | { readonly kind: 'todo' }
  | { readonly kind: 'scanning' }
  | { readonly kind: 'uploading' }
  | { readonly kind: 'done'; readonly scan: ScannedPaper; readonly uploaded: PaperView }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'skipped' };

export function initialPaperStates(papers: readonly DigitisablePaper[]): PaperState[] {
  return papers.map(() => ({ kind: 'todo' }));
}

export function resolved(state: PaperState): boolean {
  return state.kind === 'done' || state.kind === 'skipped';
}

/** The review opens when every paper is done or skipped (none still scanning, failed or untouched). */
export function canReview(states: readonly PaperState[]): boolean {
  return states.every(resolved);
}

/** The first paper still needing the citizen, or -1. */
export function nextOpenPaper(states: readonly PaperState[], from = 0): number {
  for (let i = from; i < states.length; i++) if (!resolved(states[i]!)) return i;
  for (let i = 0; i < from && i < states.length; i++) if (!resolved(states[i]!)) return i;
  return -1;
}

export function scannedCount(states: readonly PaperState[]): number {
  return states.filter((s) => s.kind === 'done').length;
}

/** Each page warning of a scan with the paper page it concerns, in page order, once per page and kind. */
export function pageWarnings(scan: ScannedPaper): { readonly page: number; readonly warning: ScanPageWarning }[] {
  const seen = new Set<string>();
  const out: { page: number; warning: ScanPageWarning }[] = [];
  for (const p of scan.pages) {
    for (const w of p.warnings) {
      const key = `${p.paperPage}:${w}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ page: p.paperPage, warning: w });
    }
  }
  return out.sort((a, b) => a.page - b.page);
}

/** Noted pages a citizen may tick: 1…pages, kept sorted and within the count when the count changes. */
export function toggleNoted(noted: readonly number[], page: number, pages: number): number[] {
  const set = new Set(noted.filter((p) => p >= 1 && p <= pages));
  if (set.has(page)) set.delete(page);
  else if (page >= 1 && page <= pages) set.add(page);
  return [...set].sort((a, b) => a - b);
}

/** The e-form problems of a VALIDATION_FAILED answer (`details.problems`), to show under the fields. */
export function problemsOf(error: unknown): FormProblem[] {
  if (!(error instanceof HallApiError) || error.code !== 'VALIDATION_FAILED') return [];
  const problems = error.details.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p): p is FormProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as FormProblem).path === 'string' &&
      typeof (p as FormProblem).message?.vi === 'string' &&
      typeof (p as FormProblem).message?.en === 'string',
  );
}
