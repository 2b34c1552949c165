/**
 * The per-dossier export (regulations R1.16) as CSV: UTF-8 with BOM, machine field names, times as
 * ISO 8601 with the hall's offset, flags as 1/0, empty for unknown. Names beside ids.
 */
import { localParts } from '../../core/business-time.ts';
import type { DossierExportRow } from '../../store/report-queries.ts';
import type { ReportNames } from './period-report.ts';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** 2026-03-02T08:15:00+07:00 in the hall's zone. */
export function isoLocal(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  const offsetMin = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export const DOSSIER_FIELDS = [
  'code',
  'ticket_number',
  'business_date',
  'service_id',
  'service_name',
  'procedure_id',
  'officer_id',
  'officer_name',
  'dossiers',
  'received_at',
  'due_at',
  'completed_at',
  'on_time',
  'dissatisfied',
  'digitised',
  'e_result',
  'synced',
  'channel',
] as const;

const csv = (v: string | number | null): string => {
  if (v === null) return '';
  const t = String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

export function dossierCsv(rows: readonly DossierExportRow[], names: ReportNames, timeZone: string): string {
  const time = (x: number | null): string | null => (x === null ? null : isoLocal(x, timeZone));
  const flag = (x: boolean | null): number | null => (x === null ? null : x ? 1 : 0);
  const lines = rows.map((r) =>
    [
      r.code,
      r.ticketNumber,
      r.businessDate,
      r.serviceId,
      names.service(r.serviceId),
      r.procedureId,
      r.officerId,
      r.officerId === null ? null : names.officer(r.officerId),
      r.dossiers,
      time(r.receivedAt),
      time(r.dueAt),
      time(r.completedAt),
      flag(r.onTime),
      flag(r.dissatisfied),
      flag(r.digitised),
      flag(r.eResult),
      flag(r.synced),
      r.channel,
    ]
      .map(csv)
      .join(','),
  );
  return `\uFEFF${[DOSSIER_FIELDS.join(','), ...lines].join('\r\n')}\r\n`;
}
