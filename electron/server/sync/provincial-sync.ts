/**
 * Everything the hall server does with the provincial one-stop system, built once by the
 * composition root (hall-server.ts): the outbox and its sender, the daily queue statistics,
 * appointment sync, and dossier status lookups for the kiosk.
 *
 * Without a `provincial` section nothing is sent and lookups answer PROVINCIAL_UNAVAILABLE.
 * With one but without its secret in the environment the hall still runs: the outbox keeps
 * filling (nothing is lost), nothing is sent, and getOutbox says why (`sync.state`).
 */
import { DomainError } from '../../common/errors.ts';
import type { HallConfig } from '../../common/hall-config.ts';
import { DOSSIER_STATE_LABELS, isDossierState, type AppointmentSyncResult, type DossierStatusResponse, type OutboxResponse } from '../../common/provincial.ts';
import { addDays, businessDateOf } from '../../core/business-time.ts';
import { AppointmentStore } from '../../store/appointment-store.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';
import type { HallDatabase } from '../../store/open-database.ts';
import { OutboxStore } from '../../store/outbox-store.ts';
import type { Logger } from '../logger.ts';
import { syncAppointmentsOf } from './appointment-sync.ts';
import { OutboxWorker } from './outbox-worker.ts';
import { ProvincialClient, ProvincialUnreachableError } from './provincial-client.ts';
import { resolveProvincial, type ResolvedProvincial } from './provincial-config.ts';
import { QueueStatsJob } from './queue-stats.ts';
import type { OutboxDelivery } from './dossier-delivery.ts';

export interface ProvincialSyncOptions {
  /** Where the secret is read from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Replaces `provincial.baseUrl` (npm start points the demo hall at its simulator). */
  readonly baseUrl?: string | null;
  /** The jitter's random source (default Math.random). */
  readonly random?: () => number;
  /** Longest sleep of the sender between runs, ms (default 2000). */
  readonly pollMs?: number;
  /** Start the timers (default true); tests that drive the worker themselves pass false. */
  readonly autoStart?: boolean;
}

export interface ProvincialSyncDeps {
  readonly db: HallDatabase;
  readonly config: HallConfig;
  readonly kpis: KpiQueries;
  readonly personKey: Uint8Array;
  readonly clock: () => number;
  readonly newId: () => string;
  readonly log: Logger;
  readonly options?: ProvincialSyncOptions;
  /** How dossier items are built at send time and marked synced (dossier-delivery.ts). */
  readonly delivery?: OutboxDelivery;
}

const LIST_LIMIT = 100;
/** A delivery's lease outlives its deadline by this much. */
const LEASE_MARGIN_MS = 2_000;

export class ProvincialSync {
  readonly outbox: OutboxStore;
  readonly appointments: AppointmentStore;
  readonly stats: QueueStatsJob;
  readonly resolved: ResolvedProvincial;
  readonly worker: OutboxWorker | null;
  readonly #client: ProvincialClient | null;
  readonly #deps: ProvincialSyncDeps;
  /**
   * The periods of this sync's scheduled jobs (scheduled-jobs.ts): the queue statistics check at
   * the sender's poll and the appointment sync; null when not configured or its timers are off.
   */
  readonly schedule: { readonly statsMs: number; readonly appointmentSyncMs: number } | null;
  #lastAppointmentError: string | null = null;
  #closed = false;

  constructor(deps: ProvincialSyncDeps) {
    this.#deps = deps;
    const { db, config, kpis, clock, log, options = {} } = deps;
    this.outbox = new OutboxStore(db);
    this.appointments = new AppointmentStore(db);
    this.stats = new QueueStatsJob(db, config, kpis, clock);
    this.resolved = resolveProvincial(config.provincial, options.env ?? process.env, options.baseUrl ?? null);
    if (this.resolved.state === 'configured') {
      const p = this.resolved.config;
      this.#client = new ProvincialClient(this.resolved.client);
      this.worker = new OutboxWorker({
        outbox: this.outbox,
        client: this.#client,
        hall: { id: config.hall.id, agencyCode: config.hall.agencyCode },
        clock,
        random: options.random ?? Math.random,
        backoff: { baseMs: p.retryBaseMs, capMs: p.retryCapMs },
        maxAttempts: p.maxAttempts,
        leaseMs: p.timeoutMs + LEASE_MARGIN_MS,
        log: log.child({ module: 'outbox' }),
        ...(deps.delivery ? { delivery: deps.delivery } : {}),
      });
      log.info({ baseUrl: p.baseUrl, auth: p.auth.kind }, 'provincial sync configured');
    } else {
      this.#client = null;
      this.worker = null;
      if (this.resolved.state === 'missing_secret')
        log.error({ reason: this.resolved.reason }, 'provincial sync disabled: the outbox keeps its items until the secret is set');
    }
    const autoStart = options.autoStart ?? true;
    const pollMs = options.pollMs ?? 2_000;
    this.schedule =
      autoStart && this.#client !== null && config.provincial
        ? { statsMs: pollMs, appointmentSyncMs: config.provincial.appointmentSyncMinutes * 60_000 }
        : null;
    if (autoStart && config.provincial) this.worker?.start(pollMs);
  }

  /**
   * Appointments of today and tomorrow (a scheduled job, scheduled-jobs.ts); failures are logged
   * and kept for the outbox view, and retried at the job's next turn.
   */
  async syncUpcoming(): Promise<void> {
    if (this.#closed) return;
    const today = businessDateOf(this.#deps.clock(), this.#deps.config.schedule.timeZone);
    try {
      this.appointments.markNoShows(this.#deps.clock());
      for (const date of [today, addDays(today, 1)]) await this.syncAppointments(date);
      this.#lastAppointmentError = null;
    } catch (error) {
      this.#lastAppointmentError = error instanceof Error ? error.message : String(error);
      this.#deps.log.warn({ err: this.#lastAppointmentError }, 'appointment sync failed; will retry');
    }
  }

  /** One day's appointments from the provincial system (YYYY-MM-DD). */
  async syncAppointments(date: string): Promise<AppointmentSyncResult> {
    const client = this.#requireClient();
    try {
      const result = await syncAppointmentsOf(
        { client, store: this.appointments, config: this.#deps.config, personKey: this.#deps.personKey, newId: this.#deps.newId, clock: this.#deps.clock },
        date,
      );
      if (result.skipped.length > 0) this.#deps.log.warn({ date, skipped: result.skipped }, 'appointments skipped');
      return result;
    } catch (error) {
      if (error instanceof ProvincialUnreachableError) throw new DomainError('PROVINCIAL_UNAVAILABLE', { reason: error.message });
      throw new DomainError('PROVINCIAL_UNAVAILABLE', { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The status of a dossier at the provincial system, with a short deadline (the citizen waits). */
  async dossierStatus(code: string): Promise<DossierStatusResponse> {
    const client = this.#requireClient();
    const timeoutMs = this.#deps.config.provincial?.statusTimeoutMs ?? 3_000;
    let answer;
    try {
      answer = await client.getJson(`/v1/dossiers/${encodeURIComponent(code)}/status`, timeoutMs);
    } catch (error) {
      throw new DomainError('PROVINCIAL_UNAVAILABLE', { reason: error instanceof Error ? error.message : String(error) });
    }
    if (answer.status === 404) return { code, state: 'not_found', label: DOSSIER_STATE_LABELS.not_found, updatedAt: null };
    const json = answer.json as { state?: unknown; updatedAt?: unknown } | null;
    if (answer.status !== 200 || !isDossierState(json?.state)) {
      this.#deps.log.warn({ status: answer.status }, 'unexpected dossier status answer from the provincial system');
      throw new DomainError('PROVINCIAL_UNAVAILABLE', { reason: `unexpected answer (HTTP ${answer.status})` });
    }
    const updatedAt = typeof json.updatedAt === 'string' ? Date.parse(json.updatedAt) : Number.NaN;
    return { code, state: json.state, label: DOSSIER_STATE_LABELS[json.state], updatedAt: Number.isNaN(updatedAt) ? null : updatedAt };
  }

  #requireClient(): ProvincialClient {
    if (this.#client) return this.#client;
    const reason = this.resolved.state === 'configured' ? '' : this.resolved.reason;
    throw new DomainError('PROVINCIAL_UNAVAILABLE', { reason });
  }

  now(): number {
    return this.#deps.clock();
  }

  /** getOutbox: counts, why nothing is sent (if so), the pending items and the dead letters. */
  view(): OutboxResponse {
    const r = this.resolved;
    return {
      counts: this.outbox.counts(),
      sync: {
        state: r.state === 'configured' ? 'running' : r.state,
        baseUrl: r.state === 'not_configured' ? null : r.config.baseUrl,
        lastRunAt: this.worker?.lastRunAt ?? null,
        lastError: r.state === 'configured' ? (this.worker?.lastError ?? this.#lastAppointmentError) : r.reason,
      },
      pending: this.outbox.pending(LIST_LIMIT),
      deadLetters: this.outbox.deadLetters(LIST_LIMIT),
    };
  }

  /**
   * Stops the sender, aborts deliveries and an appointment sync in flight (they are retried later)
   * and waits for the deliveries' outcomes; the scheduled jobs are stopped by their owner.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const stopping = this.worker?.stop();
    this.#client?.close();
    await stopping;
  }
}
