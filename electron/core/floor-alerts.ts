/**
 * Alerts on what really happens on the floor, checked against the clock (the projected-wait,
 * satisfaction, idle and help alerts are in alerts.ts). Pure rules over the engine state:
 * - wait_over_target: in a service, a ticket has waited longer than the wait target (since its
 *   issue, or its slot for an early appointment): one alert per service naming the longest wait;
 * - service_over_target: a counter has served its current ticket longer than the service target;
 * - pause_too_long: a counter has been paused longer than its reason allows
 *   (policy.pauseLimitMinutes, else policy.defaultPauseMinutes);
 * - device_fault: a terminal's device has been in fault longer than policy.deviceFaultMinutes.
 * An alert holds while its cause lasts; the caller clears those no longer returned.
 */
import type { DeviceHealth } from '../common/device-contract.ts';
import { DEVICE_FAULT_SHORT_LABELS, DEVICE_KIND_LABELS } from '../common/device-labels.ts';
import type { HallConfig } from '../common/hall-config.ts';
import type { Alert } from '../common/wire.ts';
import type { HallState } from './hall-state.ts';

const MINUTE = 60_000;
const minutesOf = (ms: number): number => Math.floor(ms / MINUTE);

export function waitOverTargetAlerts(config: HallConfig, state: HallState, now: number): Alert[] {
  const target = config.targets.waitMinutes;
  const longest = new Map<string, { number: string; waitedMs: number; over: number }>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    const from = t.slotStart !== null && t.issuedAt < t.slotStart ? t.slotStart : t.issuedAt;
    const waited = now - from;
    if (waited <= target * MINUTE) continue;
    const cur = longest.get(t.serviceId);
    if (!cur) longest.set(t.serviceId, { number: t.number, waitedMs: waited, over: 1 });
    else {
      cur.over += 1;
      if (waited > cur.waitedMs) Object.assign(cur, { number: t.number, waitedMs: waited });
    }
  }
  return config.services.flatMap((s): Alert[] => {
    const l = longest.get(s.id);
    if (!l) return [];
    const min = minutesOf(l.waitedMs);
    const more = l.over > 1 ? `; ${l.over} công dân chờ quá mục tiêu` : '';
    return [
      {
        id: `wait_over_target:${s.id}`,
        kind: 'wait_over_target',
        at: now,
        serviceId: s.id,
        counterId: null,
        value: min,
        target,
        messageVi: `Số ${l.number} (${s.name.vi}) đã chờ ${min} phút, vượt mục tiêu ${target} phút${more}`,
        messageEn: `Ticket ${l.number} (${s.name.en}) has waited ${min} min, over the ${target} min target${l.over > 1 ? `; ${l.over} citizens over target` : ''}`,
      },
    ];
  });
}

export function serviceOverTargetAlerts(config: HallConfig, state: HallState, now: number): Alert[] {
  const target = config.targets.serviceMinutes;
  return config.counters.flatMap((c): Alert[] => {
    const cs = state.counters.get(c.id);
    const t = cs?.currentTicketId ? state.tickets.get(cs.currentTicketId) : undefined;
    if (!t || t.status !== 'serving' || t.startedAt === null || now - t.startedAt <= target * MINUTE) return [];
    const min = minutesOf(now - t.startedAt);
    return [
      {
        id: `service_over_target:${c.id}`,
        kind: 'service_over_target',
        at: now,
        serviceId: t.serviceId,
        counterId: c.id,
        value: min,
        target,
        messageVi: `${c.name.vi} đang giải quyết số ${t.number} đã ${min} phút, vượt mục tiêu ${target} phút`,
        messageEn: `${c.name.en} has been serving ${t.number} for ${min} min, over the ${target} min target`,
      },
    ];
  });
}

/** The minutes a pause for `reason` may last: the configured limit for that reason, else the default. */
export function pauseLimitOf(config: HallConfig, reason: string | null): number {
  const key = (reason ?? '').normalize('NFC').trim().toLocaleLowerCase('vi');
  for (const [r, minutes] of Object.entries(config.policy.pauseLimitMinutes)) {
    if (r.normalize('NFC').trim().toLocaleLowerCase('vi') === key) return minutes;
  }
  return config.policy.defaultPauseMinutes;
}

export function pauseTooLongAlerts(config: HallConfig, state: HallState, now: number): Alert[] {
  return config.counters.flatMap((c): Alert[] => {
    const cs = state.counters.get(c.id);
    if (!cs || cs.state !== 'paused') return [];
    const limit = pauseLimitOf(config, cs.pauseReason);
    if (now - cs.updatedAt <= limit * MINUTE) return [];
    const min = minutesOf(now - cs.updatedAt);
    const reason = cs.pauseReason ?? '';
    return [
      {
        id: `pause_too_long:${c.id}`,
        kind: 'pause_too_long',
        at: now,
        serviceId: null,
        counterId: c.id,
        value: min,
        target: limit,
        messageVi: `${c.name.vi} tạm dừng "${reason}" đã ${min} phút, quá ${limit} phút cho phép`,
        messageEn: `${c.name.en} has been paused ("${reason}") for ${min} min, over the ${limit} min allowed`,
      },
    ];
  });
}

/** One terminal's latest device report, as the device health board keeps it. */
export interface TerminalDevices {
  readonly deviceId: string;
  readonly name: string;
  readonly counterId: string | null;
  readonly devices: readonly DeviceHealth[];
}

export function deviceFaultAlerts(config: HallConfig, terminals: readonly TerminalDevices[], now: number): Alert[] {
  const limit = config.policy.deviceFaultMinutes;
  return terminals.flatMap((t) =>
    t.devices
      .filter((d) => d.state === 'fault' && now - d.since > limit * MINUTE)
      .map((d): Alert => {
        const min = minutesOf(now - d.since);
        return {
          id: `device_fault:${t.deviceId}:${d.id}`,
          kind: 'device_fault',
          at: now,
          serviceId: null,
          counterId: t.counterId,
          value: min,
          target: limit,
          messageVi: `${DEVICE_KIND_LABELS.vi[d.kind]} của ${t.name} bị lỗi${d.fault ? ` (${DEVICE_FAULT_SHORT_LABELS.vi[d.fault]})` : ''} đã ${min} phút`,
          messageEn: `${DEVICE_KIND_LABELS.en[d.kind]} of ${t.name} has been in fault${d.fault ? ` (${DEVICE_FAULT_SHORT_LABELS.en[d.fault]})` : ''} for ${min} min`,
        };
      }),
  );
}
