/**
 * Appointments (hẹn giờ) booked at the provincial system, fetched for one business day:
 *   GET <baseUrl>/v1/appointments?agency=<agency code>&date=YYYY-MM-DD
 *   → { appointments: [{ code, procedureCode (mã TTHC), slotStart, slotEnd (ISO 8601),
 *                        idNumber?: 12 digits | null, status: "booked" | "cancelled" }] }
 * The procedure code picks the procedure, hence the service queue, from the hall's catalogue. The
 * ID number is hashed with the hall's salt at once and dropped. An entry that cannot be taken
 * (unknown procedure, bad slot) is skipped and reported; the others are applied.
 */
import { z } from 'zod';
import type { HallConfig } from '../../common/hall-config.ts';
import { normalizeAppointmentCode, type AppointmentSyncResult } from '../../common/provincial.ts';
import { isOrderedSlot } from '../../core/appointment-booking.ts';
import type { AppointmentStore } from '../../store/appointment-store.ts';
import { personHash } from '../secrets.ts';
import type { ProvincialClient } from './provincial-client.ts';
import { ProvincialUnreachableError } from './provincial-client.ts';

const entrySchema = z.object({
  code: z.string().min(1).max(64),
  procedureCode: z.string().min(1).max(64),
  slotStart: z.iso.datetime({ offset: true }),
  slotEnd: z.iso.datetime({ offset: true }),
  idNumber: z
    .string()
    .regex(/^\d{12}$/)
    .nullable()
    .optional(),
  status: z.enum(['booked', 'cancelled']),
});
const answerSchema = z.object({ appointments: z.array(z.unknown()) });

export class AppointmentSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppointmentSyncError';
  }
}

export interface AppointmentSyncDeps {
  readonly client: Pick<ProvincialClient, 'getJson'>;
  readonly store: AppointmentStore;
  readonly config: HallConfig;
  readonly personKey: Uint8Array;
  readonly newId: () => string;
  readonly clock: () => number;
}

/** Fetches and applies one day; throws ProvincialUnreachableError or AppointmentSyncError. */
export async function syncAppointmentsOf(deps: AppointmentSyncDeps, date: string): Promise<AppointmentSyncResult> {
  const path = `/v1/appointments?agency=${encodeURIComponent(deps.config.hall.agencyCode)}&date=${date}`;
  const answer = await deps.client.getJson(path);
  if (answer.status >= 500 || answer.status === 401 || answer.status === 403 || answer.status === 429) {
    throw new ProvincialUnreachableError(`HTTP ${answer.status} from the provincial system`);
  }
  const parsed = answerSchema.safeParse(answer.json);
  if (answer.status !== 200 || !parsed.success) throw new AppointmentSyncError(`unexpected answer to the appointment list (HTTP ${answer.status})`);

  const byProcedureCode = new Map(deps.config.procedures.map((p) => [p.code, p]));
  const counts = { created: 0, updated: 0, cancelled: 0 };
  const skipped: { code: string; reason: string }[] = [];
  for (const raw of parsed.data.appointments) {
    const entry = entrySchema.safeParse(raw);
    const rawCode = typeof (raw as { code?: unknown } | null)?.code === 'string' ? String((raw as { code: string }).code).slice(0, 64) : '(none)';
    if (!entry.success) {
      skipped.push({ code: rawCode, reason: `malformed entry: ${entry.error.issues.map((i) => i.path.join('.')).join(', ')}` });
      continue;
    }
    const e = entry.data;
    const code = normalizeAppointmentCode(e.code);
    if (code === null) {
      skipped.push({ code: rawCode, reason: 'the code is not 6–32 letters, digits or "-"' });
      continue;
    }
    const procedure = byProcedureCode.get(e.procedureCode);
    if (!procedure) {
      skipped.push({ code, reason: `procedure code ${e.procedureCode} is not in this hall's catalogue` });
      continue;
    }
    const slotStart = Date.parse(e.slotStart);
    const slotEnd = Date.parse(e.slotEnd);
    if (!isOrderedSlot({ slotStart, slotEnd })) {
      skipped.push({ code, reason: 'the slot ends before it starts' });
      continue;
    }
    const outcome = deps.store.upsertProvincial(
      {
        code,
        serviceId: procedure.serviceId,
        procedureId: procedure.id,
        slotStart,
        slotEnd,
        personHash: e.idNumber ? personHash(deps.personKey, e.idNumber) : null,
        cancelled: e.status === 'cancelled',
      },
      deps.newId,
      deps.clock(),
    );
    if (outcome !== 'unchanged') counts[outcome] += 1;
  }
  return { date, received: parsed.data.appointments.length, ...counts, skipped };
}
