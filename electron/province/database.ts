/**
 * The hub's PostgreSQL connection pool. Settings come from a URL (`--database-url`,
 * PROVINCE_DATABASE_URL or DATABASE_URL) or else from the usual libpq variables (PGHOST, PGPORT,
 * PGUSER, PGPASSWORD, PGDATABASE), which `pg` reads itself.
 */
import pg from 'pg';

// bigint columns (epoch ms, sequences) fit a double exactly for the next 285,000 years.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates stay the YYYY-MM-DD text the halls use, not a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export function databaseUrlFrom(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.PROVINCE_DATABASE_URL || env.DATABASE_URL || undefined;
}

export function createPool(url: string | undefined, max = 10): Pool {
  const pool = new pg.Pool({ ...(url ? { connectionString: url } : {}), max, application_name: 'province-hub' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` in one transaction on one client: COMMIT on success, ROLLBACK on any error.
 * `settings` are SET LOCAL for the transaction only, sent with BEGIN in the same round trip (names
 * and values are the caller's constants, never input).
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, settings: Readonly<Record<string, string>> = {}): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(['BEGIN', ...Object.entries(settings).map(([name, value]) => `SET LOCAL ${name} = ${value}`)].join('; '));
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
