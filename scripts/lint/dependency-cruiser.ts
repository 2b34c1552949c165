/**
 * The dependency lint of `npm run lint`: dependency-cruiser with the rules of
 * dependency-cruiser.config.mjs (the layer table as data, cycles, unresolvable imports).
 *
 *   node --import tsx scripts/lint/dependency-cruiser.ts [--root DIR] [DIR...]
 *
 * DIRs are relative to the root (default: the current directory) and default to electron, devices,
 * renderer, kiosk-config, scripts and test (missing defaults are skipped). The root's
 * tsconfig.json is used where there is one.
 *
 * It drives dependency-cruiser through its API: the `depcruise` command of dependency-cruiser 18
 * refuses to start on Node 20, which this project supports; the API is the same engine. On Node 22
 * or later `npx depcruise -c scripts/lint/dependency-cruiser.config.mjs electron devices …` gives the
 * same report.
 *
 * Output: dependency-cruiser's `err` report (one line per violation, then a summary).
 * Exit code: 0 clean, 1 violations found, 2 usage or I/O error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, format, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import config from './dependency-cruiser.config.mjs';

export const DEFAULT_DIRS: readonly string[] = ['electron', 'devices', 'renderer', 'kiosk-config', 'scripts', 'test'];

/** One broken rule: the rule's name and the import, as root-relative paths. */
export interface Finding {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  /** dependency-cruiser's `err` report. */
  readonly report: string;
  readonly modulesCruised: number;
}

/** Cruises the given directories of the tree at root with the project's rules. */
export async function lintDependencies(root: string, dirs: readonly string[]): Promise<LintResult> {
  const absoluteRoot = path.resolve(root);
  const tsconfigFile = path.join(absoluteRoot, 'tsconfig.json');
  const { tsConfig: _fileOnly, ...options } = config.options ?? {};
  const cruiseOptions: ICruiseOptions = {
    ...options,
    ruleSet: { forbidden: config.forbidden ?? [] },
    validate: true,
    baseDir: absoluteRoot,
    ...(fs.existsSync(tsconfigFile) ? { tsConfig: { fileName: tsconfigFile } } : {}),
  };
  const transpile = fs.existsSync(tsconfigFile) ? { tsConfig: extractTSConfig(tsconfigFile) } : {};
  const cruised = await cruise([...dirs], cruiseOptions, undefined, transpile);
  const result = cruised.output as ICruiseResult;
  const findings = (result.summary.violations ?? []).map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  const report = (await format(result, { outputType: 'err' })).output as string;
  return { findings, report, modulesCruised: result.summary.totalCruised };
}

const USAGE = 'usage: dependency-cruiser [--root DIR] [DIR...]';

/** Parses argv, runs the lint, prints the report; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let root = '.';
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--root') {
      const value = argv[++i];
      if (value === undefined) {
        console.error(USAGE);
        return 2;
      }
      root = value;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else {
      dirs.push(arg);
    }
  }
  const missing = dirs.filter((d) => !fs.existsSync(path.resolve(root, d)));
  if (missing.length > 0) {
    console.error(`dependency-cruiser: no such directory: ${missing.join(', ')}`);
    return 2;
  }
  const targets = dirs.length > 0 ? dirs : DEFAULT_DIRS.filter((d) => fs.existsSync(path.resolve(root, d)));
  try {
    const { findings, report } = await lintDependencies(root, targets);
    process.stdout.write(report);
    return findings.length > 0 ? 1 : 0;
  } catch (err) {
    console.error(`dependency-cruiser: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
