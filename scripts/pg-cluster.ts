/**
 * A throwaway PostgreSQL cluster for tests, benchmarks and the province demo: Debian's
 * postgresql binaries, a data directory under the system temp folder, loopback TCP on a free port
 * and a Unix socket in the data directory. Nothing is registered with postgresql-common, so a
 * crashed run leaves no cluster configuration behind (only a temp folder).
 *
 * initdb refuses to run as root: as root, the data directory is handed to the `postgres` user and
 * initdb/pg_ctl run through `runuser` (the same as pg_createcluster does).
 *
 * Contract: `startCluster()` resolves once the server accepts connections, with a superuser URL
 * (trust authentication, loopback only); `stop()` stops it (fast shutdown) and deletes the folder.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** A URL of another database of this cluster. */
  urlOf(database: string): string;
  stop(): void;
}

/** The newest installed server version's binaries (Debian layout). */
export function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql; run: npm run setup (installs Debian's postgresql)");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
}

export interface ClusterOptions {
  /** Extra server settings (`-c name=value`), e.g. { fsync: 'off' } for tests. */
  readonly settings?: Readonly<Record<string, string>>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<PgCluster> {
  const bin = pgBinDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'pg-province-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dataDir, uid, gid);
  }
  const port = await freePort();
  const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: dataDir, max_connections: '200', ...options.settings };
  const opts = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  try {
    run(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    run(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', opts, '-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start a PostgreSQL cluster: ${stderr || String(error)}`);
  }
  let stopped = false;
  const urlOf = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    port,
    dataDir,
    urlOf,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * `node --import tsx scripts/pg-cluster.ts start` prints shell lines exporting
 * PROVINCE_TEST_PG_URL and PROVINCE_TEST_PG_DATA of a new test cluster (fsync off);
 * `… stop DIR` stops it and deletes its folder. scripts/test.sh runs one for the whole test run.
 */
if (process.argv[1]?.endsWith('pg-cluster.ts')) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'start') {
    const c = await startCluster({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
    process.stdout.write(`export PROVINCE_TEST_PG_URL='${c.url}'\nexport PROVINCE_TEST_PG_DATA='${c.dataDir}'\n`);
  } else if (command === 'stop' && dir) {
    try {
      run(join(pgBinDir(), 'pg_ctl'), ['-D', dir, '-m', 'fast', '-w', 'stop']);
    } finally {
      if (dir.includes('pg-province-')) rmSync(dir, { recursive: true, force: true });
    }
  } else {
    process.stderr.write('usage: pg-cluster.ts start | stop DIR\n');
    process.exit(2);
  }
}
