/**
 * Appointment rules: the slots a dashboard booking may take (catalogue, order, not yet ended), the
 * dashboard's booking codes, the business day a listing covers, and the check-in window walked
 * with a fake clock across its edges, including windows that open before local midnight.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import { normalizeAppointmentCode, type AppointmentState } from '../../../../electron/common/provincial.ts';
import {
  assertCheckInOpen,
  bookSlot,
  businessDayBounds,
  isOrderedSlot,
  CHECK_IN_LEAD_MINUTES,
  checkInWindow,
  DASHBOARD_CODE,
  DASHBOARD_CODE_ALPHABET,
  dashboardAppointmentCode,
} from '../../../../electron/core/appointment-booking.ts';
import { addDays, businessDateOf } from '../../../../electron/core/business-time.ts';
import { seededRandom } from '../../../../electron/core/seeded-random.ts';
import { loadSite } from '../../../../kiosk-config/load-site.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { MINUTE, MONDAY, SUNDAY, TZ, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

const isCode =
  (code: ErrorCode, details: Record<string, unknown> = {}) =>
  (e: unknown) => {
    if (!(e instanceof DomainError) || e.code !== code) return false;
    for (const [k, v] of Object.entries(details)) assert.deepEqual((e.details as Record<string, unknown>)[k], v, k);
    return true;
  };
const validationAt = (path: string, issueCode: string) => (e: unknown) => {
  if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') return false;
  const issues = (e.details as { issues: { path: string; code: string }[] }).issues;
  return issues.length === 1 && issues[0]?.path === path && issues[0]?.code === issueCode;
};

const config = testHallConfig(); // appointmentEarlyMinutes 5, Asia/Ho_Chi_Minh
const EARLY = config.policy.appointmentEarlyMinutes;

describe('bookSlot', () => {
  test('a slot on a business day becomes the instants of the hall clock (UTC+7)', () => {
    const booking = bookSlot(config, { serviceId: 'ho-tich', date: MONDAY, from: '09:00', to: '09:30' }, at(MONDAY, '08:00'));
    assert.deepEqual(booking, { serviceId: 'ho-tich', procedureId: null, slotStart: Date.UTC(2026, 2, 2, 2, 0), slotEnd: Date.UTC(2026, 2, 2, 2, 30) });
  });

  test('a known procedure is kept; an unknown service or procedure is refused by name', () => {
    const demo = loadSite('kiosk-config/sites/demo-hall');
    const procedure = demo.procedures[0];
    assert.ok(procedure, 'the demo hall has procedures');
    const now = at(MONDAY, '08:00');
    const booking = bookSlot(demo, { serviceId: procedure.serviceId, procedureId: procedure.id, date: MONDAY, from: '10:00', to: '10:15' }, now);
    assert.equal(booking.procedureId, procedure.id);
    assert.throws(
      () => bookSlot(config, { serviceId: 'no-such', date: MONDAY, from: '09:00', to: '09:30' }, now),
      isCode('UNKNOWN_SERVICE', { serviceId: 'no-such' }),
    );
    assert.throws(
      () => bookSlot(config, { serviceId: 'ho-tich', procedureId: 'no-such', date: MONDAY, from: '09:00', to: '09:30' }, now),
      isCode('UNKNOWN_PROCEDURE', { procedureId: 'no-such' }),
    );
  });

  test('the slot must start before it ends', () => {
    assert.equal(isOrderedSlot({ slotStart: 1, slotEnd: 2 }), true);
    assert.equal(isOrderedSlot({ slotStart: 2, slotEnd: 2 }), false);
    assert.equal(isOrderedSlot({ slotStart: Number.NaN, slotEnd: 2 }), false, 'an unreadable instant is no slot');
    const now = at(MONDAY, '08:00');
    assert.throws(() => bookSlot(config, { serviceId: 'ho-tich', date: MONDAY, from: '09:30', to: '09:30' }, now), validationAt('to', 'custom'));
    assert.throws(() => bookSlot(config, { serviceId: 'ho-tich', date: MONDAY, from: '10:00', to: '09:30' }, now), validationAt('to', 'custom'));
  });

  test('a slot may be booked until its last millisecond; once it has ended it is in the past', async () => {
    const clock = new FakeClock(at(MONDAY, '09:00'));
    const request = { serviceId: 'ho-tich', date: MONDAY, from: '09:00', to: '09:30' };
    assert.equal(bookSlot(config, request, clock.now()).slotEnd, at(MONDAY, '09:30'), 'a slot that has begun is still bookable');
    await clock.advance(30 * MINUTE - 1);
    bookSlot(config, request, clock.now());
    await clock.advance(1);
    assert.throws(() => bookSlot(config, request, clock.now()), validationAt('to', 'in_the_past'));
  });

  test("the business day is the hall's: a Sunday 23:30 slot is bookable at 23:20 local and refused from local midnight, while UTC still says Sunday", async () => {
    const request = { serviceId: 'ho-tich', date: SUNDAY, from: '23:30', to: '23:59' };
    const clock = new FakeClock(Date.UTC(2026, 2, 8, 16, 20)); // 23:20 in the hall
    assert.equal(businessDateOf(clock.now(), TZ), SUNDAY);
    bookSlot(config, request, clock.now());
    await clock.advance(40 * MINUTE); // 00:00 Monday in the hall, 17:00 Sunday UTC
    assert.equal(businessDateOf(clock.now(), TZ), addDays(SUNDAY, 1));
    assert.equal(new Date(clock.now()).getUTCDate(), 8, 'UTC is still on Sunday');
    assert.throws(() => bookSlot(config, request, clock.now()), validationAt('to', 'in_the_past'));
  });
});

describe('dashboardAppointmentCode', () => {
  test('"HG-" and 8 characters of the look-alike-free alphabet, each drawn from the whole alphabet', () => {
    const seen = new Set<string>();
    const random = seededRandom(7);
    for (let i = 0; i < 500; i += 1) {
      const code = dashboardAppointmentCode((n) => Math.floor(random() * n));
      assert.match(code, DASHBOARD_CODE);
      assert.equal(normalizeAppointmentCode(`HEN:${code.toLowerCase()}`), code, 'the kiosk reads it back from the QR');
      for (const c of code.slice(3)) seen.add(c);
    }
    assert.equal(seen.size, DASHBOARD_CODE_ALPHABET.length);
    for (const lookAlike of 'ILOU01') assert.ok(!DASHBOARD_CODE_ALPHABET.includes(lookAlike), lookAlike);
  });

  test('asks the random source for an index below the alphabet size, once per character', () => {
    const asked: number[] = [];
    const code = dashboardAppointmentCode((n) => {
      asked.push(n);
      return asked.length - 1;
    });
    assert.deepEqual(asked, Array(8).fill(DASHBOARD_CODE_ALPHABET.length));
    assert.equal(code, `HG-${DASHBOARD_CODE_ALPHABET.slice(0, 8)}`);
  });
});

describe('businessDayBounds', () => {
  test('local midnight to midnight: 17:00 UTC of the day before to 17:00 UTC of the day', () => {
    assert.deepEqual(businessDayBounds(MONDAY, TZ), { from: Date.UTC(2026, 2, 1, 17, 0), to: Date.UTC(2026, 2, 2, 17, 0) });
    assert.equal(businessDateOf(businessDayBounds(MONDAY, TZ).from, TZ), MONDAY);
    assert.equal(businessDateOf(businessDayBounds(MONDAY, TZ).to - 1, TZ), MONDAY);
    assert.equal(businessDateOf(businessDayBounds(MONDAY, TZ).to, TZ), '2026-03-03');
  });

  test('across a month and a year end', () => {
    assert.deepEqual(businessDayBounds('2026-12-31', TZ), { from: Date.UTC(2026, 11, 30, 17, 0), to: Date.UTC(2026, 11, 31, 17, 0) });
  });
});

describe('check-in window', () => {
  const slot = { code: 'HG-ABCDEFGH', slotStart: at(MONDAY, '09:00'), slotEnd: at(MONDAY, '09:30') };
  const booked = { ...slot, state: 'booked' as AppointmentState };

  test(`opens ${CHECK_IN_LEAD_MINUTES} minutes before the appointment is due (slot start − appointmentEarlyMinutes) and closes at the slot end`, () => {
    assert.deepEqual(checkInWindow(slot, EARLY), { opensAt: at(MONDAY, '08:25'), closesAt: at(MONDAY, '09:30') });
    assert.deepEqual(checkInWindow(slot, 0), { opensAt: at(MONDAY, '08:30'), closesAt: at(MONDAY, '09:30') });
  });

  test('a fake clock walked through it: too early until it opens, open through the last millisecond, too late at the end', async () => {
    const clock = new FakeClock(at(MONDAY, '08:00'));
    const outcome = (): string => {
      try {
        assertCheckInOpen(booked, clock.now(), EARLY);
        return 'open';
      } catch (e) {
        return e instanceof DomainError ? e.code : 'other';
      }
    };
    assert.throws(
      () => assertCheckInOpen(booked, clock.now(), EARLY),
      isCode('APPOINTMENT_TOO_EARLY', { opensAt: at(MONDAY, '08:25'), slotStart: slot.slotStart }),
    );
    await clock.advance(25 * MINUTE - 1);
    assert.equal(outcome(), 'APPOINTMENT_TOO_EARLY', '08:24:59.999');
    await clock.advance(1);
    assert.equal(outcome(), 'open', '08:25 opens');
    await clock.advance(65 * MINUTE - 1);
    assert.equal(outcome(), 'open', '09:29:59.999 is the last instant');
    await clock.advance(1);
    assert.throws(() => assertCheckInOpen(booked, clock.now(), EARLY), isCode('APPOINTMENT_TOO_LATE', { slotEnd: slot.slotEnd }));
  });

  test('a window that opens before local midnight: a 00:15 slot can be checked in from 23:40 of the previous business day', async () => {
    const tuesdayEarly = { code: 'HG-MIDNIGHT', state: 'booked' as AppointmentState, slotStart: at('2026-03-03', '00:15'), slotEnd: at('2026-03-03', '00:45') };
    const clock = new FakeClock(at(MONDAY, '23:39'));
    assert.throws(() => assertCheckInOpen(tuesdayEarly, clock.now(), EARLY), isCode('APPOINTMENT_TOO_EARLY'));
    await clock.advance(MINUTE);
    assert.equal(businessDateOf(clock.now(), TZ), MONDAY);
    assertCheckInOpen(tuesdayEarly, clock.now(), EARLY);
    await clock.advance(21 * MINUTE); // 00:00 local, 17:00 UTC
    assert.equal(businessDateOf(clock.now(), TZ), '2026-03-03');
    assertCheckInOpen(tuesdayEarly, clock.now(), EARLY);
  });

  test('the state decides before the clock: checked in and cancelled are refused as such, a no-show is too late even inside the window', () => {
    const inside = at(MONDAY, '09:00');
    assert.throws(() => assertCheckInOpen({ ...slot, state: 'checked_in' }, inside, EARLY), isCode('APPOINTMENT_ALREADY_CHECKED_IN', { code: slot.code }));
    assert.throws(() => assertCheckInOpen({ ...slot, state: 'checked_in' }, at(MONDAY, '07:00'), EARLY), isCode('APPOINTMENT_ALREADY_CHECKED_IN'));
    assert.throws(() => assertCheckInOpen({ ...slot, state: 'cancelled' }, inside, EARLY), isCode('APPOINTMENT_CANCELLED', { code: slot.code }));
    assert.throws(() => assertCheckInOpen({ ...slot, state: 'no_show' }, inside, EARLY), isCode('APPOINTMENT_TOO_LATE'));
    assertCheckInOpen(booked, inside, EARLY);
  });
});
