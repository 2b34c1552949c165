/**
 * Reception decisions on dossiers (migration 0009): append one, read the latest. The form's number
 * is taken in the same statement that inserts it, continuous per form and year.
 */
import type { ReceiptForm } from '../common/dossier-wire.ts';
import type { HallDatabase } from './open-database.ts';

export interface OutcomeRecord {
  readonly dossierId: string;
  readonly form: ReceiptForm;
  readonly year: number;
  readonly decidedAt: number;
  readonly staffId: string | null;
  readonly staffName: string | null;
  readonly dueDate: string | null;
  readonly period: string | null;
  readonly items: readonly string[];
  readonly reason: string | null;
}

export interface OutcomeRow extends OutcomeRecord {
  readonly number: number;
}

type Row = Record<string, unknown>;

function toOutcome(r: Row): OutcomeRow {
  const details = JSON.parse(r.details as string) as { items: string[]; reason: string | null };
  return {
    dossierId: r.dossier_id as string,
    form: r.form as ReceiptForm,
    year: r.year as number,
    number: r.number as number,
    decidedAt: r.decided_at as number,
    staffId: r.staff_id as string | null,
    staffName: r.staff_name as string | null,
    dueDate: r.due_date as string | null,
    period: r.period as string | null,
    items: details.items,
    reason: details.reason,
  };
}

export class OutcomeStore {
  readonly #s;

  constructor(db: HallDatabase) {
    this.#s = {
      insert: db
        .prepare(
          `INSERT INTO dossier_outcomes (dossier_id, form, year, number, decided_at, staff_id, staff_name, due_date, period, details)
         VALUES (@dossierId, @form, @year,
           (SELECT COALESCE(MAX(number), 0) + 1 FROM dossier_outcomes WHERE form = @form AND year = @year),
           @decidedAt, @staffId, @staffName, @dueDate, @period, @details)
         RETURNING number`,
        )
        .pluck(),
      latest: db.prepare('SELECT * FROM dossier_outcomes WHERE dossier_id = ? ORDER BY id DESC LIMIT 1'),
    };
  }

  /** Appends a decision; returns its number in the form's register of the year. Call inside the dossier's transaction. */
  append(o: OutcomeRecord): number {
    return this.#s.insert.get({
      dossierId: o.dossierId,
      form: o.form,
      year: o.year,
      decidedAt: o.decidedAt,
      staffId: o.staffId,
      staffName: o.staffName,
      dueDate: o.dueDate,
      period: o.period,
      details: JSON.stringify({ items: o.items, reason: o.reason }),
    }) as number;
  }

  latest(dossierId: string): OutcomeRow | null {
    const r = this.#s.latest.get(dossierId) as Row | undefined;
    return r ? toOutcome(r) : null;
  }
}

/** "0007/2026": the number as printed ("Số: 0007/2026"). */
export const receiptNoOf = (o: Pick<OutcomeRow, 'number' | 'year'>): string => `${String(o.number).padStart(4, '0')}/${o.year}`;
