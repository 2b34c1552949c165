/**
 * The hall data key and AES-256-GCM sealing: a key file created 0600 on first start and reused,
 * refused when others may read it or when it has the wrong size, never silently recreated for a
 * database that holds sealed data; HALL_DATA_KEY in base64; sealed values with fresh nonces that
 * open only with their key and associated data.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AesGcmSealer, HallKeyError, hallKeyPath, loadHallKey } from '../../../../electron/server/dossier-crypto.ts';
import { tempDir } from '../../../support/hall-server.ts';

describe('hall data key', () => {
  test('created on first start with mode 0600, then read back unchanged', (t) => {
    const tmp = tempDir('hall-key-');
    t.after(tmp.cleanup);
    const dbPath = join(tmp.dir, 'hall.db');
    const first = loadHallKey({ dbPath, env: {}, mustExist: false });
    assert.deepEqual([first.created, first.source, first.path], [true, 'file', hallKeyPath(dbPath)]);
    assert.equal(statSync(hallKeyPath(dbPath)).mode & 0o777, 0o600);
    assert.equal(readFileSync(hallKeyPath(dbPath)).length, 32);
    const again = loadHallKey({ dbPath, env: {}, mustExist: true });
    assert.equal(again.created, false);
    assert.ok(again.key.equals(first.key));
  });

  test('a key file others may read is refused, naming the fix', (t) => {
    const tmp = tempDir('hall-key-');
    t.after(tmp.cleanup);
    const dbPath = join(tmp.dir, 'hall.db');
    loadHallKey({ dbPath, env: {}, mustExist: false });
    chmodSync(hallKeyPath(dbPath), 0o644);
    assert.throws(
      () => loadHallKey({ dbPath, env: {}, mustExist: true }),
      (e: unknown) => e instanceof HallKeyError && /mode 0644.*chmod 600/.test(e.message),
    );
  });

  test('a key file of the wrong size, or missing for a database with sealed data, is refused', (t) => {
    const tmp = tempDir('hall-key-');
    t.after(tmp.cleanup);
    const dbPath = join(tmp.dir, 'hall.db');
    assert.throws(() => loadHallKey({ dbPath, env: {}, mustExist: true }), /is missing.*no new key was created/s);
    writeFileSync(hallKeyPath(dbPath), randomBytes(16), { mode: 0o600 });
    assert.throws(() => loadHallKey({ dbPath, env: {}, mustExist: true }), /holds 16 bytes, not 32/);
  });

  test('HALL_DATA_KEY (base64 of 32 bytes) wins over the file; anything else is refused', (t) => {
    const tmp = tempDir('hall-key-');
    t.after(tmp.cleanup);
    const dbPath = join(tmp.dir, 'hall.db');
    const key = randomBytes(32);
    const loaded = loadHallKey({ dbPath, env: { HALL_DATA_KEY: key.toString('base64') }, mustExist: true });
    assert.deepEqual([loaded.source, loaded.path, loaded.key.equals(key)], ['env', null, true]);
    for (const bad of [randomBytes(31).toString('base64'), 'not base64 at all!', key.toString('hex')]) {
      assert.throws(() => loadHallKey({ dbPath, env: { HALL_DATA_KEY: bad }, mustExist: false }), HallKeyError);
    }
  });
});

describe('AES-256-GCM sealing', () => {
  const sealer = new AesGcmSealer(randomBytes(32));
  const plain = Buffer.from('Nội dung cần bảo vệ', 'utf8');

  test('each seal uses a fresh nonce; the value opens with the same associated data', () => {
    const a = sealer.seal(plain, 'dossier:1:personal');
    const b = sealer.seal(plain, 'dossier:1:personal');
    assert.notDeepEqual(a, b);
    assert.equal(a.length, 1 + 12 + plain.length + 16);
    assert.ok(sealer.open(a, 'dossier:1:personal').equals(plain));
  });

  test('another key, other associated data or a flipped bit does not open', () => {
    const sealed = sealer.seal(plain, 'dossier:1:personal');
    assert.throws(() => new AesGcmSealer(randomBytes(32)).open(sealed, 'dossier:1:personal'));
    assert.throws(() => sealer.open(sealed, 'dossier:2:personal'));
    const flipped = Buffer.from(sealed);
    flipped[15] = (flipped[15] ?? 0) ^ 1;
    assert.throws(() => sealer.open(flipped, 'dossier:1:personal'));
    assert.throws(() => sealer.open(sealed.subarray(0, 20), 'dossier:1:personal'), /known version/);
  });

  test('a key of the wrong length is refused', () => {
    assert.throws(() => new AesGcmSealer(randomBytes(16)), HallKeyError);
  });
});
