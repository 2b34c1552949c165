/**
 * Test support for the queue engine: a small hall configuration, a fake clock, injected ids
 * and a tiny harness that folds the engine's events with `evolve`.
 *
 *   const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
 *   const a1 = hall.issue('ho-tich');
 *   hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'officer-1', hall.ctx));
 *   hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
 */
import type { z } from 'zod';
import { hallConfigSchema, type HallConfig } from '../../electron/common/hall-config.ts';
import type { PriorityClass, Ticket } from '../../electron/common/domain.ts';
import type { DomainEvent } from '../../electron/common/events.ts';
import { epochOfLocal } from '../../electron/core/business-time.ts';
import { evolve, initialState, type HallState } from '../../electron/core/hall-state.ts';
import { issueTicket, type EngineContext, type IssueTicketCommand } from '../../electron/core/queue-engine.ts';

export const TZ = 'Asia/Ho_Chi_Minh';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Calendar anchors of the fixture (all in 2026). */
export const MONDAY = '2026-03-02';
export const TUESDAY = '2026-03-03';
export const FRIDAY = '2026-03-06';
export const SATURDAY = '2026-03-07';
export const SUNDAY = '2026-03-08';
/** Thursday and Friday holidays (30/4 and 1/5), followed by a working Saturday. */
export const HOLIDAY = '2026-04-30';
export const HOLIDAY_2 = '2026-05-01';
export const SATURDAY_AFTER_HOLIDAYS = '2026-05-02';
/** A Sunday made a working day (ngày làm bù), morning only. */
export const EXTRA_WORKING_DAY = '2026-04-19';
/** A Sunday listed both as holiday and as extra working day: the extra day wins. */
export const HOLIDAY_AND_EXTRA = '2026-03-22';

type RawHallConfig = z.input<typeof hallConfigSchema>;

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of plain objects; arrays and scalars in `patch` replace those in `base`. */
function merge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(out[key]) && isPlainObject(value) ? merge(out[key], value) : value;
  }
  return out as T;
}

const weekdayPeriods = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
];

function baseHallConfig(): RawHallConfig {
  return {
    hall: {
      id: 'test-hall',
      name: { vi: 'Bộ phận Một cửa thử nghiệm', en: 'Test one-stop hall' },
      agencyCode: '000.00.00.T01',
      address: 'Số 1 đường Thử Nghiệm',
    },
    schedule: {
      timeZone: TZ,
      weekly: {
        mon: weekdayPeriods,
        tue: weekdayPeriods,
        wed: weekdayPeriods,
        thu: weekdayPeriods,
        fri: weekdayPeriods,
        sat: [{ from: '07:30', to: '11:30' }],
        sun: [],
      },
      holidays: [HOLIDAY, HOLIDAY_2, '2026-09-02', HOLIDAY_AND_EXTRA],
      extraWorkingDays: [
        { date: EXTRA_WORKING_DAY, periods: [{ from: '08:00', to: '11:00' }] },
        { date: HOLIDAY_AND_EXTRA, periods: [{ from: '07:30', to: '11:30' }] },
      ],
      issueOpensMinutesBefore: 15,
      issueCutoffMinutesBeforeClose: 30,
      issueDuringBreaks: true,
      endOfDayGraceMinutes: 30,
    },
    policy: {
      priorityRatio: 2,
      appointmentEarlyMinutes: 5,
      onePerPersonPerService: false,
      recentServiceSample: 3,
    },
    services: [
      { id: 'ho-tich', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' }, defaultServiceMinutes: 10 },
      { id: 'chung-thuc', prefix: 'B', name: { vi: 'Chứng thực', en: 'Certification' }, defaultServiceMinutes: 6 },
      { id: 'dat-dai', prefix: 'C', name: { vi: 'Đất đai', en: 'Land' }, defaultServiceMinutes: 15 },
    ],
    counters: [
      { id: 'quay-1', number: 1, name: { vi: 'Quầy 1', en: 'Counter 1' }, services: [{ serviceId: 'ho-tich', weight: 1 }] },
      {
        id: 'quay-2',
        number: 2,
        name: { vi: 'Quầy 2', en: 'Counter 2' },
        services: [
          { serviceId: 'chung-thuc', weight: 2 },
          { serviceId: 'dat-dai', weight: 1 },
        ],
      },
      { id: 'quay-3', number: 3, name: { vi: 'Quầy 3', en: 'Counter 3' }, services: [{ serviceId: 'dat-dai', weight: 1 }] },
      {
        id: 'quay-4',
        number: 4,
        name: { vi: 'Quầy 4 – Ưu tiên', en: 'Counter 4 – Priority' },
        services: [
          { serviceId: 'ho-tich', weight: 1 },
          { serviceId: 'chung-thuc', weight: 1 },
          { serviceId: 'dat-dai', weight: 1 },
        ],
        priorityFirst: true,
      },
    ],
  };
}

/** The small test hall, parsed through the real schema; `overrides` are deep-merged first. */
export function testHallConfig(overrides: DeepPartial<RawHallConfig> = {}): HallConfig {
  return hallConfigSchema.parse(merge(baseHallConfig(), overrides));
}

/** The test hall open 00:00–23:59 every day with no issue window margins (for real-clock tests). */
export function alwaysOpenHallConfig(overrides: DeepPartial<RawHallConfig> = {}): HallConfig {
  const allDay = [{ from: '00:00', to: '23:59' }];
  return testHallConfig(
    merge(
      {
        schedule: {
          weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
          holidays: [],
          extraWorkingDays: [],
          issueOpensMinutesBefore: 0,
          issueCutoffMinutesBeforeClose: 0,
          endOfDayGraceMinutes: 0,
        },
      } satisfies DeepPartial<RawHallConfig>,
      overrides,
    ),
  );
}

/** The instant at which the hall's local clock shows `localDate` `time` (Asia/Ho_Chi_Minh). */
export function at(localDate: string, time: string): number {
  return epochOfLocal(localDate, time, TZ);
}

export class FakeClock {
  #now: number;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): number {
    this.#now += ms;
    return this.#now;
  }

  set(epoch: number): void {
    this.#now = epoch;
  }
}

/** Deterministic ids: `${prefix}-1`, `${prefix}-2`, ... */
export function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-${n}`;
  };
}

/** Fold events into a new state with `evolve`. */
export function run(config: HallConfig, state: HallState, events: readonly DomainEvent[]): HallState {
  let next = state;
  for (const event of events) next = evolve(config, next, event).state;
  return next;
}

export interface IssueOptions {
  readonly priority?: PriorityClass;
  readonly personHash?: string | null;
  readonly slotStart?: number | null;
  readonly channel?: IssueTicketCommand['channel'];
  readonly chip?: IssueTicketCommand['chip'];
}

export function issueCommand(serviceId: string, options: IssueOptions = {}): IssueTicketCommand {
  const priority = options.priority ?? 'normal';
  return {
    serviceId,
    priority,
    channel: options.channel ?? (priority === 'appointment' ? 'appointment' : 'kiosk'),
    personHash: options.personHash ?? null,
    procedureId: null,
    slotStart: options.slotStart ?? null,
    deviceId: 'kiosk-1',
    chip: options.chip ?? null,
  };
}

/** A hall under test: config, state, fake clock and ids in one place. */
export class HallHarness {
  readonly clock: FakeClock;
  readonly newId: () => string;
  state: HallState;

  constructor(
    readonly config: HallConfig,
    start: number,
    idPrefix = 't',
  ) {
    this.clock = new FakeClock(start);
    this.newId = sequentialIds(idPrefix);
    this.state = initialState(config);
  }

  get ctx(): EngineContext {
    return { now: this.clock.now(), newId: this.newId };
  }

  /** Fold `events` into the harness state and return it. */
  apply(events: readonly DomainEvent[]): HallState {
    this.state = run(this.config, this.state, events);
    return this.state;
  }

  /** Issue a ticket now and return it as stored in the state. */
  issue(serviceId: string, options: IssueOptions = {}): Ticket {
    const events = issueTicket(this.config, this.state, issueCommand(serviceId, options), this.ctx);
    this.apply(events);
    const issued = events.find((e) => e.type === 'ticket.issued');
    if (!issued || issued.type !== 'ticket.issued') throw new Error('issueTicket emitted no ticket.issued event');
    return this.ticket(issued.data.ticket.id);
  }

  /** An open ticket by id or display number; throws when it is not open. */
  ticket(ref: string): Ticket {
    const found = this.state.tickets.get(ref) ?? [...this.state.tickets.values()].find((t) => t.number === ref);
    if (!found) throw new Error(`no open ticket ${ref}`);
    return found;
  }

  counter(id: string) {
    const found = this.state.counters.get(id);
    if (!found) throw new Error(`no counter ${id}`);
    return found;
  }
}
