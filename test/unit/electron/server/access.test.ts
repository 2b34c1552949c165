/**
 * Device authentication with its short-lived lookup cache: expiry is checked on every request,
 * and a change made behind the server's back (another process revoking a device) is seen once
 * the cached entry is DEVICE_CACHE_MS old.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DomainError } from '../../../../electron/common/errors.ts';
import { Access, DAY_MS, DEVICE_CACHE_MS } from '../../../../electron/server/access.ts';
import { AccessStore } from '../../../../electron/store/access-store.ts';
import { openHallDatabase } from '../../../../electron/store/open-database.ts';
import { tempDir } from '../../../support/hall-server.ts';

function setup() {
  const tmp = tempDir();
  const db = openHallDatabase(join(tmp.dir, 'hall.db'));
  let now = Date.UTC(2026, 10, 23, 2, 0);
  const access = new Access(new AccessStore(db), () => now);
  const token = access.createEnrolledDevice({ id: 'kiosk-1', role: 'kiosk', name: 'Kiosk 1', counterId: null, validDays: 1 });
  return {
    db,
    access,
    token,
    advance: (ms: number) => {
      now += ms;
    },
    done: () => {
      db.close();
      tmp.cleanup();
    },
  };
}

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'ok';
};

test('a revocation written by another process is refused once the cache entry is stale', () => {
  const h = setup();
  try {
    assert.equal(
      code(() => h.access.deviceForToken(h.token)),
      'ok',
    );
    h.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?').run(Date.now(), 'kiosk-1');
    h.advance(DEVICE_CACHE_MS - 1);
    assert.equal(
      code(() => h.access.deviceForToken(h.token)),
      'ok',
      'still remembered',
    );
    h.advance(1);
    assert.equal(
      code(() => h.access.deviceForToken(h.token)),
      'UNAUTHENTICATED',
    );
  } finally {
    h.done();
  }
});

test('expiry is checked on every request, cached or not', () => {
  const h = setup();
  try {
    assert.equal(
      code(() => h.access.deviceForToken(h.token)),
      'ok',
    );
    h.advance(DAY_MS);
    assert.equal(
      code(() => h.access.deviceForToken(h.token)),
      'TOKEN_EXPIRED',
    );
  } finally {
    h.done();
  }
});

test('unknown and missing tokens are refused', () => {
  const h = setup();
  try {
    assert.equal(
      code(() => h.access.deviceForToken('dev_not-a-real-token')),
      'UNAUTHENTICATED',
    );
    assert.equal(
      code(() => h.access.deviceForToken(null)),
      'UNAUTHENTICATED',
    );
  } finally {
    h.done();
  }
});
