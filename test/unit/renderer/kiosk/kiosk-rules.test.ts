import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageOn, parseCccdQr } from '../../../../renderer/kiosk/cccd-qr.ts';
import { idlePhase, MIN_WARNING_MS } from '../../../../renderer/kiosk/idle.ts';

describe('CCCD QR parsing', () => {
  const qr = '079203001234|025123456|Nguyễn Văn An|15081960|Nam|12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|01022021';
  it('reads the identity fields, dates as dd/mm/yyyy, source qr and unauthenticated', () => {
    const id = parseCccdQr(qr);
    assert.equal(id?.idNumber, '079203001234');
    assert.equal(id?.fullName, 'Nguyễn Văn An');
    assert.equal(id?.dateOfBirth, '15/08/1960');
    assert.equal(id?.dateOfIssue, '01/02/2021');
    assert.equal(id?.sex, 'Nam');
    assert.equal(id?.source, 'qr');
    assert.equal(id?.authenticity, 'unauthenticated');
  });
  it('rejects malformed codes', () => {
    for (const bad of ['', 'hello', '12345|x|Tên|15081960|Nam|addr|01022021', '079203001234||Tên|1508196|Nam|a|b', '079203001234||Tên|15081960|Nam|a']) {
      assert.equal(parseCccdQr(bad), null, bad);
    }
  });
  it('computes age on the business date, birthday included', () => {
    assert.equal(ageOn('15/08/1960', '2020-08-14'), 59);
    assert.equal(ageOn('15/08/1960', '2020-08-15'), 60);
    assert.equal(ageOn('bad', '2020-08-15'), null);
  });
});

describe('kiosk idle timeout', () => {
  it('warns for at least 20 s before ending the session', () => {
    assert.deepEqual(idlePhase(0, 59_999, 60_000, 25_000), { kind: 'active' });
    assert.deepEqual(idlePhase(0, 60_000, 60_000, 25_000), { kind: 'warning', secondsLeft: 25 });
    assert.deepEqual(idlePhase(0, 84_999, 60_000, 25_000), { kind: 'warning', secondsLeft: 1 });
    assert.deepEqual(idlePhase(0, 85_000, 60_000, 25_000), { kind: 'expired' });
  });
  it('a shorter configured warning is raised to the minimum', () => {
    assert.deepEqual(idlePhase(0, 60_000 + MIN_WARNING_MS - 1, 60_000, 5_000), { kind: 'warning', secondsLeft: 1 });
  });
});
