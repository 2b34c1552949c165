/**
 * Live figures for the dashboard and the display:
 * - `kpis.updated`: today's KPIs (hall row and rows by service), pushed at most once per
 *   `throttleMs` (5 s) after events, trailing, so a burst of calls costs one query;
 * - alerts (core/alerts.ts), raised and cleared as `alert` messages to dashboards and listed by
 *   getAlerts: projected wait of each newly issued ticket, rolling satisfaction of the last
 *   ratings, counters idling while their queue waits (checked every `idleCheckMs`), and kiosks
 *   whose citizen asked for an officer (until handled, or expired after HELP_EXPIRES_MIN);
 * - staffing advice for the current hour (core/staffing.ts), from the arrival profile of the last
 *   `forecastWeeks` weeks (computed once per business day) and the recent service times.
 */
import type { PublicTicket, RatingLevel } from '../common/domain.ts';
import type { StreamEvent } from '../common/wire.ts';
import { HELP_EXPIRES_MIN, helpRequestedAlert, idleCounterAlerts, projectedWaitAlert, satisfactionAlert, type Alert } from '../core/alerts.ts';
import { deviceFaultAlerts, pauseTooLongAlerts, serviceOverTargetAlerts, waitOverTargetAlerts, type TerminalDevices } from '../core/floor-alerts.ts';
import { DomainError } from '../common/errors.ts';
import { addDays, businessDateOf, epochOfLocal } from '../core/business-time.ts';
import { dayTimeline, timelineStart, type DayTimeline } from '../core/day-timeline.ts';
import { dayPlan } from '../core/schedule.ts';
import {
  arrivalProfiles,
  forecastForHour,
  openCountersByService,
  staffingAdvice,
  closableCountersByService,
  waitingByService,
  type StaffingAdvice,
  type WeeklyProfile,
} from '../core/staffing.ts';
import { estimateWait, openCapacityByService } from '../core/wait-estimate.ts';
import type { KpiQueries } from '../store/kpi-queries.ts';
import type { HallService } from './hall-service.ts';
import type { Logger } from './logger.ts';
import type { StreamHub } from './stream-hub.ts';

const KPI_ROLES: ReadonlySet<string> = new Set(['dashboard', 'display']);
const ALERT_ROLES: ReadonlySet<string> = new Set(['dashboard']);
/** A kiosk's call for help also reaches the counters: in a small hall the officers are the only staff on the floor. */
const HELP_ROLES: ReadonlySet<string> = new Set(['dashboard', 'counter']);
const rolesOf = (alert: Alert): ReadonlySet<string> => (alert.kind === 'help_requested' ? HELP_ROLES : ALERT_ROLES);
/** Ratings in the rolling satisfaction window. */
export const ROLLING_RATINGS = 20;

export interface LiveKpiOptions {
  readonly throttleMs?: number;
  /** How often the alerts checked against the clock are checked (the floor alert job, scheduled-jobs.ts). */
  readonly idleCheckMs?: number;
  readonly idleMinutes?: number;
  readonly forecastWeeks?: number;
  /** The terminals' latest device reports, for the device_fault alert. */
  readonly devices?: () => readonly TerminalDevices[];
}

/** Kinds checked against the clock (core/floor-alerts.ts); raising one is kept in the event log. */
const FLOOR_KINDS: ReadonlySet<string> = new Set(['wait_over_target', 'service_over_target', 'pause_too_long', 'device_fault']);

export interface StaffingReport {
  readonly at: number;
  readonly businessDate: string;
  /** ISO weekday (1 = Monday) and local hour the forecast is for. */
  readonly weekday: number;
  readonly hour: number;
  readonly history: { readonly from: string; readonly to: string };
  readonly advice: readonly StaffingAdvice[];
}

export class LiveKpis {
  readonly #hall: HallService;
  readonly #kpis: KpiQueries;
  readonly #stream: StreamHub;
  readonly #log: Logger;
  readonly #throttleMs: number;
  readonly #idleMinutes: number;
  readonly #forecastWeeks: number;
  readonly #devices: () => readonly TerminalDevices[];
  readonly #alerts = new Map<string, Alert>();
  /** Alert id → when it lapses by itself (security alerts). */
  readonly #expiries = new Map<string, number>();
  readonly #recentRatings: RatingLevel[] = [];
  readonly #unsubscribe: () => void;
  #pushTimer: NodeJS.Timeout | null = null;
  #lastPush = 0;
  #profiles: { date: string; profiles: Map<string, WeeklyProfile>; from: string; to: string } | null = null;

  constructor(hall: HallService, kpis: KpiQueries, stream: StreamHub, log: Logger, options: LiveKpiOptions = {}) {
    this.#hall = hall;
    this.#kpis = kpis;
    this.#stream = stream;
    this.#log = log;
    this.#throttleMs = options.throttleMs ?? 5000;
    this.#idleMinutes = options.idleMinutes ?? 3;
    this.#forecastWeeks = options.forecastWeeks ?? 8;
    this.#devices = options.devices ?? (() => []);
    this.#unsubscribe = hall.onEvents((events) => this.#onEvents(events));
  }

  close(): void {
    this.#unsubscribe();
    if (this.#pushTimer) clearTimeout(this.#pushTimer);
  }

  /** Active alerts, newest first. */
  alerts(): Alert[] {
    this.#dropExpiredHelp();
    return [...this.#alerts.values()].sort((a, b) => b.at - a.at);
  }

  /** Today's rows: the hall-wide one and one per service. */
  today(): { businessDate: string; hall: ReturnType<KpiQueries['kpiRows']>[number]; byService: ReturnType<KpiQueries['kpiRows']> } {
    const config = this.#hall.config;
    const day = businessDateOf(this.#hall.now(), config.schedule.timeZone);
    const [hall] = this.#kpis.kpiRows(day, day, 'none', config.targets);
    if (!hall) throw new Error('the none grouping always has one row');
    return { businessDate: day, hall, byService: this.#kpis.kpiRows(day, day, 'service', config.targets) };
  }

  /**
   * Today on the floor for the dashboard's live charts (core/day-timeline.ts): per service the
   * people waiting at each quarter hour and the mean wait of the tickets called in it, from the
   * first ticket (before any, the first working period) up to now.
   */
  timeline(): { businessDate: string; at: number; waitTargetMinutes: number } & DayTimeline {
    const config = this.#hall.config;
    const now = this.#hall.now();
    const day = businessDateOf(now, config.schedule.timeZone);
    const tickets = this.#kpis.waitIntervals(day);
    const plan = dayPlan(config.schedule, day);
    const firstIssue = tickets.length === 0 ? null : tickets.reduce((first, t) => Math.min(first, t.issuedAt), Number.POSITIVE_INFINITY);
    const from = timelineStart(epochOfLocal(day, '00:00', config.schedule.timeZone), plan.periods[0]?.from ?? null, firstIssue, now);
    const timeline = dayTimeline(tickets, { serviceIds: config.services.map((s) => s.id), from, now });
    return { businessDate: day, at: now, waitTargetMinutes: config.targets.waitMinutes, ...timeline };
  }

  /** Staffing advice for the local hour of now. */
  staffing(): StaffingReport {
    const config = this.#hall.config;
    const now = this.#hall.now();
    const zone = config.schedule.timeZone;
    const today = businessDateOf(now, zone);
    if (this.#profiles?.date !== today) {
      const from = addDays(today, -7 * this.#forecastWeeks);
      const to = addDays(today, -1);
      this.#profiles = { date: today, profiles: arrivalProfiles(this.#kpis.arrivals(from, to), zone), from, to };
    }
    const state = this.#hall.state;
    const meanServiceMinutes = new Map<string, number>();
    for (const [serviceId, list] of state.recentServiceMs) {
      if (list.length > 0) meanServiceMinutes.set(serviceId, list.reduce((a, b) => a + b, 0) / list.length / 60_000);
    }
    const advice = staffingAdvice(config, {
      arrivalsPerHour: forecastForHour(this.#profiles.profiles, now, zone),
      meanServiceMinutes,
      countersOpen: openCountersByService(config, state),
      closable: closableCountersByService(config, state),
      waiting: waitingByService(state),
      openCapacity: openCapacityByService(config, state),
    });
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date(now));
    const weekdayName = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekdayName) + 1;
    const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
    return { at: now, businessDate: today, weekday, hour, history: { from: this.#profiles.from, to: this.#profiles.to }, advice };
  }

  /** A citizen at this kiosk asks for an officer: raised (again) with the time of the latest call. */
  requestHelp(kiosk: { readonly id: string; readonly name: string }): Alert {
    const alert = helpRequestedAlert(kiosk, this.#hall.now(), this.#hall.config.schedule.timeZone);
    this.#alerts.delete(alert.id); // a repeated call is news: raise it again
    this.#raise(alert);
    return alert;
  }

  /** A security alert (login lockout, flooding) shown until `expiresAt` or until cleared. */
  raiseUntil(alert: Alert, expiresAt: number): void {
    this.#expiries.set(alert.id, expiresAt);
    this.#raise(alert);
  }

  clearAlert(id: string): void {
    this.#clear(id);
  }

  /** The open help requests, the longest waiting first (expired ones are dropped first). */
  helpRequests(): Alert[] {
    this.#dropExpiredHelp();
    return [...this.#alerts.values()].filter((a) => a.kind === 'help_requested').sort((a, b) => a.at - b.at);
  }

  /** A supervisor or an officer marks the kiosk's help request handled; false when none is open. */
  resolveHelp(kioskId: string): boolean {
    const id = `help_requested:${kioskId}`;
    if (!this.#alerts.has(id)) return false;
    this.#clear(id);
    return true;
  }

  /** The alerts checked against the clock: idle counters, then the floor (a scheduled job, scheduled-jobs.ts). */
  checkAlerts(): void {
    this.checkIdleCounters();
    this.checkFloor();
  }

  /** Raises idle-counter alerts that hold now and clears those that no longer do; drops expired help requests. */
  checkIdleCounters(): void {
    this.#dropExpiredHelp();
    const config = this.#hall.config;
    const current = new Map(idleCounterAlerts(config, this.#hall.state, this.#hall.now(), this.#idleMinutes).map((a) => [a.id, a]));
    for (const [id, alert] of this.#alerts) if (alert.kind === 'counter_idle' && !current.has(id)) this.#clear(id);
    for (const alert of current.values()) if (!this.#alerts.has(alert.id)) this.#raise(alert);
  }

  /**
   * Raises the floor alerts that hold now (a real wait or service over its target, a pause over
   * its limit, a device in fault) and clears those that no longer do; a newly raised one is kept
   * in the event log as alert.raised.
   */
  checkFloor(): void {
    const config = this.#hall.config;
    const state = this.#hall.state;
    const now = this.#hall.now();
    const current = new Map(
      [
        ...waitOverTargetAlerts(config, state, now),
        ...serviceOverTargetAlerts(config, state, now),
        ...pauseTooLongAlerts(config, state, now),
        ...deviceFaultAlerts(config, this.#devices(), now),
      ].map((a) => [a.id, a]),
    );
    for (const [id, alert] of this.#alerts) if (FLOOR_KINDS.has(alert.kind) && !current.has(id)) this.#clear(id);
    for (const alert of current.values()) {
      const before = this.#alerts.get(alert.id);
      if (!before) {
        this.#hall.record(() => [
          {
            type: 'alert.raised',
            at: now,
            ticketId: null,
            counterId: alert.counterId,
            data: { alertId: alert.id, kind: alert.kind, value: alert.value, target: alert.target },
          },
        ]);
      }
      // The first raise keeps its time; a later check updates the figure and keeps the acknowledgement.
      this.#raise(before ? { ...alert, at: before.at, acknowledged: before.acknowledged ?? null } : alert);
    }
  }

  /**
   * A supervisor acknowledges an active alert: kept in the event log (alert.acknowledged) and sent
   * to the dashboards; the alert stays while its cause lasts. NOT_FOUND when it is not active.
   */
  acknowledge(alertId: string, staffId: string): Alert {
    this.checkFloor();
    const alert = this.#alerts.get(alertId);
    if (!alert) throw new DomainError('NOT_FOUND', { alert: alertId.slice(0, 120) });
    if (alert.acknowledged) return alert;
    const now = this.#hall.now();
    this.#hall.record(() => [
      { type: 'alert.acknowledged', at: now, ticketId: null, counterId: alert.counterId, data: { alertId: alert.id, kind: alert.kind, staffId } },
    ]);
    const acknowledged: Alert = { ...alert, acknowledged: { at: now, by: staffId } };
    this.#alerts.set(alert.id, acknowledged);
    this.#stream.broadcastMessage({ type: 'alert', state: 'acknowledged', alert: acknowledged }, rolesOf(acknowledged));
    return acknowledged;
  }

  #onEvents(events: readonly StreamEvent[]): void {
    const config = this.#hall.config;
    for (const e of events) {
      if (e.type === 'ticket.issued') {
        const { ticket } = e.data as { ticket: PublicTicket };
        const estimate = estimateWait(config, this.#hall.state, ticket.serviceId, ticket.priority, ticket);
        const alert = projectedWaitAlert(config, estimate, ticket.number, e.at);
        if (alert) this.#raise(alert);
        else this.#clear(`projected_wait:${ticket.serviceId}`);
      } else if (e.type === 'ticket.rated') {
        this.#recentRatings.push((e.data as { level: RatingLevel }).level);
        if (this.#recentRatings.length > ROLLING_RATINGS) this.#recentRatings.shift();
        const alert = satisfactionAlert(config, this.#recentRatings, e.at);
        if (alert) this.#raise(alert);
        else this.#clear('satisfaction_low:hall');
      } else if (e.type === 'ticket.called' && e.counterId !== null) {
        this.#clear(`counter_idle:${e.counterId}`);
      }
    }
    // A call, a finished service or a resumed counter may end a floor alert at once.
    if (events.some((e) => e.type === 'ticket.called' || e.type === 'service.finished' || e.type === 'counter.resumed' || e.type === 'ticket.cancelled')) {
      this.#guard(() => this.checkFloor());
    }
    this.#schedulePush();
  }

  #dropExpiredHelp(): void {
    const now = this.#hall.now();
    for (const [id, until] of this.#expiries) if (now >= until) this.#clear(id);
    for (const [id, alert] of this.#alerts) if (alert.kind === 'help_requested' && now - alert.at > HELP_EXPIRES_MIN * 60_000) this.#clear(id);
  }

  #schedulePush(): void {
    if (this.#pushTimer) return;
    const wait = Math.max(0, this.#lastPush + this.#throttleMs - Date.now());
    this.#pushTimer = setTimeout(() => {
      this.#pushTimer = null;
      this.#lastPush = Date.now();
      this.#guard(() => {
        const t = this.today();
        this.#stream.broadcastMessage(
          { type: 'kpis.updated', at: this.#hall.now(), businessDate: t.businessDate, hall: t.hall, byService: t.byService },
          KPI_ROLES,
        );
      });
    }, wait);
    this.#pushTimer.unref();
  }

  #raise(alert: Alert): void {
    const before = this.#alerts.get(alert.id);
    this.#alerts.set(alert.id, alert);
    if (!before || before.value !== alert.value) this.#stream.broadcastMessage({ type: 'alert', state: 'raised', alert }, rolesOf(alert));
  }

  #clear(id: string): void {
    this.#expiries.delete(id);
    const alert = this.#alerts.get(id);
    if (!alert) return;
    this.#alerts.delete(id);
    this.#stream.broadcastMessage({ type: 'alert', state: 'cleared', alert }, rolesOf(alert));
  }

  #guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#log.error({ err: error instanceof Error ? error.message : String(error) }, 'live KPI update failed');
    }
  }
}
