/**
 * Generated ticket history of a busy hall, as the CSV `hall import-tickets` reads: used by the
 * kpis benchmark (a year, 1,000,000 tickets) and by scripts/screens-report.ts (the report PNG).
 * Times are written with the +07:00 offset of Asia/Ho_Chi_Minh.
 */
import { createWriteStream } from 'node:fs';
import type { HallConfig } from '../electron/common/hall-config.ts';
import { IMPORT_HEADER } from '../electron/core/ticket-import.ts';
import { seededRandom } from '../electron/core/seeded-random.ts';

const MINUTE = 60_000;
const OFFSET_MS = 7 * 3_600_000;

export { seededRandom };

const exp = (random: () => number, mean: number): number => -Math.log(1 - random()) * mean;
const iso = (epoch: number): string => `${new Date(epoch + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;

/** The working days of `year` with their opening hours (local), Monday to Saturday morning. */
function workingDays(year: number): { date: string; openMin: number; closeMin: number }[] {
  const days: { date: string; openMin: number; closeMin: number }[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday === 0) continue;
    days.push({ date: new Date(t).toISOString().slice(0, 10), openMin: 7 * 60 + 30, closeMin: weekday === 6 ? 11 * 60 + 30 : 17 * 60 });
  }
  return days;
}

/**
 * Writes `tickets` tickets spread evenly over the working days of `year` as an import CSV: arrivals
 * uniform over opening hours, waits and service times exponential (means 12 min and the service's
 * default + 2 min), 4 % cancelled, 6 % no-shows, about 60 % rated. Deterministic for a given input.
 */
export async function generateHistoryCsv(config: HallConfig, path: string, options: { tickets: number; year: number }): Promise<void> {
  const { tickets, year } = options;
  const random = seededRandom(year * 1000 + 101);
  const days = workingDays(year);
  const perDay = Math.ceil(tickets / days.length);
  const services = config.services;
  const countersOf = new Map(services.map((s) => [s.id, config.counters.filter((c) => c.services.some((x) => x.serviceId === s.id)).map((c) => c.id)]));
  const procedures = new Map(services.map((s) => [s.id, config.procedures.filter((p) => p.serviceId === s.id).map((p) => p.code)]));
  const ratings = ['very_satisfied', 'very_satisfied', 'satisfied', 'satisfied', 'satisfied', 'dissatisfied', '', '', '', ''];
  const out = createWriteStream(path);
  const write = (text: string): Promise<void> => new Promise((done) => (out.write(text) ? done() : out.once('drain', done)));
  await write(`${IMPORT_HEADER.join(',')}\n`);
  let left = tickets;
  for (const day of days) {
    if (left === 0) break;
    const n = Math.min(perDay, left);
    left -= n;
    const dayStart = Date.parse(`${day.date}T00:00:00Z`) - OFFSET_MS;
    const seq = new Map<string, number>();
    let dossiers = 0;
    const lines: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const service = services[Math.floor(random() * services.length)] ?? services[0];
      if (!service) throw new Error('the site has no services');
      const s = (seq.get(service.id) ?? 0) + 1;
      seq.set(service.id, s);
      const issued = dayStart + (day.openMin + random() * (day.closeMin - day.openMin - 30)) * MINUTE;
      const counters = countersOf.get(service.id) ?? [];
      const counter = counters[Math.floor(random() * counters.length)] ?? '';
      const roll = random();
      const called = issued + exp(random, 12) * MINUTE;
      const number = `${service.prefix}${String(s).padStart(4, '0')}`;
      const procs = procedures.get(service.id) ?? [];
      const proc = procs.length > 0 && random() < 0.5 ? (procs[Math.floor(random() * procs.length)] ?? '') : '';
      if (roll < 0.04) {
        lines.push(`${service.id},${number},normal,${iso(issued)},,,,,,cancelled,,,`);
      } else if (roll < 0.1) {
        lines.push(`${service.id},${number},normal,${iso(issued)},${iso(called)},,,${counter},cb-${counter},no_show,,,`);
      } else {
        const started = called + random() * MINUTE;
        const finished = started + (2 + exp(random, service.defaultServiceMinutes)) * MINUTE;
        const priority = random() < 0.08 ? 'elderly' : 'normal';
        const rating = ratings[Math.floor(random() * ratings.length)] ?? '';
        dossiers += proc === '' ? 0 : 1;
        const dossier = proc === '' ? '' : `${config.hall.agencyCode}-${day.date.slice(2).replace(/-/g, '')}-${String(dossiers).padStart(4, '0')}`;
        lines.push(
          `${service.id},${number},${priority},${iso(issued)},${iso(called)},${iso(started)},${iso(finished)},${counter},cb-${counter},served,${rating},${proc},${dossier}`,
        );
      }
    }
    await write(`${lines.join('\n')}\n`);
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
}
