/**
 * Person hashes leave the rows whose rule no longer needs them: tickets of ended business days,
 * appointments used, cancelled or past their slot; the rest keep theirs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openHallDatabase } from '../../../../electron/store/open-database.ts';
import { PersonHashRetention } from '../../../../electron/store/person-hash-retention.ts';
import { tempDir } from '../../../support/hall-server.ts';

test('tickets of ended days and used or past appointments lose their person hash', (t) => {
  const tmp = tempDir('retention-');
  t.after(tmp.cleanup);
  const db = openHallDatabase(join(tmp.dir, 'hall.db'));
  t.after(() => db.close());
  const ticket =
    db.prepare(`INSERT INTO tickets (id, business_date, issued_service_id, service_id, seq, number, priority, status, channel, issued_at, queued_at, person_hash)
    VALUES (?, ?, 's', 's', ?, ?, 'normal', 'waiting', 'kiosk', 1, 1, 'h')`);
  ticket.run('yesterday', '2026-11-22', 1, 'A001');
  ticket.run('today', '2026-11-23', 1, 'A001');
  const appointment = db.prepare(`INSERT INTO appointments (id, code, service_id, slot_start, slot_end, person_hash, source, state, ticket_id, created_at)
    VALUES (?, ?, 's', ?, ?, 'h', 'dashboard', ?, ?, 0)`);
  const now = 10_000;
  appointment.run('booked-later', 'A', now + 100, now + 200, 'booked', null);
  appointment.run('booked-past', 'B', now - 200, now - 100, 'booked', null);
  appointment.run('checked-in', 'C', now + 100, now + 200, 'checked_in', 'today');
  appointment.run('cancelled', 'D', now + 100, now + 200, 'cancelled', null);
  assert.deepEqual(new PersonHashRetention(db).dropExpired('2026-11-23', now), { tickets: 1, appointments: 3 });
  const kept = (table: string): unknown => db.prepare(`SELECT id FROM ${table} WHERE person_hash IS NOT NULL ORDER BY id`).pluck().all();
  assert.deepEqual(kept('tickets'), ['today']);
  assert.deepEqual(kept('appointments'), ['booked-later']);
});
