/** What route handlers need: built once in the composition root (hall-server.ts). */
import type { Access } from '../access.ts';
import type { ChipVerifier } from '../chip-check.ts';
import type { HallService } from '../hall-service.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';
import type { PriorityQueries } from '../../store/priority-queries.ts';
import type { TicketLinks } from '../ticket-links.ts';
import type { IssueLimiter } from '../device-flooding.ts';

export interface RouteDeps {
  readonly hall: HallService;
  readonly access: Access;
  /** Key of person hashes (fairness rule), derived from the hall data key; never in the database. */
  readonly personKey: Uint8Array;
  /** Passive authentication of the chip files a kiosk forwards, with the hall's own CSCA trust store. */
  readonly chips: ChipVerifier;
  readonly deviceTokenDays: number;
  /** SHA-256 fingerprint of the certificate terminals pin (hall-tls.ts); null when the hall serves plain HTTP. */
  readonly caFingerprint: string | null;
  readonly staffSessionHours: number;
  /** Ticket facts for the KPI reports. */
  readonly kpis: KpiQueries;
  /** Verified, declared, confirmed and cleared priorities per day. */
  readonly priorities: PriorityQueries;
  /** The public page link of each ticket (the token on its QR). */
  readonly ticketLinks: TicketLinks;
  /** Tickets per device (device-flooding.ts): every route that issues one admits it here first. */
  readonly issueLimiter: IssueLimiter;
  /** The hall's logo (a PNG checked by the site loader) and its version, or null when it has none. */
  readonly logo?: HallLogo | null;
  /** The code of the dossier submitted with a ticket, or null (no personal data). */
  readonly dossierCodeOf?: (ticketId: string) => string | null;
}

export interface HallLogo {
  readonly png: Uint8Array;
  /** The first 8 hex digits of its SHA-256: the URL's `v`, so a new logo is fetched anew. */
  readonly version: string;
}
