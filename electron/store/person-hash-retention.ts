/**
 * Person hashes are kept only while they serve a rule:
 * - a ticket's, for the fairness rule over open tickets: until its business day has ended;
 * - an appointment's, for the ticket its check-in issues: while it is booked and its slot has not
 *   ended.
 * After that the hash is cleared from the row. (Dossiers clear theirs with their personal data, in
 * the retention purge of dossier-store.ts; the event log is append-only.)
 */
import type { HallDatabase } from './open-database.ts';

export class PersonHashRetention {
  readonly #tickets;
  readonly #appointments;

  constructor(db: HallDatabase) {
    this.#tickets = db.prepare('UPDATE tickets SET person_hash = NULL WHERE person_hash IS NOT NULL AND business_date < ?');
    this.#appointments = db.prepare("UPDATE appointments SET person_hash = NULL WHERE person_hash IS NOT NULL AND (state <> 'booked' OR slot_end <= ?)");
  }

  /** Clears the hashes whose use ended; `today` is the current business date (YYYY-MM-DD). */
  dropExpired(today: string, now: number): { tickets: number; appointments: number } {
    return { tickets: this.#tickets.run(today).changes, appointments: this.#appointments.run(now).changes };
  }
}
