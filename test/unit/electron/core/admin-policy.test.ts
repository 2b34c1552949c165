/**
 * Who may create what on the dashboard (core/admin-policy.ts over common/admin-grants.ts): the
 * whole table of acting roles against device and account roles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_DEVICE_ROLES, ADMIN_STAFF_ROLES, type AdminStaffRole } from '../../../../electron/common/admin-grants.ts';
import { createStaffRefusal, enrolRefusal, staffAdminRefusal } from '../../../../electron/core/admin-policy.ts';

const actor = (role: AdminStaffRole) => ({ staffId: 'nguoi-lam', role, deviceId: 'bang-dieu-hanh' });

test('a supervisor enrols the floor’s terminals, only an administrator a dashboard, an officer nothing', () => {
  const allowed = Object.fromEntries(ADMIN_STAFF_ROLES.map((role) => [role, ADMIN_DEVICE_ROLES.filter((d) => enrolRefusal(actor(role), d) === null)]));
  assert.deepEqual(allowed, {
    officer: [],
    supervisor: ['kiosk', 'display', 'counter', 'rating'],
    admin: ['kiosk', 'display', 'counter', 'dashboard', 'rating'],
  });
  assert.equal(enrolRefusal(actor('supervisor'), 'dashboard'), 'only an administrator may enrol a dashboard');
});

test('a supervisor adds officers, only an administrator supervisors and administrators, an officer nobody', () => {
  const allowed = Object.fromEntries(ADMIN_STAFF_ROLES.map((role) => [role, ADMIN_STAFF_ROLES.filter((s) => createStaffRefusal(actor(role), s) === null)]));
  assert.deepEqual(allowed, { officer: [], supervisor: ['officer'], admin: ['officer', 'supervisor', 'admin'] });
  assert.equal(createStaffRefusal(actor('supervisor'), 'admin'), 'only an administrator may create an administrator account');
});

test('a supervisor resets officers’ PINs only; disabling a fellow supervisor stays theirs, resetting their PIN is an administrator’s', () => {
  const supervisor = { staffId: 's1', role: 'supervisor' as const, deviceId: 'd1' };
  const admin = { staffId: 'a1', role: 'admin' as const, deviceId: 'd1' };
  assert.equal(staffAdminRefusal(supervisor, { id: 'o1', role: 'officer' }, 'resetPin'), null);
  assert.equal(staffAdminRefusal(supervisor, { id: 's2', role: 'supervisor' }, 'setActive'), null);
  assert.equal(staffAdminRefusal(supervisor, { id: 's2', role: 'supervisor' }, 'resetPin'), "only an administrator may reset a supervisor's PIN");
  assert.equal(staffAdminRefusal(admin, { id: 's2', role: 'supervisor' }, 'resetPin'), null);
  assert.match(staffAdminRefusal(supervisor, { id: 's1', role: 'supervisor' }, 'setActive') ?? '', /your own account/);
});
