/**
 * `npm run province -- simulate`: a province of simulated halls (simulated-hall.ts) enrolled at the
 * hub and delivering their event logs through the real ingest path (HTTP deliverEvents, batches of
 * the hall's default size), several halls at once. Without `--hub` a hub is started in this process
 * on a free loopback port. The simulated days end yesterday (hall time).
 */
import { asciiJson } from '../common/ascii-json.ts';
import type { IngestBatch, PublicEventWire } from '../common/province-wire.ts';
import { addDays, businessDateOf } from '../core/business-time.ts';
import { enrollHall } from './credentials.ts';
import { createPool } from './database.ts';
import { startHub } from './hub.ts';
import { migrate } from './migrate.ts';
import { provinceSpecs, prng, PublicChain, simulateHall, simulatedConfig, type SimulatedHallSpec } from './simulated-hall.ts';

export interface SimulationOptions {
  readonly databaseUrl: string | undefined;
  readonly halls: number;
  readonly days: number;
  readonly hubUrl: string | null;
  readonly seed: number;
  readonly batchSize?: number;
  readonly concurrency?: number;
  readonly progress?: (line: string) => void;
  /** Last simulated day (default: yesterday in Asia/Ho_Chi_Minh). */
  readonly lastDate?: string;
}

export interface SimulationSummary {
  readonly halls: number;
  readonly days: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export function hallInfoOf(spec: SimulatedHallSpec): IngestBatch['hall'] {
  const c = simulatedConfig(spec);
  return {
    id: spec.id,
    name: spec.name,
    district: spec.district,
    level: spec.level,
    timeZone: c.schedule.timeZone,
    targets: { waitMinutes: c.targets.waitMinutes, serviceMinutes: c.targets.serviceMinutes, satisfactionPct: c.targets.satisfactionPct },
  };
}

/** The request bodies of a hall's deliveries, as its shipper writes them (ASCII JSON): `events` cut into batches of `batchSize`, in order. */
export function deliveryBodies(hall: IngestBatch['hall'], events: readonly PublicEventWire[], batchSize: number): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += batchSize) bodies.push(asciiJson({ hall, events: events.slice(i, i + batchSize) }));
  return bodies;
}

/**
 * Posts delivery bodies (deliveryBodies) in order, as a hall's shipper does: a network failure or
 * a 5xx is retried (up to 5 attempts, the hub skips what it already stored); a refusal throws (a
 * simulation must be accepted whole).
 */
export async function deliverBodies(hubUrl: string, token: string, hallId: string, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) {
    for (let attempt = 1; ; attempt++) {
      let res: Response | null = null;
      try {
        res = await fetch(`${hubUrl}/api/v1/ingest/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
      } catch (error) {
        if (attempt >= 5) throw error;
      }
      if (res?.status === 200) {
        await res.arrayBuffer().catch(() => undefined);
        break;
      }
      if (res && res.status < 500) throw new Error(`hub refused a delivery of ${hallId}: ${res.status} ${await res.text()}`);
      if (attempt >= 5) throw new Error(`hub failed a delivery of ${hallId} ${attempt} times (last: ${res?.status ?? 'network error'})`);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Delivers events in batches over HTTP (deliveryBodies, then deliverBodies). */
export async function deliverAll(
  hubUrl: string,
  token: string,
  hall: IngestBatch['hall'],
  events: readonly PublicEventWire[],
  batchSize: number,
): Promise<void> {
  await deliverBodies(hubUrl, token, hall.id, deliveryBodies(hall, events, batchSize));
}

export async function runSimulation(o: SimulationOptions): Promise<SimulationSummary> {
  const pool = createPool(o.databaseUrl, 2);
  const hub = o.hubUrl === null ? await startHub({ databaseUrl: o.databaseUrl, port: 0, staticDir: null, logLevel: 'silent' }) : null;
  const hubUrl = o.hubUrl ?? hub?.url ?? '';
  const started = performance.now();
  let events = 0;
  try {
    await migrate(pool);
    const random = prng(o.seed);
    const specs = provinceSpecs(o.halls, random);
    const last = o.lastDate ?? addDays(businessDateOf(Date.now(), 'Asia/Ho_Chi_Minh'), -1);
    const first = addDays(last, -(o.days - 1));
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < specs.length) {
        const spec = specs[next++] as SimulatedHallSpec;
        const token = await enrollHall(pool, { id: spec.id, name: spec.name, district: spec.district });
        const hall = hallInfoOf(spec);
        const chain = new PublicChain();
        const hallRandom = prng(o.seed * 7919 + next);
        const pending: PublicEventWire[] = [];
        simulateHall(spec, first, o.days, hallRandom, chain, (day) => pending.push(...day));
        await deliverAll(hubUrl, token, hall, pending, o.batchSize ?? 500);
        events += pending.length;
        done += 1;
        if (done % 10 === 0 || done === specs.length) o.progress?.(`${done}/${specs.length} halls delivered, ${events} events`);
      }
    };
    await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  } finally {
    await pool.end();
    await hub?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { halls: o.halls, days: o.days, events, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(events / seconds) };
}
