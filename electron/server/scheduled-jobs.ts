/**
 * The hall server's scheduled jobs, all in one place, run by one scheduler:
 *
 *   job                      every                         at start   what
 *   end-of-day closing       dayCloseMs (30 s)             now        HallService.closeDayIfDue
 *   retention purge          purgeMs (10 min)              now        dossiers' personal data, person hashes, old ticket links
 *   idempotency key purge    purgeMs (10 min)              now        Idempotency-Keys past their retention
 *   floor alerts             alertCheckMs (30 s)           no         idle counters, waits and services over target, faults
 *   queue statistics         statsMs (the sender's poll)   now        one queue.stats outbox item per finished day
 *   appointment sync         appointmentSyncMinutes        soon       today's and tomorrow's appointments from the province
 *
 * The last two run only where the provincial system is configured and its timers are on.
 *
 * A job runs again `everyMs` after its previous run finished (an async run is awaited, so runs of
 * one job never overlap). A failing run is logged and the job keeps its schedule: it is retried at
 * its next turn. The end-of-day closing at start is the exception: a database that cannot close
 * the previous day stops the start, as any other failure to open would.
 *
 * Time comes from one clock: `Timers` schedules (node:timers on the server, unref'd so they never
 * keep the process alive; a fake clock in tests) and the jobs read the hall's clock.
 *
 * Not here: timers that are part of a protocol rather than a schedule (the outbox sender's and the
 * province hub shipper's retry backoff, WebSocket heartbeats, the KPI push throttle after events,
 * projection flushes, a request's deadline).
 */
import type { HallConfig } from '../common/hall-config.ts';
import { addDays, businessDateOf } from '../core/business-time.ts';
import type { PersonHashRetention } from '../store/person-hash-retention.ts';
import type { DossierService } from './dossier-service.ts';
import type { HallService } from './hall-service.ts';
import type { IdempotencyGate } from './idempotency-gate.ts';
import type { LiveKpis } from './live-kpis.ts';
import type { Logger } from './logger.ts';
import type { ProvincialSync } from './sync/provincial-sync.ts';
import type { TicketLinks } from './ticket-links.ts';

/** Schedules `run` after `ms`; the answer cancels it. */
export type Timers = (ms: number, run: () => void) => () => void;

/** node:timers, unref'd: a pending job never keeps the process alive. */
export const nodeTimers: Timers = (ms, run) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export type JobRun = 'at start' | 'timer';

export interface ScheduledJob {
  /** Named in logs: "<name> failed; will retry". */
  readonly name: string;
  readonly everyMs: number;
  /** `now`: once synchronously when the jobs start; `soon`: once right after; `no`: first after everyMs. */
  readonly atStart: 'now' | 'soon' | 'no';
  /** A failure of the run at start stops the start instead of being logged. */
  readonly mustSucceedAtStart?: boolean;
  readonly run: (when: JobRun) => void | Promise<void>;
}

export class ScheduledJobs {
  readonly #jobs: readonly ScheduledJob[];
  readonly #timers: Timers;
  readonly #log: Logger;
  readonly #cancels = new Map<ScheduledJob, () => void>();
  readonly #running = new Set<Promise<void>>();
  #stopped = false;

  constructor(jobs: readonly ScheduledJob[], timers: Timers, log: Logger) {
    this.#jobs = jobs;
    this.#timers = timers;
    this.#log = log;
  }

  /** The names of the jobs, in the order they start. */
  get names(): string[] {
    return this.#jobs.map((j) => j.name);
  }

  /** Runs the `now` jobs in order, then schedules every job. */
  start(): void {
    for (const job of this.#jobs) {
      if (job.atStart === 'now') this.#run(job, 'at start');
      else this.#schedule(job, job.atStart === 'soon' ? 0 : job.everyMs);
    }
  }

  /** Cancels what is scheduled; resolves once the runs in progress have finished. */
  stop(): Promise<void> {
    this.#stopped = true;
    for (const cancel of this.#cancels.values()) cancel();
    this.#cancels.clear();
    return Promise.allSettled([...this.#running]).then(() => undefined);
  }

  #schedule(job: ScheduledJob, ms: number): void {
    if (this.#stopped) return;
    this.#cancels.set(
      job,
      this.#timers(ms, () => {
        this.#cancels.delete(job);
        this.#run(job, 'timer');
      }),
    );
  }

  #run(job: ScheduledJob, when: JobRun): void {
    let outcome: void | Promise<void>;
    try {
      outcome = job.run(when);
    } catch (error) {
      if (when === 'at start' && job.mustSucceedAtStart) throw error;
      this.#failed(job, error);
      this.#schedule(job, job.everyMs);
      return;
    }
    if (!(outcome instanceof Promise)) {
      this.#schedule(job, job.everyMs);
      return;
    }
    const running: Promise<void> = outcome
      .catch((error: unknown) => this.#failed(job, error))
      .finally(() => {
        this.#running.delete(running);
        this.#schedule(job, job.everyMs);
      });
    this.#running.add(running);
  }

  #failed(job: ScheduledJob, error: unknown): void {
    this.#log.error({ job: job.name, err: error instanceof Error ? error.message : String(error) }, `${job.name} failed; will retry`);
  }
}

/** Days after its business day that a ticket's page still answers (as expired); then its link is forgotten (404). */
export const TICKET_LINK_DAYS = 7;

export interface HallJobDeps {
  readonly config: HallConfig;
  readonly clock: () => number;
  readonly log: Logger;
  readonly hall: HallService;
  readonly dossiers: DossierService;
  readonly personHashes: PersonHashRetention;
  readonly ticketLinks: TicketLinks;
  readonly idempotency: IdempotencyGate;
  readonly live: LiveKpis;
  readonly provincial: ProvincialSync;
}

export interface HallJobPeriods {
  readonly dayCloseMs?: number;
  readonly purgeMs?: number;
  readonly alertCheckMs?: number;
}

/** The hall server's jobs (table above). */
export function hallJobs(deps: HallJobDeps, periods: HallJobPeriods = {}): ScheduledJob[] {
  const { config, clock, log, hall } = deps;
  const tz = config.schedule.timeZone;
  const purgeMs = periods.purgeMs ?? 600_000;
  const jobs: ScheduledJob[] = [
    {
      name: 'end-of-day closing',
      everyMs: periods.dayCloseMs ?? 30_000,
      atStart: 'now',
      mustSucceedAtStart: true,
      run: (when) => {
        const closed = hall.closeDayIfDue();
        if (when === 'at start' && closed > 0) log.info({ events: closed }, 'closed the previous business day at start');
      },
    },
    {
      name: 'dossier retention purge',
      everyMs: purgeMs,
      atStart: 'now',
      run: (when) => {
        const purged = deps.dossiers.purgeDue();
        if (purged > 0) log.info({ purgedCount: purged }, `retention purge removed sealed dossier fields (${when})`);
        hall.flushProjections(); // a pending projection row must not write a hash back afterwards
        const now = clock();
        const today = businessDateOf(now, tz);
        const dropped = deps.personHashes.dropExpired(today, now);
        if (dropped.tickets + dropped.appointments > 0) log.info(dropped, `retention purge cleared person hashes (${when})`);
        const forgotten = deps.ticketLinks.forgetBefore(addDays(today, -TICKET_LINK_DAYS));
        if (forgotten > 0) log.info({ forgotten }, `forgot the page links of old tickets (${when})`);
      },
    },
    {
      name: 'idempotency key purge',
      everyMs: purgeMs,
      atStart: 'now',
      run: () => {
        deps.idempotency.purge();
      },
    },
    { name: 'floor alert check', everyMs: periods.alertCheckMs ?? 30_000, atStart: 'no', run: () => deps.live.checkAlerts() },
  ];
  const provincial = deps.provincial.schedule;
  if (provincial !== null) {
    jobs.push({
      name: 'queue statistics',
      everyMs: provincial.statsMs,
      atStart: 'now',
      run: () => {
        const dates = deps.provincial.stats.enqueueDue();
        if (dates.length === 0) return;
        log.info({ dates }, 'queue statistics enqueued');
        deps.provincial.worker?.nudge();
      },
    });
    jobs.push({ name: 'appointment sync', everyMs: provincial.appointmentSyncMs, atStart: 'soon', run: () => deps.provincial.syncUpcoming() });
  }
  return jobs;
}
