/**
 * Appointments (hẹn giờ): listed for a day, booked on the dashboard, synced from the provincial
 * system, and checked in at the kiosk by the QR on the booking.
 *
 * The rules (which slot may be booked, the booking codes, the check-in window) are pure functions
 * in core/appointment-booking.ts; these routes parse, call them, persist and answer. The ticket is
 * an `appointment` ticket with the slot start: callNext takes it first once it is due, and before
 * that only when nobody else waits (core/call-policy.ts). The ticket and the check-in commit in
 * one transaction, so a QR never yields two tickets.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { toPublicTicket } from '../../common/domain.ts';
import { appointmentListResponse, appointmentSyncResponse, appointmentViewSchema, checkInResponse } from '../../common/dossier-responses.ts';
import { DomainError } from '../../common/errors.ts';
import {
  checkInAppointmentRequest,
  createAppointmentRequest,
  isoDateOfVi,
  normalizeAppointmentCode,
  syncAppointmentsRequest,
  type CheckInResponse,
} from '../../common/provincial.ts';
import { assertCheckInOpen, bookSlot, businessDayBounds, CHECK_IN_LEAD_MINUTES, dashboardAppointmentCode } from '../../core/appointment-booking.ts';
import { businessDateOf, formatDateVi } from '../../core/business-time.ts';
import { issueTicket } from '../../core/queue-engine.ts';
import { estimateWait } from '../../core/wait-estimate.ts';
import { toAppointmentView } from '../../store/appointment-store.ts';
import { route, type Route } from '../http/route.ts';
import { uuidv7 } from '../ids.ts';
import { personHash } from '../secrets.ts';
import type { ProvincialSync } from '../sync/provincial-sync.ts';
import type { RouteDeps } from './deps.ts';

const SUPERVISOR = { devices: ['dashboard'], staff: ['supervisor', 'admin'] } as const;

function invalid(path: string, message: string, code = 'invalid'): DomainError {
  return new DomainError('VALIDATION_FAILED', { issues: [{ path, message, code }] });
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
      method: 'GET',
      path: '/api/v1/appointments',
      operationId: 'listAppointments',
      tag: 'appointments',
      logs: [],
      summary:
        'Appointments whose slot starts on one business day (date=dd/mm/yyyy, default today), by slot start. ' +
        'Booked appointments whose slot has ended are marked no_show first.',
      access: { devices: ['dashboard', 'counter'], staff: ['officer', 'supervisor', 'admin'] },
      success: { body: appointmentListResponse },
      query: z.object({ date: z.string().optional().describe('Business day, dd/mm/yyyy (default: today in the hall time zone).') }),
      handler: ({ query }) => {
        const date = dayOf(query.date);
        sync.appointments.markNoShows(hall.now());
        const { from, to } = businessDayBounds(date, tz);
        return { status: 200, body: { date: formatDateVi(date), appointments: sync.appointments.inRange(from, to).map(toAppointmentView) } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/appointments',
      operationId: 'createAppointment',
      tag: 'appointments',
      logs: [],
      summary:
        'Books an appointment on the dashboard: {serviceId, procedureId?, date dd/mm/yyyy, from HH:mm, to HH:mm, idNumber?}. ' +
        'Answers it with its code (the QR carries "HEN:<code>"). The ID number is only hashed.',
      access: SUPERVISOR,
      success: { status: 201, body: appointmentViewSchema },
      body: createAppointmentRequest,
      handler: ({ body }) => {
        const now = hall.now();
        const slot = bookSlot(hall.config, { ...body, date: dayOf(body.date) }, now);
        for (let tries = 0; ; tries += 1) {
          const code = dashboardAppointmentCode(randomInt);
          if (sync.appointments.byCode(code) && tries < 5) continue;
          const created = sync.appointments.create({
            id: uuidv7(now),
            code,
            ...slot,
            personHash: body.idNumber === undefined ? null : personHash(deps.personKey, body.idNumber),
            source: 'dashboard',
            state: 'booked',
            now,
          });
          return { status: 201, body: toAppointmentView(created) };
        }
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/appointments/check-in',
      operationId: 'checkInAppointment',
      tag: 'appointments',
      logs: ['ticket.issued'],
      summary:
        'Checks an appointment in from its QR ({code}: "HEN:…", "LH:…" or the bare code) and issues its appointment ticket ' +
        `(as issueTicket, plus the appointment). Opens ${CHECK_IN_LEAD_MINUTES} minutes before the appointment is due, closes when the slot ends.`,
      access: { devices: ['kiosk'] },
      success: { status: 201, body: checkInResponse },
      body: checkInAppointmentRequest,
      handler: ({ body, caller }) => {
        const code = normalizeAppointmentCode(body.code);
        if (code === null) throw invalid('code', 'an appointment code: 6–32 letters, digits or "-", optionally after "HEN:" or "LH:"', 'invalid_code');
        const appointment = sync.appointments.byCode(code);
        if (!appointment) throw new DomainError('UNKNOWN_APPOINTMENT', { code });
        const now = hall.now();
        assertCheckInOpen(appointment, now, hall.config.policy.appointmentEarlyMinutes);
        deps.issueLimiter.admit(caller.device);
        const stored = hall.execute(
          (config, state, ctx) =>
            issueTicket(
              config,
              state,
              {
                serviceId: appointment.serviceId,
                priority: 'appointment',
                channel: 'appointment',
                personHash: appointment.personHash,
                procedureId: appointment.procedureId,
                slotStart: appointment.slotStart,
                deviceId: caller.device?.id ?? null,
              },
              ctx,
            ),
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
        const estimate = estimateWait(hall.config, hall.state, ticket.serviceId, ticket.priority, ticket);
        const checkedIn = sync.appointments.byId(appointment.id);
        if (!checkedIn) throw new DomainError('INTERNAL');
        const response: CheckInResponse = {
          ticket: toPublicTicket(ticket),
          estimate,
          ...deps.ticketLinks.linkOf(ticket.id),
          appointment: toAppointmentView(checkedIn),
        };
        return { status: 201, body: response };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/appointments/sync',
      operationId: 'syncAppointments',
      tag: 'appointments',
      logs: [],
      summary:
        'Fetches one business day of appointments (date=dd/mm/yyyy, default today) from the provincial system now; ' +
        'answers what was created, updated, cancelled and skipped (with why). The server also does this on a timer.',
      access: SUPERVISOR,
      success: { body: appointmentSyncResponse },
      body: syncAppointmentsRequest,
      handler: async ({ body }) => {
        const date = dayOf(body.date);
        const result = await sync.syncAppointments(date);
        return { status: 200, body: { ...result, date: formatDateVi(result.date) } };
      },
    }),
  ];
}
