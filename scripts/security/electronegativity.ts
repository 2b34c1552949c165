/**
 * Runs @doyensec/electronegativity over electron/ and applies the gate of
 * electronegativity-gate.ts. Exit 0 when nothing fails, 1 otherwise. Offline: the check that
 * downloads Electron's release list is skipped and the Electron version is given (the one pinned
 * in package.json). Usage: node --import tsx scripts/security/electronegativity.ts [folder]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gate, type Finding } from './electronegativity-gate.ts';

interface RawIssue {
  id: string;
  file: string;
  sample?: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
}

interface RunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: unknown[];
  issues: RawIssue[];
}

type Run = (options: Record<string, unknown>) => Promise<RunResult>;

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as Run;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
const electronVersion = pkg.devDependencies.electron ?? '45.4.1';
const input = resolve(process.argv[2] ?? 'electron');

const result = await run({
  input,
  isRelative: true,
  electronVersionOverride: electronVersion,
  excludeFromScan: ['availablesecurityfixesglobalcheck'],
  customScan: [],
  parserPlugins: [],
});

const findings: Finding[] = result.issues.map((issue) => ({
  id: issue.id,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  file: issue.file,
  line: issue.location.line,
  sample: (issue.sample ?? '').slice(0, 120),
}));
const { failures, accepted } = gate(findings);

console.log(
  `electronegativity over ${process.argv[2] ?? 'electron'} (Electron ${electronVersion}): ${result.atomicChecks} atomic and ${result.globalChecks} global checks, ${findings.length} finding(s), ${result.errors.length} file(s) not parsed`,
);
for (const { finding, reason } of accepted) console.log(`  accepted ${finding.severity} ${finding.id} ${finding.file}:${finding.line} - ${reason}`);
for (const { finding, why } of failures)
  console.log(`  FAILED   ${finding.severity} ${finding.id} ${finding.file}:${finding.line} - ${why}\n           ${finding.sample}`);
if (result.errors.length > 0) console.log(`  parse errors: ${JSON.stringify(result.errors).slice(0, 500)}`);
const failed = failures.length + result.errors.length;
console.log(failed === 0 ? 'electronegativity: no high-severity finding; every lower one is accepted' : `electronegativity: ${failed} problem(s)`);
process.exitCode = failed === 0 ? 0 : 1;
