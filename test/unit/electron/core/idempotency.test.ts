import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideIdempotent, IDEMPOTENCY_KEY_PATTERN, isKeptAnswer, type IdempotencyRecord } from '../../../../electron/core/idempotency.ts';

const DAY = 86_400_000;
const answered: IdempotencyRecord = { scope: 'kiosk-1', key: 'k-00000001', fingerprint: 'abc', createdAt: 1_000, status: 201, body: '{"ticket":1}' };

test('no record: run', () => {
  assert.deepEqual(decideIdempotent(null, 'abc', 2_000, DAY), { kind: 'run' });
});

test('same request, answered: replay the first answer', () => {
  assert.deepEqual(decideIdempotent(answered, 'abc', 2_000, DAY), { kind: 'replay', status: 201, body: '{"ticket":1}' });
});

test('same request, not answered yet: in progress, never run twice', () => {
  assert.deepEqual(decideIdempotent({ ...answered, status: null, body: null }, 'abc', 2_000, DAY), { kind: 'in-progress' });
});

test('another request under the same key: conflict', () => {
  assert.deepEqual(decideIdempotent(answered, 'other', 2_000, DAY), { kind: 'conflict' });
});

test('a record past the retention no longer counts (the boundary is expired)', () => {
  assert.deepEqual(decideIdempotent(answered, 'other', 1_000 + DAY, DAY), { kind: 'run' });
  assert.deepEqual(decideIdempotent(answered, 'abc', 1_000 + DAY - 1, DAY).kind, 'replay');
});

test('only successes are kept; keys are 8–128 of [A-Za-z0-9_-]', () => {
  assert.deepEqual([200, 201, 204, 299, 300, 404, 409, 500].map(isKeptAnswer), [true, true, true, true, false, false, false, false]);
  for (const ok of ['0f6c3a52-9d1e-4c55-8a7b-3e2d1c0b9a87', 'abcdEFGH', 'a'.repeat(128)]) assert.ok(IDEMPOTENCY_KEY_PATTERN.test(ok), ok);
  for (const bad of ['short', 'a'.repeat(129), 'has space here', 'ümlaut-key', '']) assert.ok(!IDEMPOTENCY_KEY_PATTERN.test(bad), bad);
});
