/** The database, its WAL and its shared-memory file are readable by their owner only (0600). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openHallDatabase } from '../../../../electron/store/open-database.ts';
import { tempDir } from '../../../support/hall-server.ts';

test('hall.db, hall.db-wal and hall.db-shm are created 0600', { skip: process.platform === 'win32' }, (t) => {
  const tmp = tempDir('db-modes-');
  t.after(tmp.cleanup);
  const path = join(tmp.dir, 'hall.db');
  const db = openHallDatabase(path);
  try {
    db.prepare("INSERT INTO hall_meta (key, value) VALUES ('x', 'y')").run();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) assert.equal((statSync(file).mode & 0o777).toString(8), '600', file);
  } finally {
    db.close();
  }
});
