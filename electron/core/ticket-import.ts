/**
 * Import of ticket history from another queue system: the CSV header, one line's fields, and the
 * validation of one row into a closed ticket. Pure; the file reading and the database are elsewhere.
 *
 * Header (exact, in this order):
 *   service_code,number,priority,issued_at,first_called_at,started_at,finished_at,counter,officer,
 *   outcome,rating,procedure_code,dossier_code
 * - service_code: a service id or ticket prefix of the hall; number: the ticket number, per
 *   service (a bare numeric one such as "12" is given the service's prefix: "A12"); counter: a counter id of the hall (or
 *   empty); procedure_code: a mã TTHC of the hall's catalogue (or empty).
 * - Times: ISO 8601 with an offset (…Z or …+07:00), empty when absent; issued_at is required and
 *   each later time is not before the one it follows (issue ≤ call ≤ start ≤ finish).
 * - outcome: served (needs started_at and finished_at) | no_show (needs first_called_at, no
 *   start) | cancelled | transferred.
 * - rating: empty or one of RATING_LEVELS.
 * The ticket's business day is the local date of issued_at in the hall time zone.
 */
import { PRIORITY_CLASSES, RATING_LEVELS, type PriorityClass, type RatingLevel, type TicketStatus } from '../common/domain.ts';
import type { HallConfig } from '../common/hall-config.ts';
import { businessDateOf } from './business-time.ts';

export const IMPORT_HEADER = [
  'service_code',
  'number',
  'priority',
  'issued_at',
  'first_called_at',
  'started_at',
  'finished_at',
  'counter',
  'officer',
  'outcome',
  'rating',
  'procedure_code',
  'dossier_code',
] as const;

export const IMPORT_OUTCOMES = ['served', 'no_show', 'cancelled', 'transferred'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/**
 * The ticket status an imported outcome becomes. A transfer in the other system ends this ticket
 * without a service here: like a cancellation it counts as a ticket (with its wait when called),
 * neither served nor a no-show; the original outcome is kept beside it.
 */
export const STATUS_OF_OUTCOME: Readonly<Record<ImportOutcome, TicketStatus>> = {
  served: 'done',
  no_show: 'no_show',
  cancelled: 'cancelled',
  transferred: 'cancelled',
};

export interface ImportedTicket {
  readonly businessDate: string;
  readonly serviceId: string;
  readonly number: string;
  readonly seq: number;
  readonly priority: PriorityClass;
  readonly status: TicketStatus;
  readonly outcome: ImportOutcome;
  readonly issuedAt: number;
  readonly firstCalledAt: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly counterId: string | null;
  readonly officerId: string | null;
  readonly rating: RatingLevel | null;
  readonly procedureId: string | null;
  readonly dossierCode: string | null;
}

export type RowResult = { readonly ok: true; readonly ticket: ImportedTicket } | { readonly ok: false; readonly message: string };

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const NUMBER = /^[A-Za-z0-9-]{1,16}$/;
const OFFICER = /^[A-Za-z0-9._:@-]{1,64}$/;
/** Mã hồ sơ (regulations R1.7): agency code, YYMMDD, daily sequence of 4 or more digits. */
const DOSSIER_CODE = /^(?:AA)?[0-9A-Z.]+-\d{6}-\d{4,}$/;

/** Splits one CSV line (RFC 4180 quoting: "a,b" and "" inside quotes). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Null when the header is exactly IMPORT_HEADER, else what is wrong with it. */
export function checkHeader(fields: readonly string[]): string | null {
  const got = fields.map((f) => f.trim()).join(',');
  const want = IMPORT_HEADER.join(',');
  return got === want ? null : `the header must be exactly "${want}", got "${got}"`;
}

/** Lookups the validation needs from the hall configuration, built once per import. */
export interface ImportCatalogue {
  readonly serviceByCode: ReadonlyMap<string, string>;
  /** Each service's ticket prefix: a bare numeric number gets it, numbers being per service. */
  readonly prefixOf: ReadonlyMap<string, string>;
  readonly counterIds: ReadonlySet<string>;
  readonly procedureByCode: ReadonlyMap<string, string>;
  /** The business date of an instant, memoised per quarter hour (zone offsets change only on
   *  quarter-hour instants): history arrives in random order within a day. */
  readonly businessDateOf: (epochMs: number) => string;
}

export function importCatalogue(config: HallConfig): ImportCatalogue {
  const serviceByCode = new Map<string, string>();
  for (const s of config.services) {
    serviceByCode.set(s.id, s.id);
    serviceByCode.set(s.prefix, s.id);
  }
  return {
    serviceByCode,
    prefixOf: new Map(config.services.map((s) => [s.id, s.prefix])),
    counterIds: new Set(config.counters.map((c) => c.id)),
    procedureByCode: new Map(config.procedures.map((p) => [p.code, p.id])),
    businessDateOf: memoisedBusinessDate(config.schedule.timeZone),
  };
}

const QUARTER_HOUR_MS = 900_000;

function memoisedBusinessDate(timeZone: string): (epochMs: number) => string {
  const memo = new Map<number, string>();
  return (epochMs) => {
    const slot = Math.floor(epochMs / QUARTER_HOUR_MS);
    let date = memo.get(slot);
    if (date === undefined) {
      date = businessDateOf(slot * QUARTER_HOUR_MS, timeZone);
      memo.set(slot, date);
    }
    return date;
  };
}

class RowError extends Error {}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of an ISO 8601 time with an offset, or NaN (a calendar day or clock time that does not exist). */
export function parseIsoWithOffset(value: string): number {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && !leap ? 28 : (DAYS_IN_MONTH[mo - 1] ?? 0)) || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  const offsetMin = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const ms = m[7] === undefined ? 0 : Number(`${m[7]}00`.slice(0, 3));
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}

function time(value: string, column: string): number | null {
  if (value === '') return null;
  const ms = parseIsoWithOffset(value);
  if (Number.isNaN(ms)) throw new RowError(`${column} "${value}" is not an ISO 8601 time with an offset, e.g. 2026-03-02T08:15:00+07:00`);
  return ms;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], column: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new RowError(`${column} "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

function notBefore(later: number | null, laterName: string, earlier: number | null, earlierName: string): void {
  if (later !== null && earlier !== null && later < earlier) throw new RowError(`${laterName} is before ${earlierName}`);
}

export function validateRow(fields: readonly string[], catalogue: ImportCatalogue): RowResult {
  try {
    if (fields.length !== IMPORT_HEADER.length) throw new RowError(`expected ${IMPORT_HEADER.length} fields, found ${fields.length}`);
    const [serviceCode, number, priority, issued, called, started, finished, counter, officer, outcome, rating, procedureCode, dossierCode] = fields.map((f) =>
      f.trim(),
    ) as [string, string, string, string, string, string, string, string, string, string, string, string, string];
    const serviceId = catalogue.serviceByCode.get(serviceCode);
    if (serviceId === undefined) throw new RowError(`service_code "${serviceCode}" is neither a service id nor a prefix of this hall`);
    if (!NUMBER.test(number)) throw new RowError(`number "${number}" must be 1–16 letters, digits or hyphens`);
    const issuedAt = time(issued, 'issued_at');
    if (issuedAt === null) throw new RowError('issued_at is required');
    const firstCalledAt = time(called, 'first_called_at');
    const startedAt = time(started, 'started_at');
    const finishedAt = time(finished, 'finished_at');
    notBefore(firstCalledAt, 'first_called_at', issuedAt, 'issued_at');
    notBefore(startedAt, 'started_at', firstCalledAt ?? issuedAt, firstCalledAt === null ? 'issued_at' : 'first_called_at');
    notBefore(finishedAt, 'finished_at', startedAt, 'started_at');
    if (finishedAt !== null && startedAt === null) throw new RowError('finished_at needs started_at');
    const out = oneOf(outcome, IMPORT_OUTCOMES, 'outcome');
    if (out === 'served' && finishedAt === null) throw new RowError('outcome served needs started_at and finished_at');
    if (out === 'no_show' && (firstCalledAt === null || startedAt !== null)) throw new RowError('outcome no_show needs first_called_at and no started_at');
    if (counter !== '' && !catalogue.counterIds.has(counter)) throw new RowError(`counter "${counter}" is not a counter of this hall`);
    if (officer !== '' && !OFFICER.test(officer)) throw new RowError('officer must be an id of 1–64 letters, digits or . _ : @ -');
    let procedureId: string | null = null;
    if (procedureCode !== '') {
      procedureId = catalogue.procedureByCode.get(procedureCode) ?? null;
      if (procedureId === null) throw new RowError(`procedure_code "${procedureCode}" is not in this hall's catalogue`);
    }
    if (dossierCode !== '' && !DOSSIER_CODE.test(dossierCode))
      throw new RowError(`dossier_code "${dossierCode}" is not a mã hồ sơ such as 000.14.21.H36-260302-0001`);
    // Numbers are per service (A012 and B012 on one day): a bare "12" is this service's "A12".
    const ticketNumber = /^\d+$/.test(number) ? `${catalogue.prefixOf.get(serviceId) ?? ''}${number}` : number;
    const digits = /\d+$/.exec(number);
    return {
      ok: true,
      ticket: {
        businessDate: catalogue.businessDateOf(issuedAt),
        serviceId,
        number: ticketNumber,
        seq: digits ? Number(digits[0]) : 0,
        priority: oneOf(priority === '' ? 'normal' : priority, PRIORITY_CLASSES, 'priority'),
        status: STATUS_OF_OUTCOME[out],
        outcome: out,
        issuedAt,
        firstCalledAt,
        startedAt,
        finishedAt,
        counterId: counter === '' ? null : counter,
        officerId: officer === '' ? null : officer,
        rating: rating === '' ? null : oneOf(rating, RATING_LEVELS, 'rating'),
        procedureId,
        dossierCode: dossierCode === '' ? null : dossierCode,
      },
    };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, message: error.message };
    throw error;
  }
}
