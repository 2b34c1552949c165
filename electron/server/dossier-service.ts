/**
 * Dossiers (hồ sơ) prepared at the kiosk or the counter: drafts with the applicant and the e-form,
 * scanned papers, submission with a dossier code and a queue ticket, reception at the counter, and
 * the retention purge. Routes (routes/dossier-routes.ts) authenticate; this class applies the rules
 * of core/dossier-rules.ts (applicant checks, the dossier code, papers, retention) and stores.
 *
 * Submission is idempotent and issues at most one ticket (docs/decisions.md, "Idempotent submit"):
 *   1. record the intent: the id the ticket will carry (kept if an earlier attempt recorded one);
 *   2. issue the ticket with that id unless the hall already has it (an attempt that crashed after
 *      issuing it);
 *   3. one transaction: the day's next code, the ticket, state submitted, and the onSubmitted hook.
 * A retry after any step finds what the earlier attempt did; a submitted dossier answers as is.
 */
import type { z } from 'zod';
import { toPublicTicket, type PriorityClass } from '../common/domain.ts';
import type { DossierOutcomeView, DossierView, PaperView, SubmitDossierResponse, createDossierRequest } from '../common/dossier-wire.ts';
import { validateForm, type FormProblem } from '../common/eform.ts';
import { DomainError } from '../common/errors.ts';
import { consentGiven } from '../common/events.ts';
import type { HallConfig, ProcedureConfig } from '../common/hall-config.ts';
import { normalizeDossierCode } from '../common/provincial.ts';
import { businessDateOf, formatDateVi } from '../core/business-time.ts';
import { applicantProblems, assertDigitisedPaper, dossierCode, dossierStateOf, missingPapers, normalizeApplicant, purgeAfter } from '../core/dossier-rules.ts';
import { issueTicket } from '../core/queue-engine.ts';
import { estimateWait } from '../core/wait-estimate.ts';
import type { DossierRow, DossierStore, PaperRow } from '../store/dossier-store.ts';
import type { HallDatabase } from '../store/open-database.ts';
import type { HallService } from './hall-service.ts';
import type { PdfCheckOutcome } from './pdf-checker.ts';
import { personHash } from './secrets.ts';
import type { TicketQr } from '../common/ticket-link.ts';
import { DEFAULT_DRAFT_LIMITS, type DraftLimits, type FloodingEvent } from './device-flooding.ts';

/** Who acts: the device, and the logged-in staff member on counter and dashboard devices. */
export interface DossierActor {
  readonly deviceId: string;
  readonly deviceRole: string;
  readonly staffId: string | null;
  /** The officer's name as printed on receipts. */
  readonly staffName: string | null;
}

export interface PaperUpload {
  readonly sha256: string;
  readonly pages: number;
  readonly dpi: number;
  readonly ocrConfidence: number | null;
}

export interface DossierServiceOptions {
  readonly store: DossierStore;
  readonly hall: HallService;
  readonly clock: () => number;
  readonly newId: () => string;
  /** Key of person hashes, shared with tickets (hall-keys.ts). */
  readonly personKey: Uint8Array;
  /**
   * Called inside the submit transaction with the submitted dossier and the database: the outbox
   * enqueues its delivery there, so a dossier is submitted if and only if its delivery is queued.
   * Throwing rolls the submission back (the ticket stays recorded for the retry).
   */
  readonly onSubmitted?: (dossier: DossierView, tx: HallDatabase) => void;
  /** Hashes and checks an uploaded PDF off the request thread (pdf-checker.ts). */
  readonly checkPaper: (bytes: Uint8Array) => Promise<PdfCheckOutcome>;
  /** The latest reception decision of a dossier (dossier-reception.ts); none without it. */
  readonly outcomeOf?: (dossierId: string) => DossierOutcomeView | null;
  /** The public page link of a ticket (ticket-links.ts): the same on every answer for that ticket. */
  readonly linkOf: (ticketId: string) => { readonly statusPath: string; readonly qr: TicketQr };
  /** Open drafts and their papers per device (device-flooding.ts); the defaults when omitted. */
  readonly draftLimits?: DraftLimits;
  /**
   * Called before a submit issues its ticket: the device's issue limit (device-flooding.ts
   * IssueLimiter.admit), which throws to refuse. A submit that finds its ticket already issued is
   * not counted again.
   */
  readonly admitIssue?: (actor: DossierActor) => void;
  /** A draft or upload refused by the device's draft limits (for the dashboard's alert). */
  readonly onFlooding?: (e: FloodingEvent) => void;
}

export type CreateDossierInput = z.output<typeof createDossierRequest>;

export class DossierService {
  readonly #store: DossierStore;
  readonly #hall: HallService;
  readonly #clock: () => number;
  readonly #newId: () => string;
  readonly #personKey: Uint8Array;
  readonly #onSubmitted: DossierServiceOptions['onSubmitted'];
  readonly #checkPaper: DossierServiceOptions['checkPaper'];
  readonly #outcomeOf: NonNullable<DossierServiceOptions['outcomeOf']>;
  readonly #linkOf: DossierServiceOptions['linkOf'];
  readonly #limits: DraftLimits;
  readonly #admitIssue: (actor: DossierActor) => void;
  readonly #onFlooding: (e: FloodingEvent) => void;

  constructor(options: DossierServiceOptions) {
    this.#store = options.store;
    this.#hall = options.hall;
    this.#clock = options.clock;
    this.#newId = options.newId;
    this.#personKey = options.personKey;
    this.#onSubmitted = options.onSubmitted;
    this.#checkPaper = options.checkPaper;
    this.#outcomeOf = options.outcomeOf ?? (() => null);
    this.#linkOf = options.linkOf;
    this.#limits = options.draftLimits ?? DEFAULT_DRAFT_LIMITS;
    this.#admitIssue = options.admitIssue ?? (() => undefined);
    this.#onFlooding = options.onFlooding ?? (() => undefined);
  }

  get #config(): HallConfig {
    return this.#hall.config;
  }

  #businessDate(now: number): string {
    return businessDateOf(now, this.#config.schedule.timeZone);
  }

  #procedure(id: string): ProcedureConfig {
    const p = this.#config.procedures.find((x) => x.id === id);
    if (!p) throw new DomainError('UNKNOWN_PROCEDURE', { procedureId: id });
    return p;
  }

  // ---- drafts ---------------------------------------------------------------------------------

  create(actor: DossierActor, input: CreateDossierInput): DossierView {
    const procedure = this.#procedure(input.procedureId);
    const now = this.#clock();
    const today = formatDateVi(this.#businessDate(now));
    const problems: FormProblem[] = [...applicantProblems(input.applicant, Number(today.slice(6)))];
    const form = procedure.formId === undefined ? null : this.#config.forms.find((f) => f.id === procedure.formId);
    if (form === undefined) throw new DomainError('INTERNAL', {}, `procedure ${procedure.id} names unknown form ${procedure.formId}`);
    let formData = {};
    if (form !== null) {
      const checked = validateForm(form, input.form, { today });
      if (checked.ok) formData = checked.value;
      else problems.push(...checked.problems);
    }
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', { problems });
    this.#roomForDraft(actor, now);
    const applicant = normalizeApplicant(input.applicant);
    const id = this.#newId();
    // The draft and the record of the consent it was made under commit together.
    this.#hall.record(() => {
      this.#store.create({
        id,
        procedureId: procedure.id,
        formId: form?.id ?? null,
        channel: actor.deviceRole === 'kiosk' ? 'kiosk' : 'counter',
        createdByDevice: actor.deviceId,
        createdByStaff: actor.staffId,
        personHash: personHash(this.#personKey, applicant.idNumber),
        personal: { applicant, form: formData },
        createdAt: now,
        purgeAfter: purgeAfter(now, this.#config.policy.draftRetentionDays),
        consent: { ...input.consent, recordedAt: now },
      });
      return [consentGiven(input.consent, now, { ticketId: null, dossierId: id })];
    });
    return this.#view(this.#row(id));
  }

  /**
   * Checks made before an upload's body is read: the draft is the caller's, takes this paper, and
   * the declared length (Content-Length, when sent) fits the device's draft storage.
   */
  checkUpload(actor: DossierActor, dossierId: string, docTypeCode: string, declaredBytes: number | null = null): void {
    const row = this.#ownDraft(actor, dossierId);
    this.#digitisedPaper(row, docTypeCode);
    if (declaredBytes !== null) this.#roomForPaper(actor, dossierId, docTypeCode, declaredBytes);
  }

  // ---- draft limits per device (device-flooding.ts) ---------------------------------------------

  /** Room for one more draft of the device: its abandoned drafts make room, else TOO_MANY_DRAFTS. */
  #roomForDraft(actor: DossierActor, now: number): void {
    let open = this.#store.openDraftsOf(actor.deviceId);
    if (open.length < this.#limits.maxOpenDrafts) return;
    open = this.#discardAbandoned(open, now, (left) => left.length < this.#limits.maxOpenDrafts);
    if (open.length < this.#limits.maxOpenDrafts) return;
    this.#onFlooding({ kind: 'open_drafts', deviceId: actor.deviceId, limit: this.#limits.maxOpenDrafts });
    throw new DomainError('TOO_MANY_DRAFTS', { openDrafts: open.length, maxOpenDrafts: this.#limits.maxOpenDrafts });
  }

  /**
   * Room for `bytes` more in the device's drafts (the paper of that type it replaces is counted
   * out): its abandoned drafts make room, else DRAFT_STORAGE_FULL.
   */
  #roomForPaper(actor: DossierActor, dossierId: string, docTypeCode: string, bytes: number): void {
    const max = this.#limits.maxBytes;
    const replaced = this.#store.paperBytes(dossierId, docTypeCode);
    const used = (drafts: readonly { bytes: number }[]): number => drafts.reduce((sum, d) => sum + d.bytes, 0) - replaced;
    let open = this.#store.openDraftsOf(actor.deviceId);
    if (used(open) + bytes <= max) return;
    open = this.#discardAbandoned(
      open.filter((d) => d.id !== dossierId),
      this.#clock(),
      (left) => used(left) + bytes <= max,
    ).concat(open.filter((d) => d.id === dossierId));
    if (used(open) + bytes <= max) return;
    this.#onFlooding({ kind: 'draft_bytes', deviceId: actor.deviceId, limit: max });
    throw new DomainError('DRAFT_STORAGE_FULL', { usedBytes: used(open), uploadBytes: bytes, maxBytes: max });
  }

  /** Discards the abandoned drafts among `open` (least recently touched first) until `enough`; returns those left. */
  #discardAbandoned<T extends { id: string; touchedAt: number }>(open: readonly T[], now: number, enough: (left: readonly T[]) => boolean): T[] {
    const left = [...open];
    while (!enough(left)) {
      const oldest = left[0];
      if (oldest === undefined || now - oldest.touchedAt < this.#limits.abandonedAfterMs) break;
      this.#store.deleteDraft(oldest.id);
      left.shift();
    }
    return left;
  }

  /**
   * Keeps a scanned paper after its hash and structure were checked on a worker thread. The draft
   * is checked again after the wait: it may have been discarded or submitted meanwhile.
   */
  async uploadPaper(actor: DossierActor, dossierId: string, docTypeCode: string, meta: PaperUpload, pdf: Buffer): Promise<PaperView> {
    this.checkUpload(actor, dossierId, docTypeCode);
    const { sha256: actual, check } = await this.#checkPaper(pdf);
    // A check that timed out has no hash; otherwise a damaged transfer is named before a bad file.
    if (actual !== '' && actual !== meta.sha256.toLowerCase()) {
      throw new DomainError('CORRUPT_UPLOAD', { expectedSha256: meta.sha256.toLowerCase(), receivedSha256: actual, receivedBytes: pdf.length });
    }
    if (!check.ok) {
      const code = check.problem === 'too_complex' || check.problem === 'check_timeout' ? 'DOCUMENT_TOO_COMPLEX' : 'INVALID_DOCUMENT';
      throw new DomainError(code, { problem: check.problem, reason: check.detail }, `The file was refused: ${check.detail}.`);
    }
    const row = this.#ownDraft(actor, dossierId);
    this.#digitisedPaper(row, docTypeCode);
    // Checked again with the bytes received, with nothing awaited before the paper is stored.
    this.#roomForPaper(actor, dossierId, docTypeCode, pdf.length);
    const paper = this.#store.putPaper({
      id: this.#newId(),
      dossierId,
      docTypeCode,
      sha256: actual,
      pages: meta.pages,
      dpi: meta.dpi,
      ocrConfidence: meta.ocrConfidence,
      uploadedAt: this.#clock(),
      pdf,
    });
    const personal = this.#store.personal(dossierId);
    return this.#paperView(row, paper, personal?.applicant.idNumber ?? '');
  }

  removePaper(actor: DossierActor, dossierId: string, docTypeCode: string): void {
    this.#ownDraft(actor, dossierId);
    this.#store.removePaper(dossierId, docTypeCode);
  }

  discard(actor: DossierActor, dossierId: string): void {
    this.#ownDraft(actor, dossierId);
    this.#store.deleteDraft(dossierId);
  }

  // ---- submission -------------------------------------------------------------------------------

  submit(actor: DossierActor, dossierId: string, priority: PriorityClass): SubmitDossierResponse {
    const row = this.#own(actor, dossierId);
    if (row.state !== 'draft') return this.#submitted(row);
    const procedure = this.#procedure(row.procedureId);
    const personal = this.#store.personal(dossierId);
    if (!personal) throw new DomainError('DOSSIER_PURGED', { dossierId });
    const ticketId = this.#store.recordSubmitIntent(dossierId, this.#newId());
    if (!this.#hall.ticket(ticketId)) {
      this.#admitIssue(actor);
      this.#hall.execute((config, state, ctx) => {
        let first = true;
        // issueTicket draws exactly one id, the ticket's: it is the one recorded in the intent.
        const newId = (): string => {
          if (!first) return ctx.newId();
          first = false;
          return ticketId;
        };
        return issueTicket(
          config,
          state,
          {
            serviceId: procedure.serviceId,
            priority,
            channel: row.channel,
            personHash: row.personHash ?? personHash(this.#personKey, personal.applicant.idNumber),
            procedureId: procedure.id,
            slotStart: null,
            deviceId: actor.deviceId,
          },
          { ...ctx, newId },
        );
      });
    }
    const now = this.#clock();
    const date = this.#businessDate(now);
    this.#hall.record(() => {
      const code = this.#store.submit(
        dossierId,
        {
          businessDate: date,
          codeOf: (sequence) => dossierCode(this.#config.hall.agencyCode, date, sequence),
          ticketId,
          at: now,
          purgeAfter: purgeAfter(now, this.#config.policy.dossierRetentionDays),
        },
        (tx) => this.#onSubmitted?.(this.#view(this.#row(dossierId)), tx),
      );
      if (code === null) return [];
      return [{ type: 'dossier.submitted', at: now, ticketId, counterId: null, data: { dossierId, code, procedureId: procedure.id, channel: row.channel } }];
    });
    return this.#submitted(this.#row(dossierId));
  }

  #submitted(row: DossierRow): SubmitDossierResponse {
    const ticket = row.ticketId === null ? null : this.#hall.ticket(row.ticketId);
    if (!ticket) throw new DomainError('INTERNAL', {}, `the ticket of dossier ${row.id} is missing`);
    const estimate = estimateWait(this.#config, this.#hall.state, ticket.serviceId, ticket.priority, ticket);
    return { ticket: toPublicTicket(ticket), estimate, ...this.#linkOf(ticket.id), dossier: this.#view(row) };
  }

  // ---- counter --------------------------------------------------------------------------------

  /**
   * A dossier as the caller may see it: staff see any, and each such read is logged
   * (dossier.viewed, with the officer); a kiosk only its own draft (the citizen's own session).
   */
  get(actor: DossierActor, dossierId: string): DossierView {
    if (actor.staffId === null) return this.#view(this.#ownDraft(actor, dossierId));
    return this.#viewLogged(actor, this.#row(dossierId));
  }

  findByTicket(actor: DossierActor, ticketId: string): DossierView {
    const row = this.#store.byTicket(ticketId);
    if (!row) throw new DomainError('UNKNOWN_DOSSIER', { ticketId });
    return this.#viewLogged(actor, row);
  }

  /** The view, after its reading was recorded in the event log (no personal data in the event). */
  #viewLogged(actor: DossierActor, row: DossierRow): DossierView {
    const view = this.#view(row);
    const at = this.#clock();
    this.#hall.record(() => [
      {
        type: 'dossier.viewed',
        at,
        ticketId: row.ticketId,
        counterId: null,
        data: { dossierId: row.id, code: row.code, staffId: actor.staffId, actor: { deviceId: actor.deviceId, staffId: actor.staffId } },
      },
    ]);
    return view;
  }

  /** The code of the dossier submitted with this ticket (for the counter's ticket view), or null. */
  codeOfTicket(ticketId: string): string | null {
    return this.#store.byTicket(ticketId)?.code ?? null;
  }

  findByCode(actor: DossierActor, code: string): DossierView {
    const wanted = normalizeDossierCode(code);
    const row = wanted === null ? null : this.#store.byCode(wanted);
    if (!row) throw new DomainError('UNKNOWN_DOSSIER', { code });
    return this.#viewLogged(actor, row);
  }

  /** For the outbox: a paper read at send time (the delivery itself is the record). */
  paperForDelivery(dossierId: string, paperId: string): { fileName: string; bytes: Buffer } {
    const { row, found } = this.#paper(dossierId, paperId);
    return { fileName: `${row.code ?? row.id}-${found.paper.docTypeCode}.pdf`, bytes: found.pdf };
  }

  #paper(dossierId: string, paperId: string) {
    const row = this.#row(dossierId);
    if (row.purgedAt !== null) throw new DomainError('DOSSIER_PURGED', { dossierId });
    const found = this.#store.paperPdf(dossierId, paperId);
    if (!found) throw new DomainError('UNKNOWN_PAPER', { dossierId, paperId });
    return { row, found };
  }

  /** A paper's PDF for staff; the download is logged (dossier.paper_downloaded) before it is returned. */
  paperPdf(actor: DossierActor, dossierId: string, paperId: string): { fileName: string; bytes: Buffer } {
    const { row, found } = this.#paper(dossierId, paperId);
    const at = this.#clock();
    this.#hall.record(() => [
      {
        type: 'dossier.paper_downloaded',
        at,
        ticketId: row.ticketId,
        counterId: null,
        data: {
          dossierId,
          code: row.code,
          paperId,
          docTypeCode: found.paper.docTypeCode,
          staffId: actor.staffId,
          actor: { deviceId: actor.deviceId, staffId: actor.staffId },
        },
      },
    ]);
    return { fileName: `${row.code ?? row.id}-${found.paper.docTypeCode}.pdf`, bytes: found.pdf };
  }

  /** For the outbox: the provincial system has the dossier. Only the first delivery is recorded. */
  markSynced(dossierId: string, alsoInTransaction?: () => void): void {
    const at = this.#clock();
    this.#hall.record(() => {
      alsoInTransaction?.();
      const before = this.#store.get(dossierId);
      if (!this.#store.markSynced(dossierId, at) || !before || before.syncedAt !== null) return [];
      return [{ type: 'dossier.synced', at, ticketId: before.ticketId, counterId: null, data: { dossierId, code: before.code } }];
    });
  }

  /** Dossiers whose provincial copy was delivered (outbox) but which are not marked synced. */
  deliveredButNotSynced(): string[] {
    return this.#store.deliveredButNotSynced();
  }

  /** For the outbox: the dossier with its personal data, read at send time (not copied into a queue). */
  forDelivery(dossierId: string): DossierView {
    return this.#view(this.#row(dossierId));
  }

  /** Deletes the personal data whose retention ended; returns how many dossiers were purged. */
  purgeDue(): number {
    const now = this.#clock();
    const due = this.#store.dueForPurge(now);
    if (due.length === 0) return 0;
    this.#hall.record(() => {
      this.#store.purge(
        due.map((d) => d.id),
        now,
      );
      return due.map((d) => ({ type: 'dossier.purged', at: now, ticketId: d.ticketId, counterId: null, data: { dossierId: d.id, code: d.code } }));
    });
    this.#store.truncateWal();
    return due.length;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The stored row (state, code, ticket) of a dossier, for the reception decisions. */
  row(dossierId: string): DossierRow {
    return this.#row(dossierId);
  }

  /** The dossier as the counter reads it. */
  view(dossierId: string): DossierView {
    return this.#view(this.#row(dossierId));
  }

  #row(dossierId: string): DossierRow {
    const row = this.#store.get(dossierId);
    if (!row) throw new DomainError('UNKNOWN_DOSSIER', { dossierId });
    return row;
  }

  /** The caller created it: the same device, and the same officer on a counter. */
  #own(actor: DossierActor, dossierId: string): DossierRow {
    const row = this.#row(dossierId);
    if (row.createdByDevice !== actor.deviceId || row.createdByStaff !== actor.staffId) throw new DomainError('DOSSIER_NOT_YOURS', { dossierId });
    return row;
  }

  #ownDraft(actor: DossierActor, dossierId: string): DossierRow {
    const row = this.#own(actor, dossierId);
    if (row.state !== 'draft') throw new DomainError('DOSSIER_NOT_DRAFT', { dossierId, state: row.state });
    return row;
  }

  #digitisedPaper(row: DossierRow, docTypeCode: string): void {
    assertDigitisedPaper(this.#procedure(row.procedureId), docTypeCode);
  }

  #paperView(row: DossierRow, p: PaperRow, idNumber: string): PaperView {
    const name = this.#config.procedures.find((x) => x.id === row.procedureId)?.papers.find((x) => x.docTypeCode === p.docTypeCode)?.name ?? p.docTypeCode;
    return {
      id: p.id,
      docTypeCode: p.docTypeCode,
      name,
      code: `${idNumber}.${p.docTypeCode}`,
      sha256: p.sha256,
      pages: p.pages,
      dpi: p.dpi,
      bytes: p.bytes,
      ocrConfidence: p.ocrConfidence,
      uploadedAt: p.uploadedAt,
    };
  }

  #view(row: DossierRow): DossierView {
    const personal = this.#store.personal(row.id);
    if (!personal) throw new DomainError('DOSSIER_PURGED', { dossierId: row.id, code: row.code });
    const procedure = this.#procedure(row.procedureId);
    const papers = this.#store.papers(row.id).map((p) => this.#paperView(row, p, personal.applicant.idNumber));
    const have = new Set(papers.map((p) => p.docTypeCode));
    const ticket = row.ticketId === null ? null : this.#hall.ticket(row.ticketId);
    const outcome = this.#outcomeOf(row.id);
    return {
      id: row.id,
      code: row.code,
      state: dossierStateOf(row.state, outcome),
      procedure: { id: procedure.id, code: procedure.code, name: procedure.name, serviceId: procedure.serviceId },
      formId: row.formId,
      applicant: personal.applicant,
      form: personal.form,
      papers,
      missingPapers: missingPapers(procedure, row.formId !== null, have),
      ticketId: row.ticketId,
      ticketNumber: ticket?.number ?? null,
      channel: row.channel,
      createdAt: row.createdAt,
      submittedAt: row.submittedAt,
      syncedAt: row.syncedAt,
      receivedAt: row.receivedAt,
      outcome,
      consent: row.consent,
    };
  }
}
