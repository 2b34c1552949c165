/** The ticket links (migration 0013, server/ticket-links.ts): SHA-256 of a token → ticket; statements prepared once. */
import type { HallDatabase } from './open-database.ts';

export class TicketLinkStore {
  readonly #s;

  constructor(db: HallDatabase) {
    this.#s = {
      // The same ticket always gets the same token: a second insert (a replayed command) changes nothing.
      insert: db.prepare('INSERT INTO ticket_links (token_hash, ticket_id, business_date) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      find: db.prepare('SELECT ticket_id FROM ticket_links WHERE token_hash = ?').pluck(),
      forget: db.prepare('DELETE FROM ticket_links WHERE business_date < ?'),
    };
  }

  /** Runs inside the caller's transaction when there is one (the ticket's issue). */
  insert(tokenHash: Uint8Array, ticketId: string, businessDate: string): void {
    this.#s.insert.run(tokenHash, ticketId, businessDate);
  }

  ticketIdOf(tokenHash: Uint8Array): string | null {
    return (this.#s.find.get(tokenHash) as string | undefined) ?? null;
  }

  /** Deletes the links of business days before `businessDate` (YYYY-MM-DD); returns how many. */
  forgetBefore(businessDate: string): number {
    return this.#s.forget.run(businessDate).changes;
  }
}
