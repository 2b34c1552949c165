/** What route handlers need: built once in the composition root (hall-server.ts). */
import type { Access } from '../access.ts';
import type { HallService } from '../hall-service.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';

export interface RouteDeps {
  readonly hall: HallService;
  readonly access: Access;
  /** Key of person hashes (fairness rule), derived from the hall data key; never in the database. */
  readonly personKey: Uint8Array;
  readonly deviceTokenDays: number;
  readonly staffSessionHours: number;
  /** Ticket facts for the KPI reports. */
  readonly kpis: KpiQueries;
  /** The code of the dossier submitted with a ticket, or null (no personal data). */
  readonly dossierCodeOf?: (ticketId: string) => string | null;
}
