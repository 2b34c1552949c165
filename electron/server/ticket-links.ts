/**
 * The token on a ticket's QR and its look-up (common/ticket-link.ts).
 *
 *   token = base64url(first 16 bytes of HMAC-SHA256(key, ticket id)), key = HallKeys 'ticketLink'
 *
 * 128 bits that nobody without the hall data key can compute or guess, so the page cannot be
 * enumerated, and the same ticket always gets the same token: the answer to a retried issue, a
 * dossier submitted again or a reprint carries the same link, and nothing secret is kept. The
 * database stores only SHA-256(token) → ticket (migration 0013), so a copy of the database yields
 * no working link. The rows are derived from the `ticket.issued` events and written with the
 * projection rows, shortly after the issue (QueueStore `projectEvents`), not in the issue's own
 * commit: three index entries, one of them at a random place, were two thirds of the WAL pages an
 * issue wrote. A look-up first writes what is pending (`beforeRead`), so a link works at once.
 *
 * Look-up: the presented token is hashed and the hash is looked up, so how long the database takes
 * depends on a hash the caller cannot choose; the found ticket's token is then compared to the
 * presented one in constant time. An unknown token and a malformed-but-valid-looking one take the
 * same path and both answer "unknown".
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { StoredEvent } from '../common/events.ts';
import { TICKET_TOKEN, ticketPagePath, ticketQrOf, type TicketQr } from '../common/ticket-link.ts';
import type { TicketLinkStore } from '../store/ticket-link-store.ts';

const TOKEN_BYTES = 16;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export class TicketLinks {
  readonly #key: Buffer;
  readonly #store: TicketLinkStore;
  readonly #publicBaseUrl: string | null;
  readonly #beforeRead: () => void;

  /**
   * `publicBaseUrl`: the hall's address for citizens' phones (hall config), or null without one;
   * `beforeRead`: writes the links not written yet (the hall's projection flush).
   */
  constructor(key: Uint8Array, store: TicketLinkStore, publicBaseUrl: string | null, beforeRead: () => void = () => undefined) {
    if (key.byteLength < 32) throw new Error('the ticket link key must be at least 32 bytes');
    this.#key = Buffer.from(key);
    this.#store = store;
    this.#publicBaseUrl = publicBaseUrl;
    this.#beforeRead = beforeRead;
  }

  /** What an issue answer carries: the page's path under the hall server, and what the ticket's QR carries. */
  linkOf(ticketId: string): { readonly statusPath: string; readonly qr: TicketQr } {
    const token = this.tokenOf(ticketId);
    return { statusPath: ticketPagePath(token), qr: ticketQrOf(token, this.#publicBaseUrl) };
  }

  /** The token of a ticket (deterministic, 22 base64url characters). */
  tokenOf(ticketId: string): string {
    return createHmac('sha256', this.#key).update(ticketId, 'utf8').digest().subarray(0, TOKEN_BYTES).toString('base64url');
  }

  /** Records the link of every ticket the stored events issue (again: no change); runs inside the projection flush's transaction. */
  recordIssued(stored: readonly StoredEvent[]): void {
    for (const e of stored) {
      if (e.type !== 'ticket.issued') continue;
      const ticket = e.data.ticket;
      this.#store.insert(sha256(this.tokenOf(ticket.id)), ticket.id, ticket.businessDate);
    }
  }

  /** The ticket a token names, or null (unknown, or not a token). */
  resolve(token: string): string | null {
    if (!TICKET_TOKEN.test(token)) return null;
    this.#beforeRead();
    const ticketId = this.#store.ticketIdOf(sha256(token));
    if (ticketId === null) return null;
    const expected = Buffer.from(this.tokenOf(ticketId), 'utf8');
    const presented = Buffer.from(token, 'utf8');
    return expected.length === presented.length && timingSafeEqual(expected, presented) ? ticketId : null;
  }

  /** Forgets the links of business days before `businessDate` (their pages answer 404 from then on). */
  forgetBefore(businessDate: string): number {
    return this.#store.forgetBefore(businessDate);
  }
}
