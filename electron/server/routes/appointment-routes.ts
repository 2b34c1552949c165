/**
 * Appointments (hẹn giờ): listed for a day, booked on the dashboard, synced from the provincial
 * system, and checked in at the kiosk by the QR on the booking.
 *
 * Check-in window (docs/queue-policy.md): from CHECK_IN_LEAD_MINUTES before the appointment
 * becomes due (slot start − policy.appointmentEarlyMinutes) until the slot ends. The ticket is an
 * `appointment` ticket with the slot start: callNext takes it first once it is due, and before
 * that only when nobody else waits (core/call-policy.ts). The ticket and the check-in commit in
 * one transaction, so a QR never yields two tickets.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { toPublicTicket } from '../../common/domain.ts';
import { DomainError } from '../../common/errors.ts';
import {
  checkInAppointmentRequest, createAppointmentRequest, isoDateOfVi, normalizeAppointmentCode, syncAppointmentsRequest,
  type CheckInResponse,
} from '../../common/provincial.ts';
import { addDays, businessDateOf, epochOfLocal, formatDateVi } from '../../core/business-time.ts';
import { issueTicket } from '../../core/queue-engine.ts';
import { estimateWait } from '../../core/wait-estimate.ts';
import { toAppointmentView, type AppointmentRecord } from '../../store/appointment-store.ts';
import { route, type Route } from '../http/route.ts';
import { uuidv7 } from '../ids.ts';
import { personHash } from '../secrets.ts';
import type { ProvincialSync } from '../sync/provincial-sync.ts';
import type { RouteDeps } from './deps.ts';

/** Check-in opens this many minutes before the appointment is due. */
export const CHECK_IN_LEAD_MINUTES = 30;
const MINUTE = 60_000;
const SUPERVISOR = { devices: ['dashboard'], staff: ['supervisor', 'admin'] } as const;
/** Codes made on the dashboard: "HG-" and 8 characters without look-alikes (no I, L, O, U, 0, 1). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

function dashboardCode(): string {
  let tail = '';
  for (let i = 0; i < 8; i += 1) tail += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `HG-${tail}`;
}

function invalid(path: string, message: string, code = 'invalid'): DomainError {
  return new DomainError('VALIDATION_FAILED', { issues: [{ path, message, code }] });
}

/** The window in which an appointment can be checked in (epoch ms, end exclusive). */
export function checkInWindow(a: Pick<AppointmentRecord, 'slotStart' | 'slotEnd'>, appointmentEarlyMinutes: number): { opensAt: number; closesAt: number } {
  return { opensAt: a.slotStart - (appointmentEarlyMinutes + CHECK_IN_LEAD_MINUTES) * MINUTE, closesAt: a.slotEnd };
}

export function appointmentRoutes(deps: RouteDeps, sync: ProvincialSync): Route[] {
  const { hall } = deps;
  const tz = hall.config.schedule.timeZone;
  const today = (): string => businessDateOf(hall.now(), tz);
  const dayOf = (viDate: string | null | undefined, path = 'date'): string => {
    if (viDate === null || viDate === undefined || viDate === '') return today();
    const iso = isoDateOfVi(viDate);
    if (iso === null) throw invalid(path, 'use dd/mm/yyyy, e.g. "23/11/2026"', 'invalid_date');
    return iso;
  };

  return [
    route({
      method: 'GET', path: '/api/v1/appointments', operationId: 'listAppointments', tag: 'appointments',
      summary: 'Appointments whose slot starts on one business day (date=dd/mm/yyyy, default today), by slot start. ' +
        'Booked appointments whose slot has ended are marked no_show first.',
      access: { devices: ['dashboard', 'counter'], staff: ['officer', 'supervisor', 'admin'] },
      query: z.object({ date: z.string().optional().describe('Business day, dd/mm/yyyy (default: today in the hall time zone).') }),
      handler: ({ query }) => {
        const date = dayOf(query.date);
        sync.appointments.markNoShows(hall.now());
        const from = epochOfLocal(date, '00:00', tz);
        const to = epochOfLocal(addDays(date, 1), '00:00', tz);
        return { status: 200, body: { date: formatDateVi(date), appointments: sync.appointments.inRange(from, to).map(toAppointmentView) } };
      },
    }),
    route({
      method: 'POST', path: '/api/v1/appointments', operationId: 'createAppointment', tag: 'appointments',
      summary: 'Books an appointment on the dashboard: {serviceId, procedureId?, date dd/mm/yyyy, from HH:mm, to HH:mm, idNumber?}. ' +
        'Answers it with its code (the QR carries "HEN:<code>"). The ID number is only hashed.',
      access: SUPERVISOR,
      body: createAppointmentRequest,
      handler: ({ body }) => {
        const config = hall.config;
        if (!config.services.some((s) => s.id === body.serviceId)) throw new DomainError('UNKNOWN_SERVICE', { serviceId: body.serviceId });
        if (body.procedureId !== undefined && !config.procedures.some((p) => p.id === body.procedureId)) {
          throw new DomainError('UNKNOWN_PROCEDURE', { procedureId: body.procedureId });
        }
        const date = dayOf(body.date);
        const slotStart = epochOfLocal(date, body.from, tz);
        const slotEnd = epochOfLocal(date, body.to, tz);
        if (slotEnd <= hall.now()) throw invalid('to', 'the slot has already ended', 'in_the_past');
        const now = hall.now();
        for (let tries = 0; ; tries += 1) {
          const code = dashboardCode();
          if (sync.appointments.byCode(code) && tries < 5) continue;
          const created = sync.appointments.create({
            id: uuidv7(now), code, serviceId: body.serviceId, procedureId: body.procedureId ?? null, slotStart, slotEnd,
            personHash: body.idNumber === undefined ? null : personHash(deps.personKey, body.idNumber),
            source: 'dashboard', state: 'booked', now,
          });
          return { status: 201, body: toAppointmentView(created) };
        }
      },
    }),
    route({
      method: 'POST', path: '/api/v1/appointments/check-in', operationId: 'checkInAppointment', tag: 'appointments',
      summary: 'Checks an appointment in from its QR ({code}: "HEN:…", "LH:…" or the bare code) and issues its appointment ticket ' +
        `(as issueTicket, plus the appointment). Opens ${CHECK_IN_LEAD_MINUTES} minutes before the appointment is due, closes when the slot ends.`,
      access: { devices: ['kiosk'] },
      body: checkInAppointmentRequest,
      handler: ({ body, caller }) => {
        const code = normalizeAppointmentCode(body.code);
        if (code === null) throw invalid('code', 'an appointment code: 6–32 letters, digits or "-", optionally after "HEN:" or "LH:"', 'invalid_code');
        const appointment = sync.appointments.byCode(code);
        if (!appointment) throw new DomainError('UNKNOWN_APPOINTMENT', { code });
        if (appointment.state === 'checked_in') throw new DomainError('APPOINTMENT_ALREADY_CHECKED_IN', { code });
        if (appointment.state === 'cancelled') throw new DomainError('APPOINTMENT_CANCELLED', { code });
        const now = hall.now();
        const window = checkInWindow(appointment, hall.config.policy.appointmentEarlyMinutes);
        if (appointment.state === 'no_show' || now >= window.closesAt) throw new DomainError('APPOINTMENT_TOO_LATE', { code, slotEnd: appointment.slotEnd });
        if (now < window.opensAt) throw new DomainError('APPOINTMENT_TOO_EARLY', { code, opensAt: window.opensAt, slotStart: appointment.slotStart });

        const stored = hall.execute(
          (config, state, ctx) => issueTicket(config, state, {
            serviceId: appointment.serviceId,
            priority: 'appointment',
            channel: 'appointment',
            personHash: appointment.personHash,
            procedureId: appointment.procedureId,
            slotStart: appointment.slotStart,
            deviceId: caller.device?.id ?? null,
          }, ctx),
          (events) => {
            const issued = events.find((e) => e.type === 'ticket.issued');
            if (!issued?.ticketId || !sync.appointments.markCheckedIn(appointment.id, issued.ticketId, now)) {
              throw new DomainError('APPOINTMENT_ALREADY_CHECKED_IN', { code });
            }
          },
        );
        const issued = stored.find((e) => e.type === 'ticket.issued');
        if (!issued || issued.type !== 'ticket.issued') throw new DomainError('INTERNAL');
        const ticket = issued.data.ticket;
        const estimate = estimateWait(hall.config, hall.state, ticket.serviceId, ticket.priority, { queuedAt: ticket.queuedAt, seq: ticket.seq });
        const checkedIn = sync.appointments.byId(appointment.id);
        if (!checkedIn) throw new DomainError('INTERNAL');
        const response: CheckInResponse = { ticket: toPublicTicket(ticket), estimate, ...deps.ticketLinks.linkOf(ticket.id), appointment: toAppointmentView(checkedIn) };
        return { status: 201, body: response };
      },
    }),
    route({
      method: 'POST', path: '/api/v1/appointments/sync', operationId: 'syncAppointments', tag: 'appointments',
      summary: 'Fetches one business day of appointments (date=dd/mm/yyyy, default today) from the provincial system now; ' +
        'answers what was created, updated, cancelled and skipped (with why). The server also does this on a timer.',
      access: SUPERVISOR,
      body: syncAppointmentsRequest,
      handler: async ({ body }) => {
        const date = dayOf(body.date);
        const result = await sync.syncAppointments(date);
        return { status: 200, body: { ...result, date: formatDateVi(result.date) } };
      },
    }),
  ];
}
