import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HallOverview } from '../../../../electron/common/province-wire.ts';
import { fileNameOf } from '../../../../renderer/province/province-api.ts';
import { ageOf, alertKey, hubErrorKey, matchesHall, monthOf, showMonth, summarize, tone, upsertHall } from '../../../../renderer/province/province-view.ts';

const hall = (id: string, name: string, over: Partial<HallOverview> = {}): HallOverview => ({
  id,
  name,
  district: 'kv-01',
  level: 'rural',
  businessDate: '2026-12-07',
  waiting: 0,
  tickets: 0,
  waitMeanMin: null,
  waitTargetMin: 15,
  withinWaitTargetPct: null,
  satisfactionPct: null,
  satisfactionTargetPct: 95,
  openAlerts: 0,
  reporting: true,
  headSeq: 0,
  lastEventAt: null,
  ...over,
});

describe('province dashboard view helpers', () => {
  it('replaces a hall by id and keeps the list in Vietnamese order', () => {
    const rows = [hall('xa-an-hai', 'Xã An Hải'), hall('phuong-da-kao', 'Phường Đa Kao')];
    const next = upsertHall(rows, hall('xa-an-hai', 'Xã An Hải', { waiting: 4 }));
    assert.equal(next.length, 2);
    assert.equal(next.find((r) => r.id === 'xa-an-hai')?.waiting, 4);
    const added = upsertHall(next, hall('phuong-ben-nghe', 'Phường Bến Nghé'));
    // Vietnamese collation: Bến before Đa (đ sorts after d), both before Xã.
    assert.deepEqual(
      added.map((r) => r.id),
      ['phuong-ben-nghe', 'phuong-da-kao', 'xa-an-hai'],
    );
  });

  it('sums the day over the halls: reporting, waiting, mean wait over target, alerts', () => {
    const s = summarize([
      hall('a', 'A', { waiting: 3, waitMeanMin: 15, reporting: true }),
      hall('b', 'B', { waiting: 5, waitMeanMin: 15.01, reporting: false, openAlerts: 2 }),
      hall('c', 'C', { waiting: 0, waitMeanMin: null }),
    ]);
    assert.deepEqual(s, { halls: 3, reporting: 2, waiting: 8, overWaitTarget: 1, openAlerts: 2 });
  });

  it('says how old the last event is, never negative', () => {
    const now = Date.UTC(2026, 11, 7, 2, 0);
    assert.deepEqual(ageOf(now + 5_000, now), { key: 'province.ageNow', n: 0 });
    assert.deepEqual(ageOf(now - 59_999, now), { key: 'province.ageNow', n: 0 });
    assert.deepEqual(ageOf(now - 60_000, now), { key: 'province.ageMinutes', n: 1 });
    assert.deepEqual(ageOf(now - 3 * 3_600_000, now), { key: 'province.ageHours', n: 3 });
    assert.deepEqual(ageOf(now - 72 * 3_600_000, now), { key: 'province.ageDays', n: 3 });
  });

  it('meets a target inclusively, in the right direction', () => {
    assert.equal(tone(15, 15, false), 'good');
    assert.equal(tone(15.1, 15, false), 'bad');
    assert.equal(tone(95, 95, true), 'good');
    assert.equal(tone(94.9, 95, true), 'bad');
    assert.equal(tone(null, 95, true), '');
  });

  it('finds a hall without diacritics, by id or district', () => {
    const h = hall('xa-hoa-vang', 'Bộ phận Một cửa xã Hòa Vang', { district: 'kv-07' });
    assert.ok(matchesHall(h, 'hoa vang'));
    assert.ok(matchesHall(h, 'kv-07'));
    assert.ok(!matchesHall(h, 'hai chau'));
  });

  it('takes the month in the province time zone and shows it as mm/yyyy', () => {
    // 30/11/2026 18:00 UTC is already 01/12/2026 in Hồ Chí Minh City.
    assert.equal(monthOf(Date.UTC(2026, 10, 30, 18, 0)), '2026-12');
    assert.equal(showMonth('2026-12'), '12/2026');
  });

  it('maps alerts and hub error codes to screen messages, with a fallback', () => {
    assert.equal(alertKey('CHAIN_REWRITE'), 'province.alertChainRewrite');
    assert.equal(alertKey('SOMETHING_NEW'), 'province.alertOther');
    assert.equal(hubErrorKey('INVALID_CREDENTIALS'), 'province.errorCredentials');
    assert.equal(hubErrorKey('TOO_MANY_ATTEMPTS'), 'province.errorLocked');
    assert.equal(hubErrorKey('HTTP_502'), 'province.errorOther');
  });

  it('reads the export file name from Content-Disposition', () => {
    assert.equal(fileNameOf('attachment; filename="xep-hang-766-2026-12.pdf"', 'x.pdf'), 'xep-hang-766-2026-12.pdf');
    assert.equal(fileNameOf(null, 'x.pdf'), 'x.pdf');
  });
});
