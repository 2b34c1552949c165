/**
 * Entry of `npm run bench -- <name> [options]`: runs the benchmark module test/bench/<name>.bench.ts.
 *
 * A benchmark module exports
 *   description: string                                  one line, shown in the list
 *   main(argv: readonly string[]): Promise<number>       runs it; the returned number is the exit code
 *
 * Without a name (or with --help) the available benchmarks are listed; an unknown name lists them
 * and exits with 2.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'test', 'bench');
const SUFFIX = '.bench.ts';

interface BenchModule {
  readonly description?: string;
  readonly main: (argv: readonly string[]) => Promise<number>;
}

function available(): string[] {
  if (!existsSync(BENCH_DIR)) return [];
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
}

async function load(name: string): Promise<BenchModule> {
  const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}${SUFFIX}`)).href)) as Partial<BenchModule>;
  if (typeof mod.main !== 'function') throw new Error(`test/bench/${name}${SUFFIX} does not export main(argv)`);
  return mod as BenchModule;
}

async function list(out: NodeJS.WriteStream): Promise<void> {
  const names = available();
  out.write('usage: npm run bench -- <name> [options]\n\n');
  if (names.length === 0) {
    out.write(`no benchmarks found (test/bench/*${SUFFIX})\n`);
    return;
  }
  out.write('benchmarks:\n');
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    let description = '';
    try {
      description = (await load(name)).description ?? '';
    } catch (error) {
      description = `(cannot load: ${error instanceof Error ? error.message : String(error)})`;
    }
    out.write(`  ${name.padEnd(width)}  ${description}\n`);
  }
  out.write('\nOptions after the name go to the benchmark; try `npm run bench -- <name> --help`.\n');
}

async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    await list(process.stdout);
    return 0;
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !available().includes(name)) {
    process.stderr.write(`unknown benchmark "${name}"\n\n`);
    await list(process.stderr);
    return 2;
  }
  const bench = await load(name);
  // Benchmarks use repo-relative paths (site configuration, scripts/hall.ts), as npm does.
  process.chdir(ROOT);
  return bench.main(rest);
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
