/** What route handlers need: built once in the composition root (hall-server.ts). */
import type { Access } from '../access.ts';
import type { HallService } from '../hall-service.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';

export interface RouteDeps {
  readonly hall: HallService;
  readonly access: Access;
  /** Salt of person hashes (fairness rule); a hall-wide secret kept in the database. */
  readonly personSalt: string;
  readonly deviceTokenDays: number;
  readonly staffSessionHours: number;
  /** Ticket facts for the KPI reports. */
  readonly kpis: KpiQueries;
  /** The code of the dossier submitted with a ticket, or null (no personal data). */
  readonly dossierCodeOf?: (ticketId: string) => string | null;
}
