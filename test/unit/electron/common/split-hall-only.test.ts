/**
 * splitHallOnly (common/event-chain.ts): the public form without the hall-only fields, the hidden
 * values by path, the input left as it was (the objects on a hidden path are copied, the rest is
 * shared), and types or shapes without hall-only fields passed through.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, splitHallOnly } from '../../../../electron/common/event-chain.ts';

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

test('the person hash leaves the public form; the input is not changed; untouched parts are shared', () => {
  const actor = { deviceId: 'dev-1', staffId: null };
  const data = deepFreeze({ ticket: { id: 't-1', number: 'A001', personHash: 'ab'.repeat(32), tags: ['x'] }, actor });
  const before = canonicalJson(data);
  const { publicData, hidden } = splitHallOnly('ticket.issued', data);
  assert.deepEqual(hidden, { 'ticket.personHash': 'ab'.repeat(32) });
  assert.deepEqual(publicData, { ticket: { id: 't-1', number: 'A001', tags: ['x'] }, actor });
  assert.equal(canonicalJson(data), before, 'the input is as it was');
  const out = publicData as typeof data;
  assert.equal(out.actor, actor, 'a part off the hidden paths is shared, not copied');
  assert.notEqual(out.ticket, data.ticket, 'the object on the path is a copy');
});

test('a missing path hides null and changes nothing; a type without hall-only fields is passed through', () => {
  const data = deepFreeze({ other: 1 });
  assert.deepEqual(splitHallOnly('ticket.issued', data), { publicData: { other: 1 }, hidden: { 'ticket.personHash': null } });
  const called = { ticketId: 't-1' };
  assert.deepEqual(splitHallOnly('ticket.called', called), { publicData: called, hidden: null });
});
