/**
 * Appointment (hẹn giờ) rules: which slot a dashboard booking may take, the codes the dashboard
 * gives its bookings, which business day a listing covers, and when an appointment may be checked
 * in at the kiosk (docs/queue-policy.md, "Appointments"). Pure: the caller passes `now`, the hall
 * configuration and, for codes, its source of randomness; storage and the ticket stay outside.
 *
 * Booking: the service (and procedure, when given) must exist in the hall's catalogue and the slot,
 * from–to on one business day in the hall's time zone, must start before it ends and must not have
 * ended yet (a slot may be booked until its last minute; there is no horizon and no per-slot cap).
 *
 * Check-in window: from CHECK_IN_LEAD_MINUTES before the appointment becomes due (slot start −
 * policy.appointmentEarlyMinutes) until the slot ends, end exclusive. A no-show is too late whatever
 * the clock says; a checked-in or cancelled appointment is refused as such before any time check.
 */
import type { AppointmentState } from '../common/provincial.ts';
import { DomainError } from '../common/errors.ts';
import type { HallConfig } from '../common/hall-config.ts';
import { addDays, epochOfLocal } from './business-time.ts';

/** Check-in opens this many minutes before the appointment is due. */
export const CHECK_IN_LEAD_MINUTES = 30;
const MINUTE = 60_000;

/** Codes made on the dashboard: "HG-" and 8 characters without look-alikes (no I, L, O, U, 0, 1). */
export const DASHBOARD_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const DASHBOARD_CODE_LENGTH = 8;
export const DASHBOARD_CODE = /^HG-[2-9A-HJKMNP-TV-Z]{8}$/;

export interface AppointmentSlot {
  readonly slotStart: number;
  readonly slotEnd: number;
}

/** What a dashboard booking asks for; `date` is the business day as YYYY-MM-DD, `from`/`to` HH:mm. */
export interface BookingRequest {
  readonly serviceId: string;
  readonly procedureId?: string | undefined;
  readonly date: string;
  readonly from: string;
  readonly to: string;
}

export interface Booking extends AppointmentSlot {
  readonly serviceId: string;
  readonly procedureId: string | null;
}

/** A slot starts before it ends (false for instants that are not numbers). */
export function isOrderedSlot(slot: AppointmentSlot): boolean {
  return slot.slotEnd > slot.slotStart;
}

function invalid(path: string, message: string, code: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { issues: [{ path, message, code }] });
}

/**
 * The slot a dashboard booking takes, or a refusal: UNKNOWN_SERVICE, UNKNOWN_PROCEDURE, or
 * VALIDATION_FAILED on `to` when the slot does not start before it ends or has already ended.
 */
export function bookSlot(config: HallConfig, request: BookingRequest, now: number): Booking {
  if (!config.services.some((s) => s.id === request.serviceId)) throw new DomainError('UNKNOWN_SERVICE', { serviceId: request.serviceId });
  if (request.procedureId !== undefined && !config.procedures.some((p) => p.id === request.procedureId)) {
    throw new DomainError('UNKNOWN_PROCEDURE', { procedureId: request.procedureId });
  }
  const tz = config.schedule.timeZone;
  const slotStart = epochOfLocal(request.date, request.from, tz);
  const slotEnd = epochOfLocal(request.date, request.to, tz);
  if (!isOrderedSlot({ slotStart, slotEnd })) throw invalid('to', '"from" must be earlier than "to"', 'custom');
  if (slotEnd <= now) throw invalid('to', 'the slot has already ended', 'in_the_past');
  return { serviceId: request.serviceId, procedureId: request.procedureId ?? null, slotStart, slotEnd };
}

/**
 * A dashboard booking code. `randomIndex(n)` answers a uniform integer in [0, n) (node:crypto's
 * randomInt on the server; a seeded source in tests).
 */
export function dashboardAppointmentCode(randomIndex: (n: number) => number): string {
  let tail = '';
  for (let i = 0; i < DASHBOARD_CODE_LENGTH; i += 1) tail += DASHBOARD_CODE_ALPHABET[randomIndex(DASHBOARD_CODE_ALPHABET.length)];
  return `HG-${tail}`;
}

/** The instants bounding one business day in the hall's time zone: [from, to), local midnight to midnight. */
export function businessDayBounds(date: string, timeZone: string): { from: number; to: number } {
  return { from: epochOfLocal(date, '00:00', timeZone), to: epochOfLocal(addDays(date, 1), '00:00', timeZone) };
}

/** The window in which an appointment can be checked in (epoch ms, end exclusive). */
export function checkInWindow(slot: AppointmentSlot, appointmentEarlyMinutes: number): { opensAt: number; closesAt: number } {
  return { opensAt: slot.slotStart - (appointmentEarlyMinutes + CHECK_IN_LEAD_MINUTES) * MINUTE, closesAt: slot.slotEnd };
}

/**
 * Refuses a check-in that may not happen at `now`: APPOINTMENT_ALREADY_CHECKED_IN,
 * APPOINTMENT_CANCELLED, APPOINTMENT_TOO_LATE (a no-show, or the slot has ended) or
 * APPOINTMENT_TOO_EARLY (with the instant the window opens). Returns when it may.
 */
export function assertCheckInOpen(
  appointment: AppointmentSlot & { readonly code: string; readonly state: AppointmentState },
  now: number,
  appointmentEarlyMinutes: number,
): void {
  const { code } = appointment;
  if (appointment.state === 'checked_in') throw new DomainError('APPOINTMENT_ALREADY_CHECKED_IN', { code });
  if (appointment.state === 'cancelled') throw new DomainError('APPOINTMENT_CANCELLED', { code });
  const window = checkInWindow(appointment, appointmentEarlyMinutes);
  if (appointment.state === 'no_show' || now >= window.closesAt) throw new DomainError('APPOINTMENT_TOO_LATE', { code, slotEnd: appointment.slotEnd });
  if (now < window.opensAt) throw new DomainError('APPOINTMENT_TOO_EARLY', { code, opensAt: window.opensAt, slotStart: appointment.slotStart });
}
