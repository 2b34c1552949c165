/**
 * The print job of a queue ticket (device-contract TicketPrintJob) from the server's answer, with
 * the dossier receipt block when the ticket came with a submitted dossier, and the hall's logo
 * (base64 PNG) when it has one. Pure.
 */
import type { TicketPrintJob } from '../../electron/common/device-contract.ts';
import type { DossierView } from '../shared/api/types.ts';
import type { IssueTicketResponse } from '../shared/api/types.ts';
import { HALL_TIME_ZONE } from '../shared/format.ts';
import type { HallConfigView } from '../shared/api/types.ts';

export function ticketPrintJob(
  config: HallConfigView,
  issued: IssueTicketResponse,
  extra: { readonly dossier?: DossierView | null; readonly logoPng?: string | null } = {},
): TicketPrintJob {
  const { dossier = null, logoPng = null } = extra;
  const service = config.services.find((s) => s.id === issued.ticket.serviceId);
  return {
    hallName: config.hall.name.vi,
    serviceName: service?.name.vi ?? issued.ticket.serviceId,
    number: issued.ticket.number,
    priority: issued.ticket.priority,
    ...(issued.ticket.priorityBasis === 'declared' ? { priorityDeclared: true } : {}),
    peopleAhead: issued.estimate.peopleAhead,
    estimatedWaitMin: issued.estimate.estimatedWaitMinutes,
    issuedAt: issued.ticket.issuedAt,
    timeZone: config.schedule.timeZone ?? HALL_TIME_ZONE,
    qr: issued.qr,
    footer: issued.ticket.dossierCount > 1 ? `Nộp ${issued.ticket.dossierCount} hồ sơ với số này (người đại diện)` : null,
    ...(dossier?.code
      ? {
          dossier: {
            code: dossier.code,
            procedure: dossier.procedure.name,
            papers: dossier.papers.length,
            submittedAt: dossier.submittedAt ?? issued.ticket.issuedAt,
          },
        }
      : {}),
    ...(logoPng ? { logoPng } : {}),
  };
}
