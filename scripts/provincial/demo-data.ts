/**
 * What the demo's provincial simulator knows at start: dossiers in each status and today's
 * appointments for the demo hall's procedures, so the kiosk's status lookup and appointment
 * check-in have something to show. Codes follow TT 01/2018 Điều 19 (dossiers) and the
 * scanner's appointment QR ("HEN:<code>").
 */
import type { HallConfig } from '../../electron/common/hall-config.ts';
import { businessDateOf, formatClock, formatDateVi } from '../../electron/core/business-time.ts';
import type { ProvincialSimulator } from './simulator.ts';

export interface DemoSeed {
  readonly dossiers: readonly { code: string; state: string }[];
  /** `slot`: local start, "HH:mm dd/mm/yyyy". */
  readonly appointments: readonly { code: string; procedureCode: string; slot: string }[];
}

const QUARTER = 15 * 60_000;

export function seedDemo(sim: ProvincialSimulator, config: HallConfig, now = Date.now()): DemoSeed {
  const date = businessDateOf(now, config.schedule.timeZone).slice(2).replaceAll('-', '');
  const states = ['received', 'processing', 'supplement_required', 'completed'] as const;
  const dossiers = states.map((state, i) => ({ code: `${config.hall.agencyCode}-${date}-${String(i + 1).padStart(4, '0')}`, state }));
  for (const d of dossiers) sim.setDossierStatus(d.code, d.state, new Date(now).toISOString());

  const procedures = config.procedures.slice(0, 3);
  const firstSlot = Math.ceil((now + 10 * 60_000) / QUARTER) * QUARTER;
  const appointments = procedures.map((p, i) => {
    const start = firstSlot + i * 4 * QUARTER;
    const code = `TN-${String(100_001 + i)}`;
    sim.addAppointment({
      agency: config.hall.agencyCode,
      code,
      procedureCode: p.code,
      status: 'booked',
      slotStart: new Date(start).toISOString(),
      slotEnd: new Date(start + 2 * QUARTER).toISOString(),
      idNumber: null,
    });
    const tz = config.schedule.timeZone;
    return { code, procedureCode: p.code, slot: `${formatClock(start, tz)} ${formatDateVi(businessDateOf(start, tz))}` };
  });
  return { dossiers, appointments };
}
