/**
 * Dossier status lookup and appointments, through the hall API, with the real provincial simulator
 * on 127.0.0.1 and a fake clock:
 *   - status by dossier code (Vietnamese labels), unknown and malformed codes, the provincial
 *     system slow or down (PROVINCIAL_UNAVAILABLE), a hall without the secret;
 *   - appointments synced from the province (unknown procedures skipped, cancellations followed),
 *     booked on the dashboard, listed for a day without any person data;
 *   - check-in by QR: the window, the appointment ticket served at its slot by callNext (before its
 *     slot only normal tickets are called), and every refusal.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProvincialSimulator } from '../../../scripts/provincial/simulator.ts';
import { api, startTestHall, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { demoHallWithProvincial, supervisorOnDashboard } from '../../support/provincial.ts';

const MINUTE = 60_000;
const TOKEN = 'appointments-test-token';
/** Hanoi local time on Monday 2026-03-02 (UTC+7). */
const at = (hhmm: string): number => Date.parse(`2026-03-02T${hhmm}:00+07:00`);
const iso = (hhmm: string): string => new Date(at(hhmm)).toISOString();
const AGENCY = '000.14.21.H36';
const KHAI_SINH = '1.001193'; // dang-ky-khai-sinh, queue ho-tich
const ID_NUMBER = '001203004567';
const OTHER_ID_NUMBER = '079301002345';

describe('dossier status and appointments', () => {
  let now = at('08:00');
  let sim: ProvincialSimulator;
  let hall: TestHall;
  let kiosk: string;
  let supervisor: { token: string; session: string };
  let officer: { token: string; session: string };

  const ok = (r: ApiResponse, status = 200): void => assert.equal(r.status, status, JSON.stringify(r.json));
  const refused = (r: ApiResponse, status: number, code: string): void => {
    assert.equal(r.status, status, JSON.stringify(r.json));
    assert.equal(r.json.error.code, code);
  };
  const checkIn = (code: string, token = kiosk): Promise<ApiResponse> => api(hall.url, 'POST', '/api/v1/appointments/check-in', { token, body: { code } });
  const op = async (action: string, body?: unknown): Promise<ApiResponse> => {
    const r = await api(hall.url, 'POST', `/api/v1/counters/quay-1/${action}`, { ...officer, body });
    ok(r);
    return r;
  };

  before(async () => {
    sim = await ProvincialSimulator.start({ token: TOKEN, port: 0 });
    hall = await startTestHall({
      config: demoHallWithProvincial(),
      clock: () => now,
      provincial: { env: { PROVINCIAL_TOKEN: TOKEN }, baseUrl: sim.url, autoStart: false },
    });
    kiosk = hall.device('kiosk');
    supervisor = await supervisorOnDashboard(hall);
    officer = await hall.officerAt('quay-1');
  });
  after(async () => {
    await hall?.close();
    await sim?.close();
  });

  describe('dossier status', () => {
    test('a known code: state, Vietnamese and English label, update time; typed in lower case too', async () => {
      sim.setDossierStatus(`${AGENCY}-260302-0001`, 'processing', '2026-03-02T00:30:00.000Z');
      const r = await api(hall.url, 'GET', `/api/v1/dossier-status/${AGENCY.toLowerCase()}-260302-0001`, { token: kiosk });
      ok(r);
      assert.deepEqual(r.json, {
        code: `${AGENCY}-260302-0001`,
        state: 'processing',
        label: { vi: 'Đang giải quyết', en: 'Being processed' },
        updatedAt: Date.parse('2026-03-02T00:30:00.000Z'),
      });
      sim.setDossierStatus(`${AGENCY}-260302-0002`, 'completed');
      const done = await api(hall.url, 'GET', `/api/v1/dossier-status/${AGENCY}-260302-0002`, { token: officer.token });
      assert.equal(done.json.label.vi, 'Đã có kết quả');
    });

    test('an unknown code is "Hồ sơ không tồn tại"; a malformed one is INVALID_DOSSIER_CODE', async () => {
      const unknown = await api(hall.url, 'GET', `/api/v1/dossier-status/${AGENCY}-260302-9999`, { token: kiosk });
      ok(unknown);
      assert.deepEqual(unknown.json, {
        code: `${AGENCY}-260302-9999`,
        state: 'not_found',
        label: { vi: 'Hồ sơ không tồn tại', en: 'No such dossier' },
        updatedAt: null,
      });
      for (const bad of ['abc', `${AGENCY}-2603-0001`, `${AGENCY}-260302-12`, '%20']) {
        refused(await api(hall.url, 'GET', `/api/v1/dossier-status/${bad}`, { token: kiosk }), 400, 'INVALID_DOSSIER_CODE');
      }
      refused(await api(hall.url, 'GET', `/api/v1/dossier-status/${AGENCY}-260302-0001`, { token: hall.device('rating', 'quay-1') }), 403, 'FORBIDDEN');
    });

    test('a provincial system that does not answer in time, or is down: PROVINCIAL_UNAVAILABLE', async () => {
      sim.setFaults(['timeout']);
      const slow = await api(hall.url, 'GET', `/api/v1/dossier-status/${AGENCY}-260302-0001`, { token: kiosk });
      refused(slow, 503, 'PROVINCIAL_UNAVAILABLE');
      assert.match(slow.json.error.details.reason, /no answer within 300 ms/);
      sim.setFaults([]);
      await sim.setDown(true);
      const down = await api(hall.url, 'GET', `/api/v1/dossier-status/${AGENCY}-260302-0001`, { token: kiosk });
      refused(down, 503, 'PROVINCIAL_UNAVAILABLE');
      assert.match(down.json.error.details.reason, /ECONNREFUSED/);
      await sim.setDown(false);
    });

    test('a hall whose secret is not set answers PROVINCIAL_UNAVAILABLE and says why', async () => {
      const unlinked = await startTestHall({ config: demoHallWithProvincial(), clock: () => now });
      try {
        const r = await api(unlinked.url, 'GET', `/api/v1/dossier-status/${AGENCY}-260302-0001`, { token: unlinked.device('kiosk') });
        refused(r, 503, 'PROVINCIAL_UNAVAILABLE');
        assert.match(r.json.error.details.reason, /PROVINCIAL_TOKEN/);
        const view = await api(unlinked.url, 'GET', '/api/v1/outbox', await supervisorOnDashboard(unlinked));
        assert.equal(view.json.sync.state, 'missing_secret');
      } finally {
        await unlinked.close();
      }
    });
  });

  describe('appointments', () => {
    test('synced from the province: unknown procedures skipped, the ID number only hashed, cancellations followed', async () => {
      sim.addAppointment({
        agency: AGENCY,
        code: 'TN-900001',
        procedureCode: KHAI_SINH,
        slotStart: iso('09:00'),
        slotEnd: iso('09:30'),
        idNumber: ID_NUMBER,
        status: 'booked',
      });
      sim.addAppointment({ agency: AGENCY, code: 'TN-900002', procedureCode: '9.999999', slotStart: iso('09:00'), slotEnd: iso('09:30'), status: 'booked' });
      sim.addAppointment({ agency: AGENCY, code: 'TN-900003', procedureCode: KHAI_SINH, slotStart: iso('10:00'), slotEnd: iso('10:30'), status: 'booked' });
      sim.addAppointment({ agency: AGENCY, code: 'TN-900004', procedureCode: KHAI_SINH, slotStart: iso('07:00'), slotEnd: iso('07:30'), status: 'booked' });
      sim.addAppointment({
        agency: 'ANOTHER.AGENCY',
        code: 'TN-900005',
        procedureCode: KHAI_SINH,
        slotStart: iso('09:00'),
        slotEnd: iso('09:30'),
        status: 'booked',
      });
      sim.addAppointment({
        agency: AGENCY,
        code: 'TN-900006',
        procedureCode: KHAI_SINH,
        slotStart: '2026-03-03T02:00:00.000Z',
        slotEnd: '2026-03-03T02:30:00.000Z',
        status: 'booked',
      });

      const first = await api(hall.url, 'POST', '/api/v1/appointments/sync', { ...supervisor, body: { date: '02/03/2026' } });
      ok(first);
      assert.deepEqual(first.json, {
        date: '02/03/2026',
        received: 4,
        created: 3,
        updated: 0,
        cancelled: 0,
        skipped: [{ code: 'TN-900002', reason: "procedure code 9.999999 is not in this hall's catalogue" }],
      });
      const again = await api(hall.url, 'POST', '/api/v1/appointments/sync', { ...supervisor, body: { date: '02/03/2026' } });
      assert.deepEqual([again.json.created, again.json.updated, again.json.cancelled], [0, 0, 0], 'a second sync changes nothing');

      sim.addAppointment({ agency: AGENCY, code: 'TN-900003', procedureCode: KHAI_SINH, slotStart: iso('10:00'), slotEnd: iso('10:30'), status: 'cancelled' });
      const cancelled = await api(hall.url, 'POST', '/api/v1/appointments/sync', { ...supervisor, body: {} });
      assert.equal(cancelled.json.cancelled, 1, 'today by default');

      const list = await api(hall.url, 'GET', '/api/v1/appointments?date=02/03/2026', officer);
      ok(list);
      assert.equal(list.json.date, '02/03/2026');
      assert.deepEqual(
        list.json.appointments.map((a: { code: string; state: string; serviceId: string }) => [a.code, a.state, a.serviceId]),
        [
          ['TN-900004', 'no_show', 'ho-tich'],
          ['TN-900001', 'booked', 'ho-tich'],
          ['TN-900003', 'cancelled', 'ho-tich'],
        ],
      );
      const text = JSON.stringify(list.json);
      assert.ok(!text.includes(ID_NUMBER) && !text.includes('personHash'), 'no person data leaves the server');
      refused(await api(hall.url, 'GET', '/api/v1/appointments?date=2026-03-02', officer), 400, 'VALIDATION_FAILED');
      refused(await api(hall.url, 'POST', '/api/v1/appointments/sync', { ...officer, body: {} }), 403, 'FORBIDDEN');
    });

    test('check-in opens 30 minutes before the appointment is due; the ticket is served at its slot', async () => {
      // Due at 08:55 (appointmentEarlyMinutes = 5): check-in opens at 08:25.
      const early = await checkIn('HEN:TN-900001');
      refused(early, 409, 'APPOINTMENT_TOO_EARLY');
      assert.equal(early.json.error.details.opensAt, at('08:25'));
      refused(await checkIn('TN-900001', officer.token), 403, 'FORBIDDEN');

      now = at('08:25');
      const r = await checkIn('hen:tn-900001');
      ok(r, 201);
      assert.equal(r.json.ticket.priority, 'appointment');
      assert.equal(r.json.ticket.channel, 'appointment');
      assert.equal(r.json.ticket.slotStart, at('09:00'));
      assert.equal(r.json.ticket.serviceId, 'ho-tich');
      assert.equal(r.json.ticket.procedureId, 'dang-ky-khai-sinh');
      // The ticket page's link: a token, never the ticket id; the demo hall has no public address, so the QR is the ticket code.
      assert.match(r.json.statusPath, /^\/t\/[A-Za-z0-9_-]{22}$/);
      assert.deepEqual(r.json.qr, { text: `VE:${r.json.statusPath.slice(3)}`, opensPage: false });
      assert.deepEqual([r.json.appointment.state, r.json.appointment.ticketId, r.json.appointment.checkedInAt], ['checked_in', r.json.ticket.id, at('08:25')]);
      refused(await checkIn('HEN:TN-900001'), 409, 'APPOINTMENT_ALREADY_CHECKED_IN');
      const appointmentTicket = r.json.ticket.id as string;

      // Two walk-ins after it. Before the appointment is due, callNext serves them.
      now = at('08:31');
      const walkIn1 = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
      now = at('08:32');
      const walkIn2 = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } });
      ok(walkIn1, 201);
      ok(walkIn2, 201);
      now = at('08:40');
      await op('open');
      const firstCall = await op('call-next');
      assert.equal(firstCall.json.ticket?.id ?? firstCall.json.ticketId, walkIn1.json.ticket.id, 'not yet due: the walk-in goes first');
      await op('start');
      now = at('08:54');
      await op('finish', { outcome: 'received_dossier' });
      now = at('08:55');
      const atSlot = await op('call-next');
      assert.equal(atSlot.json.ticket?.id ?? atSlot.json.ticketId, appointmentTicket, 'due: the appointment goes before the walk-in who waits since 08:32');
    });

    test('refusals: unknown, malformed, cancelled, too late', async () => {
      refused(await checkIn('HEN:TN-000000'), 404, 'UNKNOWN_APPOINTMENT');
      refused(await checkIn('x'), 400, 'VALIDATION_FAILED');
      refused(await checkIn('HEN:TN-900003'), 409, 'APPOINTMENT_CANCELLED');
      refused(await checkIn('LH:TN-900004'), 409, 'APPOINTMENT_TOO_LATE');
    });

    test('booked on the dashboard: a code for the QR, validation, and check-in', async () => {
      // Another citizen: the one of TN-900001 still holds an open ho-tich ticket (one per person per service).
      const body = { serviceId: 'ho-tich', procedureId: 'dang-ky-khai-sinh', date: '02/03/2026', from: '10:00', to: '10:30', idNumber: OTHER_ID_NUMBER };
      const created = await api(hall.url, 'POST', '/api/v1/appointments', { ...supervisor, body });
      ok(created, 201);
      assert.match(created.json.code, /^HG-[2-9A-HJKMNP-TV-Z]{8}$/);
      assert.deepEqual(
        [created.json.source, created.json.state, created.json.slotStart, created.json.slotEnd],
        ['dashboard', 'booked', at('10:00'), at('10:30')],
      );
      assert.ok(!JSON.stringify(created.json).includes(OTHER_ID_NUMBER));

      refused(await api(hall.url, 'POST', '/api/v1/appointments', { ...supervisor, body: { ...body, to: '09:30' } }), 400, 'VALIDATION_FAILED');
      refused(await api(hall.url, 'POST', '/api/v1/appointments', { ...supervisor, body: { ...body, date: '30/02/2026' } }), 400, 'VALIDATION_FAILED');
      refused(await api(hall.url, 'POST', '/api/v1/appointments', { ...supervisor, body: { ...body, serviceId: 'no-such' } }), 404, 'UNKNOWN_SERVICE');
      refused(await api(hall.url, 'POST', '/api/v1/appointments', { ...supervisor, body: { ...body, from: '07:00', to: '08:00' } }), 400, 'VALIDATION_FAILED');
      refused(await api(hall.url, 'POST', '/api/v1/appointments', { ...officer, body }), 403, 'FORBIDDEN');

      now = at('09:40');
      const r = await checkIn(`HEN:${created.json.code}`);
      ok(r, 201);
      assert.equal(r.json.ticket.slotStart, at('10:00'));
      const list = await api(hall.url, 'GET', '/api/v1/appointments', officer);
      assert.ok(list.json.appointments.some((a: { code: string; state: string }) => a.code === created.json.code && a.state === 'checked_in'));
    });

    test('a check-in the queue refuses leaves the appointment booked (ticket and check-in commit together)', async () => {
      const body = { serviceId: 'ho-tich', date: '02/03/2026', from: '10:15', to: '10:45', idNumber: ID_NUMBER };
      const created = await api(hall.url, 'POST', '/api/v1/appointments', { ...supervisor, body });
      ok(created, 201);
      refused(await checkIn(created.json.code), 409, 'DUPLICATE_OPEN_TICKET');
      const list = await api(hall.url, 'GET', '/api/v1/appointments', officer);
      const after = list.json.appointments.find((a: { code: string }) => a.code === created.json.code);
      assert.deepEqual([after.state, after.ticketId, after.checkedInAt], ['booked', null, null]);
    });

    test('the province unreachable: the sync says PROVINCIAL_UNAVAILABLE, nothing changes', async () => {
      await sim.setDown(true);
      const r = await api(hall.url, 'POST', '/api/v1/appointments/sync', { ...supervisor, body: { date: '02/03/2026' } });
      await sim.setDown(false);
      refused(r, 503, 'PROVINCIAL_UNAVAILABLE');
      now += MINUTE;
    });
  });
});
