/**
 * The dashboard's view of the synchronisation with the provincial system: the outbox (pending,
 * delivered, dead letters with their last error; retry) and the appointments of a day. The answers
 * are read defensively: a server without these routes answers 404, which the card shows as
 * "unavailable" rather than as an error, and unknown or missing members fall back to empty values.
 */
import type { AppointmentList, OutboxResponse } from './api/types.ts';
import type { HallApi } from './hall-api.ts';

export interface OutboxLetter {
  readonly id: string;
  readonly topic: string;
  readonly attempts: number;
  readonly lastError: string | null;
  /** Epoch ms when the item was dead-lettered (or last tried), null when unknown. */
  readonly at: number | null;
}

export interface OutboxSummary {
  readonly pending: number;
  readonly delivered: number;
  readonly dead: number;
  readonly deadLetters: readonly OutboxLetter[];
  /** Why nothing is sent, when the server says so (not_configured, missing_secret). */
  readonly syncState: string | null;
}

export interface AppointmentRow {
  readonly code: string;
  readonly serviceId: string;
  readonly slotStart: number | null;
  readonly state: string;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function readOutbox(body: unknown): OutboxSummary {
  const b = rec(body);
  const counts = rec(b.counts);
  const dead = Array.isArray(b.deadLetters) ? b.deadLetters : [];
  return {
    pending: num(counts.pending ?? b.pending),
    delivered: num(counts.delivered ?? b.delivered),
    dead: num(counts.dead ?? dead.length),
    deadLetters: dead.flatMap((raw) => {
      const d = rec(raw);
      const id = str(d.id);
      if (id === null) return [];
      const at = d.deadAt ?? d.lastAttemptAt ?? null;
      return [{ id, topic: str(d.topic) ?? '', attempts: num(d.attempts), lastError: str(d.lastError), at: typeof at === 'number' ? at : null }];
    }),
    syncState: str(rec(b.sync).state),
  };
}

export function readAppointments(body: unknown): AppointmentRow[] {
  const list = Array.isArray(body) ? body : Array.isArray(rec(body).appointments) ? (rec(body).appointments as unknown[]) : [];
  return list
    .flatMap((raw) => {
      const a = rec(raw);
      const code = str(a.code);
      if (code === null) return [];
      return [{ code, serviceId: str(a.serviceId) ?? '', slotStart: typeof a.slotStart === 'number' ? a.slotStart : null, state: str(a.state) ?? '' }];
    })
    .toSorted((x, y) => (x.slotStart ?? 0) - (y.slotStart ?? 0));
}

export class SyncApi {
  readonly #api: HallApi;

  constructor(api: HallApi) {
    this.#api = api;
  }

  async outbox(): Promise<OutboxSummary> {
    const answer: OutboxResponse = await this.#api.call('get', '/api/v1/outbox');
    return readOutbox(answer);
  }

  async retry(id: string): Promise<void> {
    await this.#api.call('post', '/api/v1/outbox/{outboxId}/retry', { params: { outboxId: id } });
  }

  /** `date` as dd/mm/yyyy (the hall's business day). */
  async appointments(date: string): Promise<AppointmentRow[]> {
    const answer: AppointmentList = await this.#api.call('get', '/api/v1/appointments', { query: { date } });
    return readAppointments(answer);
  }
}
