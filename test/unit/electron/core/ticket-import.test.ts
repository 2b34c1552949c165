/**
 * Import rows: CSV splitting, the exact header, and each validation rule with the message that
 * names the column; a valid row becomes a closed ticket of the local business day.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IMPORT_HEADER, checkHeader, importCatalogue, parseIsoWithOffset, splitCsvLine, validateRow } from '../../../../electron/core/ticket-import.ts';
import { testHallConfig } from '../../../support/hall-config.fixture.ts';

const catalogue = importCatalogue(testHallConfig());
const SERVED =
  'ho-tich,A001,normal,2026-03-02T08:00:00+07:00,2026-03-02T08:10:00+07:00,2026-03-02T08:11:00+07:00,2026-03-02T08:20:00+07:00,quay-1,can-bo-1,served,satisfied,,';
const row = (line: string) => validateRow(splitCsvLine(line), catalogue);
const withField = (index: number, value: string): string => {
  const f = splitCsvLine(SERVED);
  f[index] = value;
  return f.join(',');
};
const message = (line: string): string => {
  const r = row(line);
  assert.equal(r.ok, false, 'expected the row to be invalid');
  return r.ok ? '' : r.message;
};

describe('CSV lines and header', () => {
  test('quoted fields with commas and doubled quotes', () => {
    assert.deepEqual(splitCsvLine('a,"b,c","say ""hi""",'), ['a', 'b,c', 'say "hi"', '']);
  });

  test('the header must be exact', () => {
    assert.equal(checkHeader([...IMPORT_HEADER]), null);
    assert.match(checkHeader(['service_code', 'number']) ?? '', /must be exactly/);
  });
});

describe('validateRow', () => {
  test('a served row: local business day, status done, times in epoch ms', () => {
    const r = row(SERVED);
    assert.ok(r.ok);
    assert.equal(r.ticket.businessDate, '2026-03-02');
    assert.equal(r.ticket.status, 'done');
    assert.equal(r.ticket.issuedAt, Date.parse('2026-03-02T01:00:00Z'));
    assert.equal(r.ticket.seq, 1);
    assert.equal(r.ticket.rating, 'satisfied');
  });

  test('issued at 00:30 local belongs to that local day, not the UTC one', () => {
    const r = row(withField(3, '2026-03-02T17:30:00Z').replace(/2026-03-02T08:/g, '2026-03-03T08:'));
    assert.ok(r.ok);
    assert.equal(r.ticket.businessDate, '2026-03-03');
  });

  test('a service prefix is accepted as the service code', () => {
    const r = row(withField(0, 'A'));
    assert.ok(r.ok);
    assert.equal(r.ticket.serviceId, 'ho-tich');
  });

  test('each rule names its column', () => {
    assert.match(message(withField(0, 'xx')), /service_code "xx"/);
    assert.match(message(withField(3, '')), /issued_at is required/);
    assert.match(message(withField(3, '2026-03-02 08:00')), /issued_at .* not an ISO 8601 time with an offset/);
    assert.match(message(withField(3, '2026-03-02T08:00:00')), /offset/);
    assert.match(message(withField(4, '2026-03-02T07:59:00+07:00')), /first_called_at is before issued_at/);
    assert.match(message(withField(6, '2026-03-02T08:10:30+07:00')), /finished_at is before started_at/);
    assert.match(message(withField(9, 'done')), /outcome "done" is not one of served, no_show, cancelled, transferred/);
    assert.match(message(withField(10, 'happy')), /rating "happy"/);
    assert.match(message(withField(2, 'vip')), /priority "vip"/);
    assert.match(message(withField(7, 'quay-9')), /counter "quay-9"/);
    assert.match(message(withField(11, '9.999')), /procedure_code "9.999"/);
    assert.match(message(withField(12, 'HS-1')), /dossier_code "HS-1"/);
    assert.match(message(SERVED.split(',').slice(0, 5).join(',')), /expected 13 fields, found 5/);
  });

  test('served needs a finish; no_show needs a call and no start', () => {
    assert.match(message(withField(6, '')), /served needs/);
    assert.match(message(withField(9, 'no_show')), /no_show needs first_called_at and no started_at/);
  });

  test('a transferred row is closed as cancelled, keeping its original outcome', () => {
    const r = row(withField(9, 'transferred'));
    assert.ok(r.ok);
    assert.equal(r.ticket.status, 'cancelled');
    assert.equal(r.ticket.outcome, 'transferred');
  });
});

describe('parseIsoWithOffset', () => {
  test('agrees with Date.parse on valid times, offsets and fractions', () => {
    for (const v of ['2026-03-02T08:15:00+07:00', '2026-03-02T08:15Z', '2024-02-29T23:59:59.5-05:30', '2026-12-31T00:00:00.123+14:00']) {
      assert.equal(parseIsoWithOffset(v), Date.parse(v), v);
    }
  });

  test('refuses days and clock times that do not exist, and times without an offset', () => {
    for (const v of ['2026-02-29T08:00:00+07:00', '2026-04-31T08:00:00Z', '2026-03-02T24:00:00Z', '2026-13-01T08:00:00Z', '2026-03-02T08:00:00']) {
      assert.ok(Number.isNaN(parseIsoWithOffset(v)), v);
    }
  });
});

describe('ticket numbers are per service', () => {
  test('a bare numeric number takes the service prefix; one with letters is kept', () => {
    const num = (service: string, n: string): string | null => {
      const r = row(SERVED.replace('ho-tich,A001', `${service},${n}`));
      return r.ok ? r.ticket.number : null;
    };
    assert.equal(num('ho-tich', '12'), 'A12');
    assert.equal(num('chung-thuc', '12'), 'B12');
    assert.equal(num('B', '12'), 'B12', 'by the service prefix too');
    assert.equal(num('ho-tich', 'A012'), 'A012');
    const r = row(SERVED.replace('ho-tich,A001', 'chung-thuc,12'));
    assert.equal(r.ok && r.ticket.seq, 12);
  });
});
