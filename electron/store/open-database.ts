/**
 * Opening the hall database: durable pragmas, integrity check, numbered migrations each in one
 * transaction, and refusal of a database written by a newer release.
 */
import { chmodSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations/index.ts';

export type HallDatabase = Database.Database;

export class DatabaseVersionError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(path: string, found: number, supported: number) {
    super(
      `The hall database ${path} has schema version ${found}, newer than this release supports (${supported}). ` +
        'Install the newer release, or restore a backup made by this one; the file was not changed.',
    );
    this.name = 'DatabaseVersionError';
    this.found = found;
    this.supported = supported;
  }
}

export class DatabaseIntegrityError extends Error {
  constructor(path: string, report: string) {
    super(`The hall database ${path} failed its integrity check (${report}). Restore the latest backup; the file was not changed.`);
    this.name = 'DatabaseIntegrityError';
  }
}

export interface OpenOptions {
  /**
   * For inspection tools (verify-log, kpis): the file must exist, no migration runs and
   * `query_only` refuses every write. The connection itself is opened read-write because a
   * read-only SQLite connection cannot open a WAL database whose -shm file does not exist yet.
   */
  readonly readonly?: boolean;
}

/**
 * WAL + synchronous=FULL: a commit is on disk before the call returns, so a ticket number shown
 * to a citizen survives a power cut (regulations §4.3). busy_timeout covers CLI readers.
 */
export function openHallDatabase(path: string, options: OpenOptions = {}): HallDatabase {
  const inspect = options.readonly ?? false;
  if (inspect && !existsSync(path)) {
    throw new Error(`The hall database ${path} does not exist; check the --db path.`);
  }
  const db = new Database(path, { fileMustExist: inspect });
  try {
    // Owner only: SQLite gives the -wal and -shm files the main file's mode when it creates them.
    if (!inspect && process.platform !== 'win32') {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
    }
    db.pragma('busy_timeout = 5000');
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > LATEST_SCHEMA_VERSION) throw new DatabaseVersionError(path, found, LATEST_SCHEMA_VERSION);
    if (!inspect) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (found > 0) {
      const check = db.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok') throw new DatabaseIntegrityError(path, check);
    }
    if (inspect) db.pragma('query_only = ON');
    else migrate(db, found);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: HallDatabase, from: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
