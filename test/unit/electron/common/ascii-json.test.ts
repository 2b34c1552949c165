/** asciiJson: ASCII-only text that parses to the same value as JSON.stringify's. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asciiJson } from '../../../../electron/common/ascii-json.ts';

describe('asciiJson', () => {
  test('escapes Vietnamese letters and surrogate pairs, leaves ASCII text as JSON.stringify writes it', () => {
    const value = { name: 'Bộ phận Một cửa phường Đống Đa', reason: 'Chờ lâu 😀', plain: 'quay-1 "A0001"\n' };
    const text = asciiJson(value);
    assert.match(text, /^[\x20-\x7e]*$/);
    assert.ok(text.includes('B\\u1ed9 ph\\u1eadn'));
    assert.ok(text.includes('\\ud83d\\ude00'));
    assert.deepEqual(JSON.parse(text), value);
    assert.equal(asciiJson({ a: 'quay-1', n: [1, null] }), JSON.stringify({ a: 'quay-1', n: [1, null] }));
  });

  test('property: any JSON value parses back to the same value, in ASCII', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, s) => {
        for (const v of [value, { s }]) {
          const text = asciiJson(v);
          assert.match(text, /^[\x20-\x7e]*$/);
          assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(v)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
