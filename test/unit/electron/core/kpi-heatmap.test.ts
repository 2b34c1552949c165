/**
 * The weekday × hour grouping of the dashboard heatmap (local time, ISO weekday first), at the
 * midnight boundary of Asia/Ho_Chi_Minh, and the QĐ 766 dossier satisfaction ratio.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeKpis, type TicketFacts } from '../../../../electron/core/kpi.ts';
import { dossierSatisfaction766 } from '../../../../electron/core/tt01-scoring.ts';
import { TZ } from '../../../support/hall-config.fixture.ts';

const fact = (issuedAt: number, id: string): TicketFacts => ({
  ticketId: id,
  businessDate: '',
  issuedAt,
  slotStart: null,
  priority: 'normal',
  serviceId: 'ho-tich',
  procedureId: null,
  counterId: null,
  officerId: null,
  status: 'waiting',
  firstCalledAt: null,
  startedAt: null,
  finishedAt: null,
  outcome: null,
  rating: null,
});
const heatmap = (facts: TicketFacts[]) =>
  computeKpis(facts, { groupBy: 'weekday_hour', targets: { waitMinutes: 15, serviceMinutes: 30 }, timeZone: TZ }).map((r) => [r.key, r.tickets]);

describe('weekday_hour', () => {
  test('Sunday 23:59:59 local is "7 23:00"; one second later, Monday 00:00 local, is "1 00:00"', () => {
    // 2026-03-08 is a Sunday; 17:00Z is midnight in Hanoi.
    const midnight = Date.parse('2026-03-08T17:00:00Z');
    assert.deepEqual(heatmap([fact(midnight - 1000, 'a'), fact(midnight, 'b')]), [
      ['1 00:00', 1],
      ['7 23:00', 1],
    ]);
  });

  test('the same weekday and hour of different weeks share a cell', () => {
    const monday9 = Date.parse('2026-03-02T02:00:00Z');
    const nextMonday9 = monday9 + 7 * 86_400_000 + 30 * 60_000;
    assert.deepEqual(heatmap([fact(monday9, 'a'), fact(nextMonday9, 'b')]), [['1 09:00', 2]]);
  });
});

describe('dossierSatisfaction766', () => {
  test('(dossiers − dissatisfied) / dossiers × 100, 1 decimal; null without dossiers', () => {
    assert.equal(dossierSatisfaction766(3, 1), 66.7);
    assert.equal(dossierSatisfaction766(20, 1), 95);
    assert.equal(dossierSatisfaction766(5, 0), 100);
    assert.equal(dossierSatisfaction766(0, 0), null);
  });

  test('impossible counts are refused', () => {
    assert.throws(() => dossierSatisfaction766(1, 2), RangeError);
    assert.throws(() => dossierSatisfaction766(-1, 0), RangeError);
    assert.throws(() => dossierSatisfaction766(2.5, 0), RangeError);
  });
});
