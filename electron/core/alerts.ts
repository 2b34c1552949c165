/**
 * Live alerts for supervisors. Pure rules over the engine state, estimates and recent ratings:
 * - projected_wait: a newly issued ticket's estimated wait is over the wait target;
 * - satisfaction_low: the satisfaction of the last ratings (at least `minRatings`) is under target;
 * - counter_idle: an open counter without a current ticket for `idleMinutes` while a ticket it may
 *   call waits;
 * - help_requested: a citizen at a kiosk asked for an officer ("Gọi cán bộ hỗ trợ"); it stays
 *   until a supervisor marks it handled or `HELP_EXPIRES_MIN` pass.
 * - login_locked: too many wrong PINs locked a staff account or a device's logins (login-guard.ts);
 *   it stays until the lockout ends or a supervisor resets the PIN;
 * - device_flooding: a device went over its issue rate or its draft storage quota.
 * Each alert has a stable id (kind + subject) so a screen replaces rather than stacks it.
 */
import type { RatingLevel, WaitEstimate } from '../common/domain.ts';
import type { HallConfig } from '../common/hall-config.ts';
import type { Alert } from '../common/wire.ts';
import type { HallState } from './hall-state.ts';
import { isEligibleAt } from './call-policy.ts';
import { satisfactionPct } from './kpi.ts';

/** A number as Vietnamese writes it in a sentence: a decimal comma (87,5). */
const viNumber = (n: number): string => String(n).replace('.', ',');

export { ALERT_KINDS, type Alert, type AlertKind } from '../common/wire.ts';

const serviceName = (config: HallConfig, id: string): { vi: string; en: string } => config.services.find((s) => s.id === id)?.name ?? { vi: id, en: id };

export function projectedWaitAlert(config: HallConfig, estimate: WaitEstimate, number: string, at: number): Alert | null {
  const target = config.targets.waitMinutes;
  if (estimate.estimatedWaitMinutes <= target) return null;
  const name = serviceName(config, estimate.serviceId);
  return {
    id: `projected_wait:${estimate.serviceId}`,
    kind: 'projected_wait',
    at,
    serviceId: estimate.serviceId,
    counterId: null,
    value: estimate.estimatedWaitMinutes,
    target,
    messageVi: `Số ${number} (${name.vi}) dự kiến chờ ${estimate.estimatedWaitMinutes} phút, vượt mục tiêu ${target} phút`,
    messageEn: `Ticket ${number} (${name.en}) is projected to wait ${estimate.estimatedWaitMinutes} min, over the ${target} min target`,
  };
}

/** A help request nobody marked handled is dropped after this long: the citizen has moved on. */
export const HELP_EXPIRES_MIN = 15;

export function helpRequestedAlert(kiosk: { readonly id: string; readonly name: string }, at: number, timeZone: string): Alert {
  const time = new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
  return {
    id: `help_requested:${kiosk.id}`,
    kind: 'help_requested',
    at,
    serviceId: null,
    counterId: null,
    value: 0,
    target: HELP_EXPIRES_MIN,
    messageVi: `Công dân tại ${kiosk.name} cần cán bộ hỗ trợ (gọi lúc ${time})`,
    messageEn: `A citizen at ${kiosk.name} asks for an officer (called at ${time})`,
  };
}

export function satisfactionAlert(config: HallConfig, recent: readonly RatingLevel[], at: number, minRatings = 10): Alert | null {
  if (recent.length < minRatings) return null;
  const pct = satisfactionPct(recent);
  const target = config.targets.satisfactionPct;
  if (pct === null || pct >= target) return null;
  return {
    id: 'satisfaction_low:hall',
    kind: 'satisfaction_low',
    at,
    serviceId: null,
    counterId: null,
    value: pct,
    target,
    messageVi: `Tỷ lệ hài lòng của ${recent.length} lượt đánh giá gần nhất là ${viNumber(pct)}%, dưới mục tiêu ${viNumber(target)}%`,
    messageEn: `Satisfaction of the last ${recent.length} ratings is ${pct} %, under the ${target} % target`,
  };
}

export function idleCounterAlerts(config: HallConfig, state: HallState, now: number, idleMinutes = 3): Alert[] {
  const alerts: Alert[] = [];
  for (const c of config.counters) {
    const cs = state.counters.get(c.id);
    if (!cs || cs.state !== 'open' || cs.currentTicketId !== null) continue;
    const idleMs = now - cs.updatedAt;
    if (idleMs < idleMinutes * 60_000) continue;
    // The tickets this counter may call (call-policy.ts): its queues', and those transferred to it from any queue.
    const waiting = [...state.tickets.values()].filter((t) => isEligibleAt(t, c)).length;
    if (waiting === 0) continue;
    const idleMin = Math.floor(idleMs / 60_000);
    alerts.push({
      id: `counter_idle:${c.id}`,
      kind: 'counter_idle',
      at: now,
      serviceId: null,
      counterId: c.id,
      value: idleMin,
      target: idleMinutes,
      messageVi: `${c.name.vi} đã ${idleMin} phút không gọi số trong khi còn ${waiting} công dân đang chờ`,
      messageEn: `${c.name.en} has not called for ${idleMin} min while ${waiting} citizens wait`,
    });
  }
  return alerts;
}

const hhmm = (at: number, timeZone: string): string =>
  new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));

/** Logins locked after `failures` wrong PINs, until `until`: for an account, or for every login from a device. */
export function loginLockedAlert(
  lock: {
    readonly subject: 'account' | 'device';
    readonly device: { readonly id: string; readonly name: string };
    readonly staff: { readonly id: string; readonly displayName: string } | null;
  },
  failures: number,
  at: number,
  until: number,
  timeZone: string,
): Alert {
  const base = { kind: 'login_locked' as const, at, serviceId: null, counterId: null, value: failures, target: failures };
  if (lock.subject === 'account' && lock.staff) {
    return {
      ...base,
      id: `login_locked:account:${lock.staff.id}`,
      messageVi: `Tài khoản ${lock.staff.displayName} bị khóa đăng nhập đến ${hhmm(until, timeZone)} sau ${failures} lần nhập sai mã PIN tại ${lock.device.name}`,
      messageEn: `${lock.staff.displayName}'s logins are locked until ${hhmm(until, timeZone)} after ${failures} wrong PINs at ${lock.device.name}`,
    };
  }
  return {
    ...base,
    id: `login_locked:device:${lock.device.id}`,
    messageVi: `${lock.device.name} bị khóa đăng nhập đến ${hhmm(until, timeZone)} sau ${failures} lần đăng nhập sai`,
    messageEn: `Logins from ${lock.device.name} are locked until ${hhmm(until, timeZone)} after ${failures} failed attempts`,
  };
}

/** What a device went over (server/device-flooding.ts). */
export type FloodingLimit = 'issue_rate' | 'open_drafts' | 'draft_bytes';

const MIB = 1024 * 1024;

/**
 * A device went over a flooding limit: its ticket issue rate (`limit` = the burst), its open drafts
 * (`limit` = drafts) or its draft storage (`limit` = bytes). One alert per device and limit; the
 * value stays the limit, so repeated refusals do not re-announce it.
 */
export function deviceFloodingAlert(device: { readonly id: string; readonly name: string }, kind: FloodingLimit, limit: number, at: number): Alert {
  const base = {
    id: `device_flooding:${device.id}:${kind}`,
    kind: 'device_flooding' as const,
    at,
    serviceId: null,
    counterId: null,
    value: limit,
    target: limit,
  };
  switch (kind) {
    case 'issue_rate':
      return {
        ...base,
        messageVi: `${device.name} cấp số nhanh hơn mức một người có thể lấy (quá ${limit} số liên tiếp); thiết bị bị tạm chặn cấp số. Kiểm tra máy và thu hồi mã thiết bị nếu bị lạm dụng`,
        messageEn: `${device.name} is issuing tickets faster than a person can take them (over ${limit} in a row); its tickets are held back. Check the device and revoke its token if it is misused`,
      };
    case 'open_drafts':
      return {
        ...base,
        messageVi: `${device.name} đã có ${limit} hồ sơ lập dở, vượt giới hạn; không lập thêm được hồ sơ mới`,
        messageEn: `${device.name} has ${limit} open drafts, its limit; it cannot start another`,
      };
    case 'draft_bytes':
      return {
        ...base,
        messageVi: `Giấy tờ quét trong hồ sơ lập dở của ${device.name} đã vượt hạn mức ${Math.round(limit / MIB)} MiB`,
        messageEn: `The scanned papers in ${device.name}'s open drafts reached its ${Math.round(limit / MIB)} MiB quota`,
      };
  }
}
