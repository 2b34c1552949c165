/**
 * A simulated hall for `npm run province -- simulate` and the province benchmark: the hall's own
 * queue engine (core/queue-engine.ts, core/rating.ts, folded with core/hall-state.ts) driven by
 * random arrivals and service times over working days, and its events chained exactly as a hall
 * chains them (format 2, common/event-chain.ts; person hashes stay out, a keyed digest goes in).
 * The output is what a hall's outbox delivers: public events, in order.
 *
 * Sizes and levels follow a province after the 2025 reorganisation: one provincial centre (large,
 * many counters), a few ward halls in the city, and many commune halls of a few counters.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalJson, chainBody, GENESIS_HASH, PRIVATE_DIGEST_FIELD, privateDigestInput, splitHallOnly } from '../common/event-chain.ts';
import type { DomainEvent } from '../common/events.ts';
import { hallConfigSchema, type HallConfig } from '../common/hall-config.ts';
import type { IngestBatch, PublicEventWire } from '../common/province-wire.ts';
import { addDays, epochOfLocal, weekdayOf } from '../core/business-time.ts';
import { evolve, initialState, type HallState } from '../core/hall-state.ts';
import { callNext, closeCounter, closeDayIfDue, finishService, issueTicket, openCounter, startService, type EngineContext } from '../core/queue-engine.ts';
import { submitRating } from '../core/rating.ts';
import { seededRandom } from '../core/seeded-random.ts';

/** A seeded generator, so a seed gives the same province every run. */
export const prng = seededRandom;

export interface SimulatedHallSpec {
  readonly id: string;
  readonly name: string;
  readonly district: string;
  readonly level: IngestBatch['hall']['level'];
  readonly counters: number;
  /** Mean tickets per working day. */
  readonly ticketsPerDay: number;
}

const SERVICES = [
  { id: 'ho-tich', prefix: 'A', vi: 'Hộ tịch', minutes: 12 },
  { id: 'chung-thuc', prefix: 'B', vi: 'Chứng thực', minutes: 5 },
  { id: 'dat-dai', prefix: 'C', vi: 'Đất đai', minutes: 20 },
  { id: 'ldtbxh', prefix: 'D', vi: 'Lao động – Thương binh và Xã hội', minutes: 10 },
] as const;

/** The halls of a simulated province: hall 1 the provincial centre, then wards, then communes. */
export function provinceSpecs(count: number, random: () => number): SimulatedHallSpec[] {
  const specs: SimulatedHallSpec[] = [];
  for (let i = 1; i <= count; i++) {
    const district = `kv-${String(1 + ((i - 1) % 12)).padStart(2, '0')}`;
    if (i === 1)
      specs.push({ id: 'tt-hcc-tinh', name: 'Trung tâm Phục vụ hành chính công tỉnh', district: 'kv-01', level: 'province', counters: 24, ticketsPerDay: 900 });
    else if (i <= Math.max(2, Math.round(count * 0.1))) {
      specs.push({
        id: `phuong-${String(i).padStart(3, '0')}`,
        name: `Bộ phận Một cửa phường số ${i}`,
        district,
        level: 'central_city',
        counters: 6 + Math.floor(random() * 4),
        ticketsPerDay: 180 + Math.floor(random() * 120),
      });
    } else {
      const remote = random() < 0.2;
      specs.push({
        id: `xa-${String(i).padStart(3, '0')}`,
        name: `Bộ phận Một cửa xã số ${i}`,
        district,
        level: remote ? 'remote' : 'rural',
        counters: 2 + Math.floor(random() * 3),
        ticketsPerDay: remote ? 25 + Math.floor(random() * 30) : 50 + Math.floor(random() * 80),
      });
    }
  }
  return specs;
}

export function simulatedConfig(spec: SimulatedHallSpec): HallConfig {
  const morning = [
    { from: '07:30', to: '11:30' },
    { from: '13:30', to: '17:00' },
  ];
  return hallConfigSchema.parse({
    hall: { id: spec.id, name: { vi: spec.name, en: spec.name }, agencyCode: 'H99', address: spec.district },
    schedule: { weekly: { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: [], sun: [] } },
    targets: { level: spec.level },
    services: SERVICES.map((s) => ({
      id: s.id,
      prefix: s.prefix,
      name: { vi: s.vi, en: s.id },
      numberRange: { from: 1, to: 9999 },
      defaultServiceMinutes: s.minutes,
    })),
    counters: Array.from({ length: spec.counters }, (_, i) => ({
      id: `quay-${i + 1}`,
      number: i + 1,
      name: { vi: `Quầy số ${i + 1}`, en: `Counter ${i + 1}` },
      services: SERVICES.map((s, k) => ({ serviceId: s.id, weight: k === i % SERVICES.length ? 1 : 0.5 })),
    })),
  });
}

/** Chains events as the hall's event log does (format 2) into public events. */
export class PublicChain {
  #seq = 0;
  #prev = GENESIS_HASH;
  readonly #key = randomBytes(32);

  get seq(): number {
    return this.#seq;
  }

  append(e: DomainEvent): PublicEventWire {
    let { publicData, hidden } = splitHallOnly(e.type, e.data);
    if (hidden)
      publicData = {
        ...(publicData as object),
        [PRIVATE_DIGEST_FIELD]: createHmac('sha256', this.#key).update(privateDigestInput(e.ticketId, hidden)).digest('hex'),
      };
    const seq = ++this.#seq;
    const data = publicData as Record<string, unknown>;
    const hash = createHash('sha256')
      .update(this.#prev)
      .update('\n')
      .update(chainBody({ seq, at: e.at, type: e.type, ticketId: e.ticketId, counterId: e.counterId, dataJson: canonicalJson(data) }))
      .digest('hex');
    const out: PublicEventWire = { seq, at: e.at, type: e.type, ticketId: e.ticketId, counterId: e.counterId, data, prevHash: this.#prev, hash };
    this.#prev = hash;
    return out;
  }
}

const LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;

/**
 * The events of `days` calendar days from `firstDate` (weekends have no service), minute by minute:
 * Poisson-like arrivals over the opening hours, each open counter calls the next ticket when idle,
 * starts at once, finishes after an exponential service time around the service's mean, and six
 * in ten citizens rate. Calls `emit` with each day's events in order.
 */
export function simulateHall(
  spec: SimulatedHallSpec,
  firstDate: string,
  days: number,
  random: () => number,
  chain: PublicChain,
  emit: (events: PublicEventWire[]) => void,
): void {
  const config = simulatedConfig(spec);
  let state: HallState = initialState(config);
  let idCounter = 0;
  const apply = (events: readonly DomainEvent[], out: PublicEventWire[]): void => {
    for (const e of events) {
      state = evolve(config, state, e).state;
      out.push(chain.append(e));
    }
  };
  const tz = config.schedule.timeZone;
  for (let d = 0; d < days; d++) {
    const date = addDays(firstDate, d);
    const weekday = weekdayOf(date);
    if (weekday === 'sat' || weekday === 'sun') continue;
    const out: PublicEventWire[] = [];
    const open = epochOfLocal(date, '07:30', tz);
    const close = epochOfLocal(date, '17:00', tz);
    const ctxAt = (now: number): EngineContext => ({ now, newId: () => `${spec.id}-${date}-${++idCounter}` });
    const busyUntil = new Map<string, number>();
    for (const c of config.counters) apply(openCounter(config, state, c.id, `cb-${spec.id}-${c.number}`, ctxAt(open)), out);
    const perMinute = spec.ticketsPerDay / ((close - open) / 60_000);
    for (let now = open; now < close; now += 60_000) {
      // Arrivals this minute: a Bernoulli approximation of Poisson for small rates, rounded otherwise.
      let arrivals = Math.floor(perMinute) + (random() < perMinute % 1 ? 1 : 0);
      while (arrivals-- > 0) {
        const service = SERVICES[Math.floor(random() * SERVICES.length)] ?? SERVICES[0];
        try {
          apply(
            issueTicket(
              config,
              state,
              {
                serviceId: service.id,
                priority: random() < 0.08 ? 'elderly' : 'normal',
                channel: 'kiosk',
                personHash: null,
                procedureId: null,
                slotStart: null,
                deviceId: 'kiosk-1',
              },
              ctxAt(now + Math.floor(random() * 59_000)),
            ),
            out,
          );
        } catch {
          // quota or range exhausted: the citizen goes home, as at a real kiosk
        }
      }
      for (const c of config.counters) {
        const until = busyUntil.get(c.id);
        if (until !== undefined && until <= now + 60_000) {
          const at = Math.max(until, now);
          const outcome = random() < 0.7 ? 'received_dossier' : 'returned_result';
          apply(finishService(config, state, c.id, outcome, ctxAt(at)), out);
          busyUntil.delete(c.id);
          if (random() < 0.6) {
            const r = random();
            const level = LEVELS[r < 0.55 ? 0 : r < 0.93 ? 1 : 2];
            try {
              apply(submitRating(config, state, c.id, { level, reason: level === 'dissatisfied' ? 'Chờ lâu' : null }, ctxAt(at + 5_000)), out);
            } catch {
              // the window closed: no rating
            }
          }
        }
        if (!busyUntil.has(c.id)) {
          try {
            const at = now + 30_000;
            const called = callNext(config, state, c.id, ctxAt(at));
            apply(called, out);
            apply(startService(config, state, c.id, ctxAt(at + 20_000)), out);
            const call = called.find((e) => e.type === 'ticket.called');
            const meanMin = SERVICES.find((s) => s.id === (call?.data as { serviceId?: string } | undefined)?.serviceId)?.minutes ?? 10;
            busyUntil.set(c.id, at + 20_000 + Math.max(60_000, Math.round(-Math.log(1 - random()) * meanMin * 60_000)));
          } catch {
            // nobody waiting for this counter
          }
        }
      }
    }
    for (const c of config.counters) {
      if (busyUntil.has(c.id)) apply(finishService(config, state, c.id, 'returned_result', ctxAt(close + 60_000)), out);
      apply(closeCounter(config, state, c.id, ctxAt(close + 120_000)), out);
    }
    apply(closeDayIfDue(config, state, ctxAt(epochOfLocal(addDays(date, 1), '00:30', tz))), out);
    emit(out);
  }
}
