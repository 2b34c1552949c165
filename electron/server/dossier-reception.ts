/**
 * The officer's reception decision on a submitted dossier (NĐ 61/2018 Điều 17.1, NĐ 118/2025):
 * receive it (Mẫu 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with the due date of the result),
 * ask for papers to be supplemented (Mẫu 02), or refuse it (Mẫu 03). Each decision is one
 * transaction: the dossier's row, the form's number in the year's register, and the event. The
 * printed form is rebuilt from what was recorded, so a reprint is identical.
 */
import type { DossierOutcomeView, DossierView, ReceiptForm, RefuseDossierRequest, RequestSupplementRequest } from '../common/dossier-wire.ts';
import { DomainError } from '../common/errors.ts';
import type { HallConfig } from '../common/hall-config.ts';
import { localParts } from '../core/business-time.ts';
import { dueDateOf, workingCalendar, type DueDate } from '../core/due-date.ts';
import type { DossierStore } from '../store/dossier-store.ts';
import { receiptNoOf, type OutcomeRow, type OutcomeStore } from '../store/outcome-store.ts';
import type { DossierActor, DossierService } from './dossier-service.ts';
import type { HallService } from './hall-service.ts';
import { receiptPdf, type ReceiptContent } from './receipts/receipt-pdf.ts';

export interface DossierReceptionOptions {
  readonly dossiers: DossierService;
  readonly store: DossierStore;
  readonly outcomes: OutcomeStore;
  readonly hall: HallService;
  readonly clock: () => number;
}

export function outcomeView(row: OutcomeRow | null): DossierOutcomeView | null {
  if (!row) return null;
  return {
    form: row.form,
    receiptNo: receiptNoOf(row),
    decidedAt: row.decidedAt,
    staffName: row.staffName,
    dueDate: row.dueDate,
    period: row.period,
    items: row.items,
    reason: row.reason,
  };
}

export class DossierReception {
  readonly #o: DossierReceptionOptions;

  constructor(options: DossierReceptionOptions) {
    this.#o = options;
  }

  get #config(): HallConfig {
    return this.#o.hall.config;
  }

  /** The due date of a dossier of `procedureId` received at `at`; refused without processing time or calendar. */
  dueDate(procedureId: string, at: number): DueDate {
    const procedure = this.#config.procedures.find((p) => p.id === procedureId);
    if (!procedure) throw new DomainError('UNKNOWN_PROCEDURE', { procedureId });
    if (!procedure.processing) throw new DomainError('PROCESSING_TIME_UNKNOWN', { procedureId });
    const calendar = this.#config.calendar;
    if (!calendar) throw new DomainError('CALENDAR_NOT_COVERED', { reason: 'the hall configuration names no working calendar' });
    return dueDateOf(workingCalendar(calendar), procedure.processing, at, this.#config.schedule.timeZone);
  }

  /** Receives the dossier (Mẫu 01). Idempotent: a received dossier answers as is. */
  receive(actor: DossierActor, dossierId: string): DossierView {
    const row = this.#decidable(dossierId, true);
    if (row.state === 'received') return this.#o.dossiers.view(dossierId);
    const at = this.#o.clock();
    const due = this.dueDate(row.procedureId, at);
    this.#o.hall.record(() => {
      if (!this.#o.store.markReceived(dossierId, at, actor.staffId)) return [];
      const number = this.#append(actor, dossierId, '01', at, { dueDate: due.dueDate, period: due.periodLabel, items: [], reason: null });
      const receiptNo = receiptNoOf({ number, year: this.#year(at) });
      return [
        {
          type: 'dossier.received',
          at,
          ticketId: row.ticketId,
          counterId: null,
          data: { dossierId, code: row.code, staffId: actor.staffId, receiptNo, dueDate: due.dueDate },
        },
      ];
    });
    return this.#o.dossiers.view(dossierId);
  }

  /** Asks for papers to be supplemented (Mẫu 02); the dossier can be received when they come. */
  requestSupplement(actor: DossierActor, dossierId: string, body: Required<RequestSupplementRequest>): DossierView {
    const row = this.#decidable(dossierId, false);
    const at = this.#o.clock();
    this.#o.hall.record(() => {
      const number = this.#append(actor, dossierId, '02', at, { dueDate: null, period: null, items: body.items, reason: body.reason });
      const receiptNo = receiptNoOf({ number, year: this.#year(at) });
      return [
        {
          type: 'dossier.supplement_requested',
          at,
          ticketId: row.ticketId,
          counterId: null,
          data: { dossierId, code: row.code, staffId: actor.staffId, receiptNo },
        },
      ];
    });
    return this.#o.dossiers.view(dossierId);
  }

  /** Refuses the dossier (Mẫu 03); final. */
  refuse(actor: DossierActor, dossierId: string, body: RefuseDossierRequest): DossierView {
    const row = this.#decidable(dossierId, false);
    const at = this.#o.clock();
    this.#o.hall.record(() => {
      const number = this.#append(actor, dossierId, '03', at, { dueDate: null, period: null, items: [], reason: body.reason });
      const receiptNo = receiptNoOf({ number, year: this.#year(at) });
      return [{ type: 'dossier.refused', at, ticketId: row.ticketId, counterId: null, data: { dossierId, code: row.code, staffId: actor.staffId, receiptNo } }];
    });
    return this.#o.dossiers.view(dossierId);
  }

  /** The A5 PDF of the dossier's latest decision. */
  async receipt(dossierId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const dossier = this.#o.dossiers.view(dossierId);
    const outcome = this.#o.outcomes.latest(dossierId);
    if (!outcome) throw new DomainError('NO_RECEIPT', { dossierId });
    const content: ReceiptContent = { config: this.#config, dossier, outcome, receiptNo: receiptNoOf(outcome) };
    const bytes = await receiptPdf(content);
    return { fileName: `${dossier.code ?? dossier.id}-mau-${outcome.form}.pdf`, bytes };
  }

  /** A submitted dossier that was neither refused nor (unless `receiving` repeats) received. */
  #decidable(dossierId: string, receiving: boolean) {
    const row = this.#o.dossiers.row(dossierId);
    if (row.state === 'draft') throw new DomainError('DOSSIER_NOT_SUBMITTED', { dossierId });
    if (row.purgedAt !== null) throw new DomainError('DOSSIER_PURGED', { dossierId });
    const latest = this.#o.outcomes.latest(dossierId);
    if (latest?.form === '03') throw new DomainError('DOSSIER_DECIDED', { dossierId, state: 'refused' });
    if (row.state === 'received' && !receiving) throw new DomainError('DOSSIER_DECIDED', { dossierId, state: 'received' });
    return row;
  }

  #year(at: number): number {
    return localParts(at, this.#config.schedule.timeZone).year;
  }

  #append(actor: DossierActor, dossierId: string, form: ReceiptForm, at: number, o: Pick<OutcomeRow, 'dueDate' | 'period' | 'items' | 'reason'>): number {
    return this.#o.outcomes.append({ dossierId, form, year: this.#year(at), decidedAt: at, staffId: actor.staffId, staffName: actor.staffName, ...o });
  }
}
