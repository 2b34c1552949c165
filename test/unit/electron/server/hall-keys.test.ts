/**
 * Purpose keys: HKDF-SHA256 of the data key per the RFC 5869 definition (recomputed here by hand
 * with HMAC), distinct per purpose and per data key, stable across restarts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { DERIVED_KEY_BYTES, HallKeys, KEY_PURPOSES, deriveHallKey, type KeyPurpose } from '../../../../electron/server/hall-keys.ts';

/** RFC 5869 §2.2–2.3 for one block of output (L = 32 = HashLen). */
function hkdfByHand(ikm: Buffer, salt: string, info: string): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info), Buffer.of(1)]))
    .digest();
}

describe('hall keys', () => {
  test('each purpose key is HKDF-SHA256 of the data key with the purpose label', () => {
    const dataKey = randomBytes(32);
    for (const [purpose, label] of Object.entries(KEY_PURPOSES)) {
      assert.deepEqual(deriveHallKey(dataKey, purpose as KeyPurpose), hkdfByHand(dataKey, 'hall-keys/v1', label));
    }
  });

  test('purposes get different keys, none equal to the data key, and another data key changes them all', () => {
    const dataKey = randomBytes(32);
    const keys = new HallKeys(dataKey);
    const all = (Object.keys(KEY_PURPOSES) as KeyPurpose[]).map((p) => keys.key(p).toString('hex'));
    assert.equal(new Set([...all, dataKey.toString('hex')]).size, all.length + 1);
    assert.ok(all.every((k) => k.length === DERIVED_KEY_BYTES * 2));
    const other = new HallKeys(randomBytes(32));
    assert.ok((Object.keys(KEY_PURPOSES) as KeyPurpose[]).every((p) => !other.key(p).equals(keys.key(p))));
  });

  test('the same data key gives the same keys (a restart keeps person hashes and checkpoints valid)', () => {
    const dataKey = randomBytes(32);
    assert.deepEqual(new HallKeys(dataKey).key('personHash'), new HallKeys(Buffer.from(dataKey)).key('personHash'));
  });

  test('a handed-out key is a copy: changing it does not change the next one', () => {
    const keys = new HallKeys(randomBytes(32));
    const first = keys.key('logCheckpoint');
    first.fill(0);
    assert.notDeepEqual(keys.key('logCheckpoint'), first);
  });

  test('a short data key is refused', () => {
    assert.throws(() => deriveHallKey(randomBytes(16), 'personHash'), /at least 32 bytes/);
  });
});
