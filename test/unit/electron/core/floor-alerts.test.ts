/**
 * Alerts on what really happens: a real wait past the target (exactly the target is no alert; the
 * longest waiter named, the others counted), a service past the service target, a pause past its
 * reason's limit, and a device in fault for longer than allowed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceHealth } from '../../../../electron/common/device-contract.ts';
import { deviceFaultAlerts, pauseLimitOf, pauseTooLongAlerts, serviceOverTargetAlerts, waitOverTargetAlerts } from '../../../../electron/core/floor-alerts.ts';
import { callNext, openCounter, pauseCounter, startService } from '../../../../electron/core/queue-engine.ts';
import { HallHarness, MINUTE, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

describe('waitOverTargetAlerts', () => {
  test("a ticket waiting exactly 15:00 is within target; one second more raises the service's alert naming the longest waiter", () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('dat-dai');
    hall.clock.advance(MINUTE);
    hall.issue('dat-dai');
    hall.clock.advance(14 * MINUTE);
    assert.deepEqual(waitOverTargetAlerts(hall.config, hall.state, hall.clock.now()), []);
    hall.clock.advance(2 * MINUTE + 1000);
    const [alert, ...rest] = waitOverTargetAlerts(hall.config, hall.state, hall.clock.now());
    assert.deepEqual(rest, []);
    assert.equal(alert?.id, 'wait_over_target:dat-dai');
    assert.equal(alert?.value, 17);
    assert.equal(alert?.messageVi, 'Số C001 (Đất đai) đã chờ 17 phút, vượt mục tiêu 15 phút; 2 công dân chờ quá mục tiêu');
  });

  test('a called ticket no longer waits', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-3', 'a', hall.ctx));
    hall.issue('dat-dai');
    hall.clock.advance(20 * MINUTE);
    assert.equal(waitOverTargetAlerts(hall.config, hall.state, hall.clock.now()).length, 1);
    hall.apply(callNext(hall.config, hall.state, 'quay-3', hall.ctx));
    assert.deepEqual(waitOverTargetAlerts(hall.config, hall.state, hall.clock.now()), []);
  });
});

describe('serviceOverTargetAlerts', () => {
  test('30:00 of service is within target; 31 minutes alerts for the counter', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'a', hall.ctx));
    hall.issue('ho-tich');
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.clock.advance(30 * MINUTE);
    assert.deepEqual(serviceOverTargetAlerts(hall.config, hall.state, hall.clock.now()), []);
    hall.clock.advance(MINUTE);
    const [alert] = serviceOverTargetAlerts(hall.config, hall.state, hall.clock.now());
    assert.equal(alert?.id, 'service_over_target:quay-1');
    assert.equal(alert?.messageVi, 'Quầy 1 đang giải quyết số A001 đã 31 phút, vượt mục tiêu 30 phút');
  });
});

describe('pauseTooLongAlerts', () => {
  test("the reason's own limit (any case) or the default", () => {
    const config = testHallConfig({ policy: { pauseLimitMinutes: { 'Nghỉ trưa': 90 }, defaultPauseMinutes: 10 } } as never);
    assert.equal(pauseLimitOf(config, 'nghỉ trưa'), 90);
    assert.equal(pauseLimitOf(config, 'Họp'), 10);
    const hall = new HallHarness(config, at(MONDAY, '08:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'a', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-3', 'b', hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'Nghỉ trưa', hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-3', 'Họp', hall.ctx));
    hall.clock.advance(11 * MINUTE);
    const alerts = pauseTooLongAlerts(hall.config, hall.state, hall.clock.now());
    assert.deepEqual(
      alerts.map((a) => [a.id, a.value, a.target]),
      [['pause_too_long:quay-3', 11, 10]],
    );
    assert.equal(alerts[0]?.messageVi, 'Quầy 3 tạm dừng "Họp" đã 11 phút, quá 10 phút cho phép');
    hall.clock.advance(80 * MINUTE);
    assert.deepEqual(
      pauseTooLongAlerts(hall.config, hall.state, hall.clock.now()).map((a) => a.id),
      ['pause_too_long:quay-1', 'pause_too_long:quay-3'],
    );
  });
});

describe('deviceFaultAlerts', () => {
  test('a printer in fault for more than 3 minutes; degraded or recent faults do not alert', () => {
    const t0 = at(MONDAY, '08:00');
    const device = (id: string, state: DeviceHealth['state'], since: number): DeviceHealth => ({
      kind: 'printer',
      id,
      state,
      fault: state === 'fault' ? 'paper_out' : null,
      detail: null,
      since,
    });
    const terminals = [{ deviceId: 'k1', name: 'Kiosk 1', counterId: null, devices: [device('printer', 'fault', t0), device('scanner', 'degraded', t0)] }];
    assert.deepEqual(deviceFaultAlerts(testHallConfig(), terminals, t0 + 3 * MINUTE), []);
    const [alert, ...rest] = deviceFaultAlerts(testHallConfig(), terminals, t0 + 4 * MINUTE);
    assert.deepEqual(rest, []);
    assert.equal(alert?.id, 'device_fault:k1:printer');
    assert.equal(alert?.messageVi, 'Máy in vé của Kiosk 1 bị lỗi (hết giấy) đã 4 phút');
    assert.equal(alert?.messageEn, 'Ticket printer of Kiosk 1 has been in fault (out of paper) for 4 min');
  });
});
