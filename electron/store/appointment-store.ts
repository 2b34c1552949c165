/**
 * Appointments (hẹn giờ), migration 0004: booked from the provincial system (synced) or on the
 * dashboard, checked in at the kiosk by QR. The clear ID number never reaches this table: the
 * server hashes it with the hall's salt first. Statements are prepared once per instance.
 *
 * `markCheckedIn` is meant to run inside the transaction that commits the appointment's ticket
 * (HallService.execute's in-transaction step), so a ticket and its check-in commit together.
 */
import type { AppointmentSource, AppointmentState, AppointmentView } from '../common/provincial.ts';
import type { HallDatabase } from './open-database.ts';

export interface AppointmentRecord extends AppointmentView {
  readonly personHash: string | null;
}

interface AppointmentRow {
  id: string;
  code: string;
  service_id: string;
  procedure_id: string | null;
  slot_start: number;
  slot_end: number;
  person_hash: string | null;
  source: string;
  state: string;
  ticket_id: string | null;
  created_at: number;
  checked_in_at: number | null;
}

function toRecord(r: AppointmentRow): AppointmentRecord {
  return {
    id: r.id,
    code: r.code,
    serviceId: r.service_id,
    procedureId: r.procedure_id,
    slotStart: r.slot_start,
    slotEnd: r.slot_end,
    personHash: r.person_hash,
    source: r.source as AppointmentSource,
    state: r.state as AppointmentState,
    ticketId: r.ticket_id,
    createdAt: r.created_at,
    checkedInAt: r.checked_in_at,
  };
}

export function toAppointmentView(a: AppointmentRecord): AppointmentView {
  const { personHash: _hidden, ...view } = a;
  return view;
}

/** What identifies and places an appointment: its code, queue, procedure and slot. */
type AppointmentSlot = Pick<AppointmentView, 'code' | 'serviceId' | 'procedureId' | 'slotStart' | 'slotEnd'>;

export interface NewAppointment extends AppointmentSlot {
  readonly id: string;
  readonly personHash: string | null;
  readonly source: AppointmentSource;
  readonly state: 'booked' | 'cancelled';
  readonly now: number;
}

/** What the provincial system says about one of its appointments. */
export interface ProvincialBooking extends AppointmentSlot {
  readonly personHash: string | null;
  readonly cancelled: boolean;
}

export type UpsertOutcome = 'created' | 'updated' | 'cancelled' | 'unchanged';

export class AppointmentStore {
  readonly #db: HallDatabase;
  readonly #s;

  constructor(db: HallDatabase) {
    this.#db = db;
    this.#s = {
      insert: db.prepare(
        `INSERT INTO appointments (id, code, service_id, procedure_id, slot_start, slot_end, person_hash, source, state, created_at)
         VALUES (@id, @code, @serviceId, @procedureId, @slotStart, @slotEnd, @personHash, @source, @state, @now)`,
      ),
      byCode: db.prepare('SELECT * FROM appointments WHERE code = ?'),
      byId: db.prepare('SELECT * FROM appointments WHERE id = ?'),
      inRange: db.prepare('SELECT * FROM appointments WHERE slot_start >= ? AND slot_start < ? ORDER BY slot_start, code'),
      reschedule: db.prepare(
        `UPDATE appointments SET service_id = @serviceId, procedure_id = @procedureId, slot_start = @slotStart, slot_end = @slotEnd,
                person_hash = @personHash WHERE id = @id AND state = 'booked'`,
      ),
      cancel: db.prepare("UPDATE appointments SET state = 'cancelled' WHERE id = ? AND state = 'booked'"),
      checkIn: db.prepare("UPDATE appointments SET state = 'checked_in', ticket_id = ?, checked_in_at = ? WHERE id = ? AND state = 'booked'"),
      noShows: db.prepare("UPDATE appointments SET state = 'no_show' WHERE state = 'booked' AND slot_end <= ?"),
    };
  }

  create(a: NewAppointment): AppointmentRecord {
    this.#s.insert.run(a);
    const created = this.byId(a.id);
    if (!created) throw new Error('the appointment just inserted is missing');
    return created;
  }

  byCode(code: string): AppointmentRecord | null {
    const r = this.#s.byCode.get(code) as AppointmentRow | undefined;
    return r ? toRecord(r) : null;
  }

  byId(id: string): AppointmentRecord | null {
    const r = this.#s.byId.get(id) as AppointmentRow | undefined;
    return r ? toRecord(r) : null;
  }

  /** Appointments whose slot starts in [from, to) (epoch ms), by slot start. */
  inRange(from: number, to: number): AppointmentRecord[] {
    return (this.#s.inRange.all(from, to) as AppointmentRow[]).map(toRecord);
  }

  /**
   * Applies the provincial system's view of one booking: new ones are added, booked ones follow
   * a reschedule or a cancellation. A checked-in, cancelled or missed appointment is never
   * changed back, and an appointment made on the dashboard with the same code is left alone.
   */
  upsertProvincial(b: ProvincialBooking, newId: () => string, now: number): UpsertOutcome {
    return this.#db
      .transaction((): UpsertOutcome => {
        const existing = this.byCode(b.code);
        if (!existing) {
          this.create({ ...b, id: newId(), source: 'provincial', state: b.cancelled ? 'cancelled' : 'booked', now });
          return 'created';
        }
        if (existing.source !== 'provincial' || existing.state !== 'booked') return 'unchanged';
        if (b.cancelled) return this.#s.cancel.run(existing.id).changes === 1 ? 'cancelled' : 'unchanged';
        const same =
          existing.serviceId === b.serviceId &&
          existing.procedureId === b.procedureId &&
          existing.slotStart === b.slotStart &&
          existing.slotEnd === b.slotEnd &&
          existing.personHash === b.personHash;
        if (same) return 'unchanged';
        this.#s.reschedule.run({
          id: existing.id,
          serviceId: b.serviceId,
          procedureId: b.procedureId,
          slotStart: b.slotStart,
          slotEnd: b.slotEnd,
          personHash: b.personHash,
        });
        return 'updated';
      })
      .immediate();
  }

  /** Booked → checked in with its ticket; false when it was not booked any more. */
  markCheckedIn(id: string, ticketId: string, now: number): boolean {
    return this.#s.checkIn.run(ticketId, now, id).changes === 1;
  }

  /** Booked appointments whose slot has ended become no-shows; returns how many. */
  markNoShows(now: number): number {
    return this.#s.noShows.run(now).changes;
  }
}
