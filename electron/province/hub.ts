/**
 * Composition root of one province hub process: pool, migrations, partitions, the LISTEN
 * connection and the HTTP/WebSocket app. Any number of these run against one PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { createHubApp } from './app.ts';
import { createPool, type Pool } from './database.ts';
import { LiveHub } from './live.ts';
import { migrate } from './migrate.ts';
import { Partitions } from './partitions.ts';

export interface HubOptions {
  /** A postgres:// URL; otherwise the PG* environment variables. */
  readonly databaseUrl?: string;
  readonly port?: number;
  readonly host?: string;
  readonly staticDir?: string | null;
  readonly logLevel?: string;
  readonly poolSize?: number;
}

export interface Hub {
  readonly url: string;
  readonly pool: Pool;
  readonly app: FastifyInstance;
  readonly live: LiveHub;
  close(): Promise<void>;
}

const consoleLog = (level: string | undefined) => ({
  info: (obj: object, msg: string) => {
    if (level && level !== 'silent' && level !== 'warn' && level !== 'error') console.log(JSON.stringify({ level: 'info', msg, ...obj }));
  },
  warn: (obj: object, msg: string) => {
    if (level !== 'silent') console.error(JSON.stringify({ level: 'warn', msg, ...obj }));
  },
});

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const pool = createPool(options.databaseUrl, options.poolSize ?? 10);
  try {
    await migrate(pool);
    const partitions = new Partitions(pool);
    const live = new LiveHub(pool, options.databaseUrl, consoleLog(options.logLevel));
    await live.start();
    const app = await createHubApp({
      pool,
      partitions,
      live,
      ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
      ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    });
    const url = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    return {
      url,
      pool,
      app,
      live,
      async close() {
        await live.close();
        await app.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
