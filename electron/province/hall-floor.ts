/**
 * One hall's floor today as the hub knows it from the ticket projection: people waiting per
 * service, what each counter is doing (the ticket it called or serves, and how many it served),
 * and the latest calls. The hall's own dashboard shows the same from its live snapshot; the hub has
 * identifiers only (service and counter ids, officer ids), never names of people, and no counter
 * opening or pause state (counter events are not projected).
 */
import type { Pool } from './database.ts'; // INT8 columns arrive as numbers (database.ts)

export interface FloorService {
  readonly serviceId: string;
  readonly waiting: number;
  /** Issue time (epoch ms) of the longest-waiting ticket still waiting, or null. */
  readonly oldestWaitingSince: number | null;
  readonly issued: number;
}

export interface FloorCounter {
  readonly counterId: string;
  /** The ticket the counter called or serves now, or null when it has none. */
  readonly current: { readonly number: string; readonly status: 'called' | 'serving'; readonly since: number } | null;
  readonly served: number;
  readonly officerId: string | null;
}

export interface FloorCall {
  readonly number: string;
  readonly counterId: string;
  readonly at: number;
}

export interface HallFloor {
  readonly services: FloorService[];
  readonly counters: FloorCounter[];
  readonly recentCalls: FloorCall[];
}

/** How many of the day's latest first calls `recentCalls` lists. */
export const RECENT_CALLS = 8;

export async function hallFloor(pool: Pool, hallId: string, businessDate: string): Promise<HallFloor> {
  const [services, counters, calls] = await Promise.all([
    pool.query<{ service_id: string; waiting: number; oldest: number | null; issued: number }>(
      `SELECT service_id, count(*) FILTER (WHERE status IN ('waiting', 'held'))::int AS waiting,
              min(issued_at) FILTER (WHERE status = 'waiting') AS oldest, count(*)::int AS issued
         FROM tickets WHERE hall_id = $1 AND business_date = $2::date GROUP BY service_id ORDER BY service_id`,
      [hallId, businessDate],
    ),
    pool.query<{ counter_id: string; served: number; number: string | null; status: string | null; since: number | null; officer_id: string | null }>(
      `SELECT c.counter_id, c.served, cur.number, cur.status, cur.since, COALESCE(cur.officer_id, c.last_officer) AS officer_id
         FROM (SELECT counter_id, count(*) FILTER (WHERE status = 'done')::int AS served,
                      (array_agg(officer_id ORDER BY COALESCE(finished_at, started_at, first_called_at) DESC NULLS LAST))[1] AS last_officer
                 FROM tickets WHERE hall_id = $1 AND business_date = $2::date AND counter_id IS NOT NULL GROUP BY counter_id) c
         LEFT JOIN LATERAL (
           SELECT number, status, COALESCE(started_at, first_called_at) AS since, officer_id FROM tickets t
            WHERE t.hall_id = $1 AND t.business_date = $2::date AND t.counter_id = c.counter_id AND t.status IN ('called', 'serving')
            ORDER BY COALESCE(t.started_at, t.first_called_at) DESC LIMIT 1
         ) cur ON true
        ORDER BY c.counter_id`,
      [hallId, businessDate],
    ),
    pool.query<{ number: string; counter_id: string; at: number }>(
      `SELECT number, counter_id, first_called_at AS at FROM tickets
        WHERE hall_id = $1 AND business_date = $2::date AND first_called_at IS NOT NULL AND counter_id IS NOT NULL
        ORDER BY first_called_at DESC LIMIT ${RECENT_CALLS}`,
      [hallId, businessDate],
    ),
  ]);
  return {
    services: services.rows.map((r) => ({ serviceId: r.service_id, waiting: r.waiting, oldestWaitingSince: r.oldest, issued: r.issued })),
    counters: counters.rows.map((r) => ({
      counterId: r.counter_id,
      served: r.served,
      officerId: r.officer_id,
      current:
        r.number !== null && (r.status === 'called' || r.status === 'serving') && r.since !== null
          ? { number: r.number, status: r.status, since: r.since }
          : null,
    })),
    recentCalls: calls.rows.map((r) => ({ number: r.number, counterId: r.counter_id, at: r.at })),
  };
}
