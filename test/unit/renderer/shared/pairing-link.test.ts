/** The pairing code a link hands a browser-paired screen in its URL fragment (`#pair=1234-5678`). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairingCodeInUrl } from '../../../../renderer/shared/pairing-link.ts';

test('a code with or without its dash is taken from the fragment; anything else is none', () => {
  assert.equal(pairingCodeInUrl('#pair=1234-5678'), '1234-5678');
  assert.equal(pairingCodeInUrl('#pair=12345678'), '12345678');
  assert.equal(pairingCodeInUrl('#lang=vi&pair=1234-5678'), '1234-5678');
  assert.equal(pairingCodeInUrl(''), null);
  assert.equal(pairingCodeInUrl('#pair='), null);
  assert.equal(pairingCodeInUrl('#pair=1234'), null);
  assert.equal(pairingCodeInUrl('#pair=abcd-efgh'), null);
});
