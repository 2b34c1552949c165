/**
 * `npm run bench -- cccd [--latency MS] [--runs N]`: APDU count and time of reading a CCCD over the
 * virtual card in memory, with a fixed delay added per APDU (default 10 ms, a contactless exchange)
 * so the figures show what the protocol costs rather than this machine's CPU.
 *
 *   full read  PACE-CAN + DG1 + DG13 + EF.SOD + passive authentication (test CSCA), short APDUs
 *              (chunks of 223) vs extended length. Goals: ≤ 25 APDUs short, ≤ 15 extended.
 *   DG2        the same read plus a 20 KB face (DG2), extended length. Goal: DG2 in ≤ 10 APDUs.
 *   BAC        the full read with the MRZ key instead of the CAN, for comparison.
 * Anchor: NFCPassportReader's maintainer reports 8–15 s for a whole passport (AndyQ issue #10).
 *
 * Time = wall clock of readCard (median of N runs); it includes the injected latency and the
 * crypto (PACE's BigInt point arithmetic, passive authentication). The extended-length reader
 * here answers up to 64 KB; the file reader asks for 4032 bytes per READ BINARY.
 * Prints a table; writes test/bench/results/cccd-<date-time>.json and cccd-latest.json.
 * A missed goal is reported, not an error.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CardDataGroup, CardReadRequest } from '../../electron/common/device-contract.ts';
import { type CardReadReport, createCardReaderService } from '../../devices/card-reader/card-reader-service.ts';
import { loadTrustStore } from '../../devices/card-reader/passive-authentication.ts';
import { MemoryCardReader } from '../../devices/simulators/virtual-cccd/memory-channel.ts';
import { DEMO_CAN, DEMO_MRZ_KEY, TRUST_STORE_DIR, demoCard } from '../support/virtual-cccd.fixture.ts';

export const description = 'CCCD read over the virtual card: APDU count and time, short vs extended length, DG2';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'test', 'bench', 'results');
const GOALS = { shortApdus: 25, extendedApdus: 15, dg2Apdus: 10 };

interface Scenario {
  readonly name: string;
  readonly extendedLength: boolean;
  readonly request: CardReadRequest;
}

interface Measured {
  readonly name: string;
  readonly extendedLength: boolean;
  readonly dataGroups: readonly CardDataGroup[];
  readonly apdus: number;
  readonly apdusByPhase: Readonly<Record<string, number>>;
  readonly fileBytes: Readonly<Record<string, number>>;
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  readonly authenticity: string;
}

const can = { kind: 'can', can: DEMO_CAN } as const;
const SCENARIOS: readonly Scenario[] = [
  { name: 'full read, PACE-CAN, short APDUs', extendedLength: false, request: { key: can, dataGroups: [1, 13] } },
  { name: 'full read, PACE-CAN, extended length', extendedLength: true, request: { key: can, dataGroups: [1, 13] } },
  { name: 'full read + DG2 20 KB, extended length', extendedLength: true, request: { key: can, dataGroups: [1, 2, 13] } },
  { name: 'full read + DG2 20 KB, short APDUs', extendedLength: false, request: { key: can, dataGroups: [1, 2, 13] } },
  { name: 'full read, BAC (MRZ key), short APDUs', extendedLength: false, request: { key: { kind: 'mrz', ...DEMO_MRZ_KEY }, dataGroups: [1, 13] } },
];

async function measure(s: Scenario, latencyMs: number, runs: number): Promise<Measured> {
  const trustStore = loadTrustStore(TRUST_STORE_DIR);
  const times: number[] = [];
  let report: CardReadReport | null = null;
  let authenticity = '';
  for (let i = 0; i < runs; i++) {
    const reader = new MemoryCardReader(demoCard({ extendedLength: s.extendedLength }), { latencyMs });
    const service = createCardReaderService(reader.factory, { trustStore });
    const t0 = performance.now();
    const r = await service.readCard(s.request);
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(`${s.name}: read failed: ${r.fault} ${r.detail ?? ''}`);
    authenticity = r.value.authenticity;
    report = service.lastReport();
    await service.endSession();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name: s.name,
    extendedLength: s.extendedLength,
    dataGroups: s.request.dataGroups,
    apdus: report!.apduCount,
    apdusByPhase: report!.apdusByPhase,
    fileBytes: report!.fileBytes,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    runsMs: times,
    authenticity,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { latency: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write('usage: npm run bench -- cccd [--latency MS per APDU, default 10] [--runs N, default 3]\n');
    return 0;
  }
  const latencyMs = Number(values.latency);
  const runs = Math.max(1, Number(values.runs));
  const out = (s = ''): boolean => process.stdout.write(`${s}\n`);
  const startedAt = new Date();
  out(`cccd benchmark — ${startedAt.toISOString()}`);
  out(`machine   ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}; ${latencyMs} ms added per APDU; median of ${runs} runs`);
  out();
  const results: Measured[] = [];
  for (const s of SCENARIOS) results.push(await measure(s, latencyMs, runs));

  const phases = (m: Measured): string =>
    Object.entries(m.apdusByPhase)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const width = Math.max(...results.map((r) => r.name.length));
  out(`${'scenario'.padEnd(width)}  APDUs  median ms  PA        APDUs by phase`);
  for (const r of results)
    out(`${r.name.padEnd(width)}  ${String(r.apdus).padStart(5)}  ${r.medianMs.toFixed(0).padStart(9)}  ${r.authenticity.padEnd(8)}  ${phases(r)}`);
  out();
  const [short, extended, dg2] = results;
  const dg2Apdus = dg2!.apdusByPhase['DG2'] ?? 0;
  const goals = [
    { goal: `full read, short APDUs ≤ ${GOALS.shortApdus} APDUs`, value: short!.apdus, pass: short!.apdus <= GOALS.shortApdus },
    { goal: `full read, extended length ≤ ${GOALS.extendedApdus} APDUs`, value: extended!.apdus, pass: extended!.apdus <= GOALS.extendedApdus },
    { goal: `DG2 (${dg2!.fileBytes['DG2']} bytes), extended length ≤ ${GOALS.dg2Apdus} APDUs`, value: dg2Apdus, pass: dg2Apdus <= GOALS.dg2Apdus },
  ];
  out('goals');
  for (const g of goals) out(`  ${g.pass ? 'PASS' : 'MISS'}  ${g.goal}: ${g.value}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify({ benchmark: 'cccd', startedAt: startedAt.toISOString(), latencyMsPerApdu: latencyMs, runs, node: process.versions.node, results, goals }, null, 2)}\n`;
  for (const name of [
    `cccd-${startedAt
      .toISOString()
      .replace(/[:.]/g, '-')
      .replace(/-\d{3}Z$/, 'Z')}.json`,
    'cccd-latest.json',
  ]) {
    const file = join(RESULTS_DIR, name);
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  }
  return 0;
}
