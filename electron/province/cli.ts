/**
 * `npm run province -- <command>`:
 *   serve [--port N] [--host H] [--static DIR]      a hub process (any number per PostgreSQL)
 *   enroll-hall --hall ID --name NAME [--district D] prints the hall's credential (shown once)
 *   revoke-hall --hall ID
 *   add-supervisor --username U --name NAME (--province | --district D)   PIN from PROVINCE_SUPERVISOR_PIN or stdin
 *   simulate [--halls N] [--days N] [--hub URL]      simulated halls delivering through the ingest path (simulate.ts)
 *   migrate                                          applies the schema migrations and exits
 * PostgreSQL: --database-url, PROVINCE_DATABASE_URL, DATABASE_URL or the PG* variables.
 * Exit codes: 0 done, 1 failure, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { hallIdSchema } from '../common/province-wire.ts';
import { addSupervisor, enrollHall, revokeHall } from './credentials.ts';
import { createPool, databaseUrlFrom } from './database.ts';
import { startHub } from './hub.ts';
import { migrate } from './migrate.ts';
import { runSimulation } from './simulate.ts';

class UsageError extends Error {}

const OPTIONS = {
  port: { type: 'string', default: '8090' },
  host: { type: 'string', default: '127.0.0.1' },
  static: { type: 'string' },
  'database-url': { type: 'string' },
  hall: { type: 'string' },
  name: { type: 'string' },
  district: { type: 'string' },
  province: { type: 'boolean', default: false },
  username: { type: 'string' },
  halls: { type: 'string', default: '300' },
  days: { type: 'string', default: '30' },
  hub: { type: 'string' },
  seed: { type: 'string', default: '1' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `usage: npm run province -- serve [--port N] [--host H] [--static DIR]
       npm run province -- enroll-hall --hall ID --name NAME [--district D]
       npm run province -- revoke-hall --hall ID
       npm run province -- add-supervisor --username U --name NAME (--province | --district D)
       npm run province -- simulate [--halls 300] [--days 30] [--hub URL] [--seed N]
       npm run province -- migrate
PostgreSQL from --database-url, PROVINCE_DATABASE_URL, DATABASE_URL or PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE.`;

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}`);
  return value;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive whole number, got "${value}"`);
  return n;
}

async function readPin(): Promise<string> {
  const fromEnv = process.env.PROVINCE_SUPERVISOR_PIN;
  if (fromEnv) return fromEnv;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const v = parsed.values;
  const command = parsed.positionals[0];
  if (v.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return v.help ? 0 : 2;
  }
  const url = v['database-url'] ?? databaseUrlFrom(process.env);
  try {
    switch (command) {
      case 'serve': {
        const port = Number(v.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${v.port}"`);
        const hub = await startHub({
          databaseUrl: url,
          port,
          host: v.host,
          ...(v.static ? { staticDir: v.static } : {}),
          logLevel: process.env.PROVINCE_LOG_LEVEL ?? 'info',
        });
        process.stdout.write(`province hub listening on ${hub.url}\n`);
        const stop = (): void => void hub.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return -1;
      }
      case 'enroll-hall': {
        const id = required(v.hall, 'hall');
        if (!hallIdSchema.safeParse(id).success) throw new UsageError(`--hall must be a hall id (lower-case letters, digits, dashes), got "${id}"`);
        const pool = createPool(url, 1);
        try {
          await migrate(pool);
          const token = await enrollHall(pool, { id, name: required(v.name, 'name').normalize('NFC'), district: v.district ?? null });
          process.stdout.write(`credential for hall ${id} (shown once; give it to the hall as PROVINCE_HUB_TOKEN):\n${token}\n`);
        } finally {
          await pool.end();
        }
        return 0;
      }
      case 'revoke-hall': {
        const pool = createPool(url, 1);
        try {
          const done = await revokeHall(pool, required(v.hall, 'hall'));
          process.stdout.write(done ? `hall ${v.hall} revoked\n` : `hall ${v.hall} is not enrolled or already revoked\n`);
          return done ? 0 : 1;
        } finally {
          await pool.end();
        }
      }
      case 'add-supervisor': {
        if (v.province === (v.district !== undefined)) throw new UsageError('give exactly one of --province or --district D');
        const pool = createPool(url, 1);
        try {
          await migrate(pool);
          await addSupervisor(pool, {
            username: required(v.username, 'username'),
            displayName: required(v.name, 'name').normalize('NFC'),
            pin: await readPin(),
            scope: v.province ? 'province' : 'district',
            district: v.district ?? null,
          });
          process.stdout.write(`supervisor ${v.username} saved\n`);
        } finally {
          await pool.end();
        }
        return 0;
      }
      case 'simulate': {
        const summary = await runSimulation({
          databaseUrl: url,
          halls: positiveInt(v.halls, 'halls'),
          days: positiveInt(v.days, 'days'),
          hubUrl: v.hub ?? null,
          seed: positiveInt(v.seed, 'seed'),
          progress: (line) => process.stdout.write(`${line}\n`),
        });
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return 0;
      }
      case 'migrate': {
        const pool = createPool(url, 1);
        try {
          const r = await migrate(pool);
          process.stdout.write(`schema at version ${r.version}; applied: ${r.applied.join(', ') || 'none'}\n`);
        } finally {
          await pool.end();
        }
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`province: ${(error as Error).message}\n`);
    return 1;
  }
}
