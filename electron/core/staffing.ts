/**
 * Staffing advice: arrival rates forecast by weekday × hour from history, and the counters each
 * service needs for its mean wait to stay within the target under an M/M/c model (erlang-c.ts).
 * Pure: facts in, advice out.
 *
 * Forecast: the mean number of tickets issued in a local (weekday, hour) over the history's dates
 * of that weekday that had tickets at all (closed days and holidays do not dilute the mean).
 * Counters open: the open counters that serve the service, each counted whole (a shared counter
 * is assumed to be available to every queue it serves, so the advice errs on the side of fewer
 * counters only when counters are shared).
 */
import type { HallConfig } from '../common/hall-config.ts';
import { localParts } from './business-time.ts';
import { meanWait, serversNeeded } from './erlang-c.ts';
import type { HallState } from './hall-state.ts';

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Arrival {
  readonly serviceId: string;
  readonly issuedAt: number;
}

/** Mean arrivals per hour: profile[weekday][hour]. */
export type WeeklyProfile = readonly (readonly number[])[];

/** Per service, the mean tickets per local (weekday, hour) over the dates of that weekday with tickets. */
export function arrivalProfiles(arrivals: readonly Arrival[], timeZone: string): Map<string, WeeklyProfile> {
  const counts = new Map<string, number[][]>();
  const datesByWeekday: Set<string>[] = Array.from({ length: 7 }, () => new Set<string>());
  for (const a of arrivals) {
    const p = localParts(a.issuedAt, timeZone);
    const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
    datesByWeekday[weekday]?.add(`${p.year}-${p.month}-${p.day}`);
    let grid = counts.get(a.serviceId);
    if (!grid) {
      grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
      counts.set(a.serviceId, grid);
    }
    const row = grid[weekday];
    if (row) row[p.hour] = (row[p.hour] ?? 0) + 1;
  }
  const profiles = new Map<string, WeeklyProfile>();
  for (const [serviceId, grid] of counts) {
    profiles.set(
      serviceId,
      grid.map((row, weekday) => {
        const days = datesByWeekday[weekday]?.size ?? 0;
        return row.map((n) => (days === 0 ? 0 : n / days));
      }),
    );
  }
  return profiles;
}

export type StaffingAction = 'open_more' | 'enough' | 'can_close';

export interface StaffingAdvice {
  readonly serviceId: string;
  readonly serviceName: string;
  /** Forecast arrivals in the hour (tickets per hour). */
  readonly arrivalsPerHour: number;
  readonly meanServiceMinutes: number;
  readonly countersOpen: number;
  readonly countersNeeded: number;
  /** Mean wait (Erlang C) with the counters open now; null when the queue would grow without bound. */
  readonly projectedWaitMin: number | null;
  readonly action: StaffingAction;
  /** E.g. "Mở thêm 1 quầy cho Đất đai". */
  readonly messageVi: string;
  readonly messageEn: string;
}

export interface StaffingInput {
  readonly arrivalsPerHour: ReadonlyMap<string, number>;
  readonly meanServiceMinutes: ReadonlyMap<string, number>;
  readonly countersOpen: ReadonlyMap<string, number>;
  /**
   * Open counters per service that could close without leaving anyone waiting: none of the
   * services they serve has a ticket waiting now (closableCountersByService). The forecast covers
   * new arrivals only, not the people already in the hall, so "could close" is capped by it.
   * Without it every open counter counts as closable.
   */
  readonly closable?: ReadonlyMap<string, number>;
  /**
   * Services waiting now per service (waitingByService: a representative's ticket counts each
   * dossier). The people already in the hall are served before any new arrival: with c counters
   * they take backlog × service time / c minutes, so keeping a new ticket's wait within target
   * needs c ≥ backlog × service time / target.
   */
  readonly waiting?: ReadonlyMap<string, number>;
  /**
   * The open counters' capacity per service as the wait estimate counts it (openCapacityByService:
   * a shared counter by its weight). The people waiting are worked off at this rate, so the
   * projected wait agrees with the queue's estimate for a new ticket. Without it, countersOpen.
   */
  readonly openCapacity?: ReadonlyMap<string, number>;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Advice per configured service, in configuration order. */
export function staffingAdvice(config: HallConfig, input: StaffingInput): StaffingAdvice[] {
  const target = config.targets.waitMinutes;
  return config.services.map((s) => {
    const lambdaPerMin = (input.arrivalsPerHour.get(s.id) ?? 0) / 60;
    const serviceMin = input.meanServiceMinutes.get(s.id) ?? s.defaultServiceMinutes;
    const open = input.countersOpen.get(s.id) ?? 0;
    const backlogMin = (input.waiting?.get(s.id) ?? 0) * serviceMin;
    const needed = Math.max(serversNeeded(lambdaPerMin, serviceMin, target), Math.ceil(backlogMin / target));
    const arrivalsWait = open === 0 ? (lambdaPerMin === 0 ? 0 : Infinity) : meanWait(open, lambdaPerMin, serviceMin);
    const capacity = input.openCapacity === undefined ? open : (input.openCapacity.get(s.id) ?? 0);
    const backlogWait = backlogMin === 0 ? 0 : capacity === 0 ? Infinity : backlogMin / capacity;
    const wait = Math.max(arrivalsWait, backlogWait);
    const closable = input.closable === undefined ? open : (input.closable.get(s.id) ?? 0);
    const action: StaffingAction = needed > open ? 'open_more' : needed < open && closable > 0 ? 'can_close' : 'enough';
    const diff = action === 'can_close' ? Math.min(open - needed, closable) : Math.abs(needed - open);
    const name = s.name.vi;
    const messageVi =
      action === 'open_more' ? `Mở thêm ${diff} quầy cho ${name}` : action === 'can_close' ? `Có thể đóng bớt ${diff} quầy của ${name}` : `Đủ quầy cho ${name}`;
    const messageEn =
      action === 'open_more'
        ? `Open ${diff} more counter${diff === 1 ? '' : 's'} for ${s.name.en}`
        : action === 'can_close'
          ? `${diff} counter${diff === 1 ? '' : 's'} of ${s.name.en} could close`
          : `Enough counters for ${s.name.en}`;
    return {
      serviceId: s.id,
      serviceName: name,
      arrivalsPerHour: round2(lambdaPerMin * 60),
      meanServiceMinutes: round2(serviceMin),
      countersOpen: open,
      countersNeeded: needed,
      projectedWaitMin: Number.isFinite(wait) ? round2(wait) : null,
      action,
      messageVi,
      messageEn,
    };
  });
}

/** Open counters serving each service now. */
export function openCountersByService(config: HallConfig, state: HallState): Map<string, number> {
  const open = new Map<string, number>();
  for (const c of config.counters) {
    if (state.counters.get(c.id)?.state !== 'open') continue;
    for (const s of c.services) open.set(s.serviceId, (open.get(s.serviceId) ?? 0) + 1);
  }
  return open;
}

/**
 * The work waiting now per service, in services: one per waiting ticket, or its dossiers for a
 * representative's ticket (proxy mode). Held tickets are not in the queue.
 */
export function waitingByService(state: HallState): Map<string, number> {
  const waiting = new Map<string, number>();
  state.tickets.forEach((t) => {
    if (t.status === 'waiting') waiting.set(t.serviceId, (waiting.get(t.serviceId) ?? 0) + t.dossierCount);
  });
  return waiting;
}

/**
 * Open counters per service that could close without leaving anyone waiting: none of the services
 * the counter serves has a waiting ticket (held tickets are not in the queue).
 */
export function closableCountersByService(config: HallConfig, state: HallState): Map<string, number> {
  const backlog = waitingByService(state);
  const closable = new Map<string, number>();
  for (const c of config.counters) {
    if (state.counters.get(c.id)?.state !== 'open' || c.services.some((s) => backlog.has(s.serviceId))) continue;
    for (const s of c.services) closable.set(s.serviceId, (closable.get(s.serviceId) ?? 0) + 1);
  }
  return closable;
}

/** The forecast arrivals per hour of every service for the local weekday and hour of `at`. */
export function forecastForHour(profiles: ReadonlyMap<string, WeeklyProfile>, at: number, timeZone: string): Map<string, number> {
  const p = localParts(at, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  const out = new Map<string, number>();
  for (const [serviceId, profile] of profiles) out.set(serviceId, profile[weekday]?.[p.hour] ?? 0);
  return out;
}
