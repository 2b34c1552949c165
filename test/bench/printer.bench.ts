/**
 * `npm run bench -- printer [--runs N]`: the cost of one ticket on the kiosk, per printer profile:
 * layout + raster (Vietnamese text drawn with the bitmap fonts, QR) + ESC/POS encode, as the
 * kiosk does it for every print. Goal: p95 ≤ 50 ms. Also reports the bytes per ticket (what
 * goes over the serial line or the network) and the same for code-page text where a profile has one.
 * Prints a table and writes test/bench/results/printer-<date-time>.json and printer-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PRINTER_PROFILES } from '../../devices/printer/printer-profile.ts';
import { encodeTicket } from '../../devices/printer/ticket-job.ts';
import type { TextMode } from '../../devices/printer/ticket-render.ts';
import { ticket } from '../support/ticket-jobs.ts';

export const description = 'ticket printer: layout + raster + encode of one ticket (p95 goal ≤ 50 ms), bytes per ticket';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'test', 'bench', 'results');
const GOAL_P95_MS = 50;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { runs: { type: 'string', default: '200' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 10) throw new Error(`--runs must be a whole number ≥ 10, got '${values.runs}'`);
  const rows: Record<string, unknown>[] = [];
  for (const profile of Object.values(PRINTER_PROFILES)) {
    const modes: TextMode[] = profile.vietnameseCodePage === null ? ['raster'] : ['raster', 'codepage'];
    for (const textMode of modes) {
      // Each run a different ticket number, people ahead and minute: nothing can be cached across tickets.
      const job = (i: number) => ticket({ number: `A${String(i % 1000).padStart(3, '0')}`, peopleAhead: i % 40, issuedAt: Date.UTC(2026, 10, 23, 2, i % 60) });
      for (let i = 0; i < 10; i++) encodeTicket(job(i), profile, { textMode });
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const out = encodeTicket(job(i), profile, { textMode });
        times.push(performance.now() - start);
        bytes = Math.max(bytes, out.length);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      rows.push({
        profile: profile.id,
        textMode,
        runs,
        p50Ms: Number(percentile(times, 50).toFixed(2)),
        p95Ms: Number(p95.toFixed(2)),
        maxMs: Number((times.at(-1) ?? 0).toFixed(2)),
        bytesPerTicket: bytes,
        goalP95Ms: GOAL_P95_MS,
        goalMet: p95 <= GOAL_P95_MS,
      });
    }
  }
  console.log('profile          text      p50 ms  p95 ms  max ms  bytes/ticket  goal p95 ≤ 50 ms');
  for (const r of rows) {
    console.log(
      `${String(r.profile).padEnd(16)} ${String(r.textMode).padEnd(9)} ${String(r.p50Ms).padStart(6)}  ${String(r.p95Ms).padStart(6)}  ${String(r.maxMs).padStart(6)}  ${String(r.bytesPerTicket).padStart(12)}  ${r.goalMet ? 'met' : 'MISSED'}`,
    );
  }
  const result = { benchmark: 'printer', at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg(), rows };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = result.at.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  writeFileSync(join(RESULTS_DIR, `printer-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, 'printer-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
