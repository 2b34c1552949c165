/** Prometheus metrics of a hub process (prom-client): requests, ingest counts, refusals, live clients, halls reporting. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from './database.ts';
import type { LiveHub } from './live.ts';
import { REPORTING_WINDOW_MIN } from './queries.ts';

export class HubMetrics {
  readonly registry = new Registry();
  readonly #requests = new Histogram({
    name: 'province_http_request_seconds',
    help: 'HTTP requests by operation and status',
    labelNames: ['operation', 'status'],
    registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  readonly #events = new Counter({ name: 'province_events_ingested_total', help: 'Events stored', registers: [this.registry] });
  readonly #duplicates = new Counter({ name: 'province_events_duplicate_total', help: 'Events received again and skipped', registers: [this.registry] });
  readonly #refusals = new Counter({
    name: 'province_deliveries_refused_total',
    help: 'Deliveries refused by code',
    labelNames: ['code'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observe(operation: string, status: number, seconds: number): void {
    this.#requests.observe({ operation, status: String(status) }, seconds);
  }

  ingested(accepted: number, duplicates: number): void {
    this.#events.inc(accepted);
    this.#duplicates.inc(duplicates);
  }

  refused(code: string): void {
    this.#refusals.inc({ code });
  }

  async render(pool: Pool, live: LiveHub): Promise<string> {
    const { rows } = await pool.query<{ halls: number; reporting: number; alerts: number }>(
      `SELECT count(*)::int AS halls, count(*) FILTER (WHERE last_batch_at > now() - make_interval(mins => $1))::int AS reporting,
              (SELECT count(*)::int FROM alerts WHERE cleared_at IS NULL) AS alerts
         FROM halls WHERE revoked_at IS NULL`,
      [REPORTING_WINDOW_MIN],
    );
    const g = rows[0] ?? { halls: 0, reporting: 0, alerts: 0 };
    const extra = [
      '# HELP province_halls Enrolled halls',
      '# TYPE province_halls gauge',
      `province_halls ${g.halls}`,
      '# HELP province_halls_reporting Halls that delivered within the reporting window',
      '# TYPE province_halls_reporting gauge',
      `province_halls_reporting ${g.reporting}`,
      '# HELP province_alerts_open Open chain alerts',
      '# TYPE province_alerts_open gauge',
      `province_alerts_open ${g.alerts}`,
      '# HELP province_live_clients Dashboards connected to this process',
      '# TYPE province_live_clients gauge',
      `province_live_clients ${live.clientCount}`,
    ].join('\n');
    return `${await this.registry.metrics()}${extra}\n`;
  }
}
