/**
 * Writes imported ticket history (core/ticket-import.ts validates the rows) into the tickets
 * table in one transaction, and records the import once in the hash-chained event log as
 * `history.imported` (file hash, row counts, date range). Imported rows are not replayed as
 * per-ticket events: they are facts of another system, not commands of this hall.
 *
 * All or nothing: a row that is invalid, or whose (business day, number) already exists, is
 * reported with its line number; unless `skipInvalid`, any such row rolls the whole import back.
 */
import type { ImportedTicket } from '../core/ticket-import.ts';
import { EventAppender } from './event-log.ts';
import { KpiRollups, type RollupTargets } from './kpi-rollups.ts';
import type { HallDatabase } from './open-database.ts';

export type ImportItem =
  /** `id`: a UUIDv7 of the issue time, like a live ticket's (the KPI queries rely on it). */
  { readonly line: number; readonly id: string; readonly ticket: ImportedTicket } | { readonly line: number; readonly error: string };

export interface InvalidRow {
  readonly line: number;
  readonly message: string;
}

export interface ImportSummary {
  readonly importId: string;
  /** Rows written (0 when the import was refused). */
  readonly imported: number;
  readonly invalid: readonly InvalidRow[];
  /** Invalid rows beyond the first MAX_REPORTED are counted, not listed. */
  readonly invalidCount: number;
  readonly committed: boolean;
  readonly firstBusinessDate: string | null;
  readonly lastBusinessDate: string | null;
}

export const MAX_REPORTED = 1000;
/** Page cache during an import: 256 MiB (negative = KiB, SQLite's convention). */
const IMPORT_CACHE_KIB = -262_144;

class Refused extends Error {}

export function importHistory(
  db: HallDatabase,
  items: Iterable<ImportItem>,
  options: {
    readonly importId: string;
    readonly fileSha256: () => string;
    readonly skipInvalid: boolean;
    readonly at: number;
    /** The hall's targets: the daily KPI rollups of the imported days are rebuilt in the import's transaction. */
    readonly rollupTargets: RollupTargets;
  },
): ImportSummary {
  const insert = db.prepare(
    `INSERT INTO tickets (id, business_date, issued_service_id, service_id, seq, number, priority, status, channel,
       issued_at, queued_at, counter_id, officer_id, first_called_at, last_called_at, call_count, started_at,
       finished_at, closed_at, procedure_id, rating, import_id, dossier_code, source_outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'kiosk', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const invalid: InvalidRow[] = [];
  let invalidCount = 0;
  let imported = 0;
  let first: string | null = null;
  let last: string | null = null;
  const reject = (line: number, message: string): void => {
    invalidCount += 1;
    if (invalid.length < MAX_REPORTED) invalid.push({ line, message });
  };
  const run = db.transaction(() => {
    for (const item of items) {
      if ('error' in item) {
        reject(item.line, item.error);
        continue;
      }
      const t = item.ticket;
      const closedAt = t.finishedAt ?? t.startedAt ?? t.firstCalledAt ?? t.issuedAt;
      const changes = insert.run(
        item.id,
        t.businessDate,
        t.serviceId,
        t.serviceId,
        t.seq,
        t.number,
        t.priority,
        t.status,
        t.issuedAt,
        t.issuedAt,
        t.counterId,
        t.officerId,
        t.firstCalledAt,
        t.firstCalledAt,
        t.firstCalledAt === null ? 0 : 1,
        t.startedAt,
        t.finishedAt,
        closedAt,
        t.procedureId,
        t.rating,
        options.importId,
        t.dossierCode,
        t.outcome,
      ).changes;
      if (changes === 0) {
        reject(item.line, `ticket ${t.number} already exists on ${t.businessDate}`);
        continue;
      }
      imported += 1;
      if (first === null || t.businessDate < first) first = t.businessDate;
      if (last === null || t.businessDate > last) last = t.businessDate;
    }
    if (invalidCount > 0 && !options.skipInvalid) throw new Refused();
    if (imported > 0 && first !== null && last !== null) new KpiRollups(db, options.rollupTargets).rebuild(first, last);
    if (imported > 0) {
      new EventAppender(db).append([
        {
          type: 'history.imported',
          at: options.at,
          ticketId: null,
          counterId: null,
          data: {
            importId: options.importId,
            fileSha256: options.fileSha256(),
            rows: imported,
            skippedRows: invalidCount,
            firstBusinessDate: first,
            lastBusinessDate: last,
          },
        },
      ]);
    }
  });
  // A large import touches far more pages than the default cache holds; spilling them to the WAL
  // mid-transaction doubles the writes. A bigger cache for the import's duration only.
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    run.immediate();
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { importId: options.importId, imported: 0, invalid, invalidCount, committed: false, firstBusinessDate: null, lastBusinessDate: null };
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
  return { importId: options.importId, imported, invalid, invalidCount, committed: true, firstBusinessDate: first, lastBusinessDate: last };
}
