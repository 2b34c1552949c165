/** Prometheus text exposition (format 0.0.4) of the hall server's own counters and gauges. */
import type { HallService } from './hall-service.ts';

const BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #durations = new Map<string, { buckets: number[]; sum: number; count: number }>();

  observe(operationId: string, status: number, seconds: number): void {
    const key = `${operationId}\u0000${status}`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    let h = this.#durations.get(operationId);
    if (!h) {
      h = { buckets: BUCKETS_S.map(() => 0), sum: 0, count: 0 };
      this.#durations.set(operationId, h);
    }
    BUCKETS_S.forEach((b, i) => {
      if (seconds <= b) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count += 1;
  }

  render(hall: HallService, streamClients: number): string {
    const lines: string[] = [];
    const label = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    lines.push('# HELP hall_http_requests_total HTTP requests by operation and status.', '# TYPE hall_http_requests_total counter');
    for (const [key, n] of this.#requests) {
      const [op, status] = key.split('\u0000');
      lines.push(`hall_http_requests_total{operation="${label(op ?? '')}",status="${status}"} ${n}`);
    }
    lines.push('# HELP hall_http_request_duration_seconds Request handling time.', '# TYPE hall_http_request_duration_seconds histogram');
    for (const [op, h] of this.#durations) {
      BUCKETS_S.forEach((b, i) => lines.push(`hall_http_request_duration_seconds_bucket{operation="${label(op)}",le="${b}"} ${h.buckets[i]}`));
      lines.push(`hall_http_request_duration_seconds_bucket{operation="${label(op)}",le="+Inf"} ${h.count}`);
      lines.push(`hall_http_request_duration_seconds_sum{operation="${label(op)}"} ${h.sum}`);
      lines.push(`hall_http_request_duration_seconds_count{operation="${label(op)}"} ${h.count}`);
    }
    const snapshot = hall.snapshot();
    lines.push('# HELP hall_queue_waiting Tickets waiting per service.', '# TYPE hall_queue_waiting gauge');
    for (const s of snapshot.services) lines.push(`hall_queue_waiting{service="${label(s.id)}"} ${s.waiting}`);
    lines.push('# HELP hall_counters_open Counters open now.', '# TYPE hall_counters_open gauge');
    lines.push(`hall_counters_open ${snapshot.counters.filter((c) => c.state === 'open').length}`);
    lines.push('# HELP hall_event_log_seq Sequence number of the newest event.', '# TYPE hall_event_log_seq gauge');
    lines.push(`hall_event_log_seq ${snapshot.seq}`);
    lines.push('# HELP hall_stream_clients Connected WebSocket stream clients.', '# TYPE hall_stream_clients gauge');
    lines.push(`hall_stream_clients ${streamClients}`);
    return `${lines.join('\n')}\n`;
  }
}
