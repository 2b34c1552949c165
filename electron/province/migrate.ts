/**
 * Versioned migrations of the hub's schema. Any number of hub processes may start at once: an
 * advisory lock lets one apply what is missing while the others wait; each migration commits with
 * its row in `schema_migrations`. A database from a newer release is refused.
 */
import type { Pool } from './database.ts';
import { MIGRATIONS } from './migrations/index.ts';

const MIGRATION_LOCK = 7_470_766;

export class SchemaTooNewError extends Error {}

export async function migrate(pool: Pool): Promise<{ applied: number[]; version: number }> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    const known = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
    if (newest > known) {
      throw new SchemaTooNewError(`the database schema is version ${newest}, newer than this release knows (${known}); run the newer hub release`);
    }
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.up);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(m.version);
    }
    return { applied, version: known };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
