/**
 * The link from a printed ticket to its public page (renderer/ticket): an unguessable token per
 * ticket, carried by the ticket's QR. Pure; shared by the hall server, the kiosk, the printer
 * layout and the scan classifier.
 *
 * - The token is 128 bits in base64url (22 characters). It is not the ticket id and cannot be
 *   derived from anything printed or shown in the hall (electron/server/ticket-links.ts).
 * - With the hall's `publicBaseUrl` (the address citizens' phones reach: the guest Wi-Fi or a
 *   reverse proxy), the QR carries `${publicBaseUrl}/t/<token>` and opens the page.
 * - Without it, the QR carries only the ticket code `VE:<token>` ("vé": ticket), for scanning at a
 *   kiosk or counter, and the ticket says that no page can be opened with it.
 */

/** 22 characters of base64url: 128 bits. */
export const TICKET_TOKEN = /^[A-Za-z0-9_-]{22}$/;
/** The prefix of the ticket code carried by the QR when the hall has no public address. */
export const TICKET_CODE_PREFIX = 'VE:';

/** What a ticket's QR carries, and whether it opens the ticket page (otherwise it is the ticket code). */
export interface TicketQr {
  readonly text: string;
  readonly opensPage: boolean;
}

/** The path of the ticket page under the hall server (and under publicBaseUrl). */
export function ticketPagePath(token: string): string {
  return `/t/${token}`;
}

/** The QR of a ticket: its page under `publicBaseUrl`, or only the ticket code without one. */
export function ticketQrOf(token: string, publicBaseUrl: string | null | undefined): TicketQr {
  if (!publicBaseUrl) return { text: `${TICKET_CODE_PREFIX}${token}`, opensPage: false };
  return { text: `${publicBaseUrl.replace(/\/+$/, '')}${ticketPagePath(token)}`, opensPage: true };
}

/** The token of a scanned ticket QR (page URL or ticket code), or null when it is not one. */
export function tokenOfTicketQr(text: string): string | null {
  const trimmed = text.trim();
  const code = trimmed.startsWith(TICKET_CODE_PREFIX) ? trimmed.slice(TICKET_CODE_PREFIX.length) : null;
  if (code !== null) return TICKET_TOKEN.test(code) ? code : null;
  const page = /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?\/t\/([A-Za-z0-9_-]+)$/.exec(trimmed);
  return page?.[1] !== undefined && TICKET_TOKEN.test(page[1]) ? page[1] : null;
}
