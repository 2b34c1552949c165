/**
 * Live alert rules: projected wait over target (exactly the target is no alert), rolling
 * satisfaction under target, an open counter idling while its queue waits, and a device over a
 * flooding limit.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RatingLevel, WaitEstimate } from '../../../../electron/common/domain.ts';
import { deviceFloodingAlert, idleCounterAlerts, projectedWaitAlert, satisfactionAlert } from '../../../../electron/core/alerts.ts';
import { callNext, openCounter, transferTicket } from '../../../../electron/core/queue-engine.ts';
import { HallHarness, MINUTE, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

const estimate = (minutes: number): WaitEstimate => ({
  serviceId: 'dat-dai',
  peopleAhead: 3,
  estimatedWaitMinutes: minutes,
  meanServiceMinutes: 5,
  servers: 1,
  openCounters: 1,
  basis: 'recent',
});

describe('projectedWaitAlert', () => {
  test('exactly 15 minutes is within the target; 16 alerts', () => {
    const config = testHallConfig();
    assert.equal(projectedWaitAlert(config, estimate(15), 'C004', 0), null);
    const alert = projectedWaitAlert(config, estimate(16), 'C004', 5);
    assert.equal(alert?.id, 'projected_wait:dat-dai');
    assert.equal(alert?.value, 16);
    assert.equal(alert?.target, 15);
    assert.equal(alert?.messageVi, 'Số C004 (Đất đai) dự kiến chờ 16 phút, vượt mục tiêu 15 phút');
  });
});

describe('satisfactionAlert', () => {
  const levels = (good: number, bad: number): RatingLevel[] => [
    ...new Array<RatingLevel>(good).fill('satisfied'),
    ...new Array<RatingLevel>(bad).fill('dissatisfied'),
  ];

  test('19 of 20 satisfied is 95 %: no alert at the target; 18 of 20 (90 %) alerts', () => {
    const config = testHallConfig();
    assert.equal(satisfactionAlert(config, levels(19, 1), 0), null);
    const alert = satisfactionAlert(config, levels(18, 2), 0);
    assert.equal(alert?.value, 90);
    assert.equal(alert?.kind, 'satisfaction_low');
    assert.equal(alert?.messageVi, 'Tỷ lệ hài lòng của 20 lượt đánh giá gần nhất là 90%, dưới mục tiêu 95%');
    // A decimal is written with a comma, as Vietnamese writes it: 35 of 40 is 87,5%.
    assert.match(satisfactionAlert(config, levels(35, 5), 0)?.messageVi ?? '', /là 87,5%, dưới mục tiêu 95%$/);
  });

  test('fewer ratings than the minimum sample never alert', () => {
    assert.equal(satisfactionAlert(testHallConfig(), levels(0, 9), 0), null);
  });
});

describe('idleCounterAlerts', () => {
  test('an open counter without a ticket for 3 minutes while its queue waits; not one whose queue is empty', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'a', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-3', 'b', hall.ctx));
    hall.issue('ho-tich');
    hall.clock.advance(3 * MINUTE - 1);
    assert.deepEqual(idleCounterAlerts(hall.config, hall.state, hall.clock.now()), []);
    hall.clock.advance(1);
    const alerts = idleCounterAlerts(hall.config, hall.state, hall.clock.now());
    assert.deepEqual(
      alerts.map((a) => a.id),
      ['counter_idle:quay-1'],
    );
    assert.equal(alerts[0]?.messageVi, 'Quầy 1 đã 3 phút không gọi số trong khi còn 1 công dân đang chờ');
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.deepEqual(idleCounterAlerts(hall.config, hall.state, hall.clock.now() + 10 * MINUTE), []);
  });

  test('a ticket transferred to a counter counts for that counter, whatever its queue, and not for the counters of its queue', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'a', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-3', 'b', hall.ctx));
    hall.issue('ho-tich');
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    // Quầy 3 serves Đất đai only; the Hộ tịch ticket is sent there and only there.
    hall.apply(transferTicket(hall.config, hall.state, { counterId: 'quay-1' }, { toServiceId: null, toCounterId: 'quay-3' }, hall.ctx));
    hall.clock.advance(3 * MINUTE);
    const alerts = idleCounterAlerts(hall.config, hall.state, hall.clock.now());
    assert.deepEqual(
      alerts.map((a) => a.id),
      ['counter_idle:quay-3'],
    );
    assert.equal(alerts[0]?.messageVi, 'Quầy 3 đã 3 phút không gọi số trong khi còn 1 công dân đang chờ');
  });
});

describe('deviceFloodingAlert', () => {
  test('one stable id per device and limit, the limit as value (repeats do not re-announce), NFC Vietnamese', () => {
    const kiosk = { id: 'dev-1', name: 'Kiosk sảnh A' };
    const rate = deviceFloodingAlert(kiosk, 'issue_rate', 5, 1_000);
    assert.deepEqual([rate.id, rate.kind, rate.value, rate.target], ['device_flooding:dev-1:issue_rate', 'device_flooding', 5, 5]);
    assert.equal(deviceFloodingAlert(kiosk, 'issue_rate', 5, 9_000).value, rate.value);
    assert.match(rate.messageVi, /^Kiosk sảnh A cấp số nhanh hơn mức một người có thể lấy \(quá 5 số liên tiếp\)/);
    const drafts = deviceFloodingAlert(kiosk, 'open_drafts', 3, 1_000);
    const bytes = deviceFloodingAlert(kiosk, 'draft_bytes', 100 * 1024 * 1024, 1_000);
    assert.equal(drafts.id, 'device_flooding:dev-1:open_drafts');
    assert.match(bytes.messageVi, /vượt hạn mức 100 MiB$/);
    for (const a of [rate, drafts, bytes]) assert.equal(a.messageVi, a.messageVi.normalize('NFC'));
  });
});
