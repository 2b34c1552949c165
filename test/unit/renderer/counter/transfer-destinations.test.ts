/**
 * The counter's transfer destinations (renderer/counter/transfer-destinations.ts): which queues and
 * counters the officer is offered for the current ticket, and the action input a choice makes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowed } from '../../../../renderer/counter/session/counter-machine.ts';
import {
  destinationOf,
  destinationValue,
  transferChoices,
  transferInput,
  type DestinationCounter,
  type DestinationService,
} from '../../../../renderer/counter/transfer-destinations.ts';

const service = (id: string, prefix: string): DestinationService => ({ id, prefix, name: { vi: id, en: id } });
const counter = (id: string, number: number, state: DestinationCounter['state']): DestinationCounter => ({
  id,
  number,
  name: { vi: `Quầy số ${number}`, en: `Counter ${number}` },
  state,
});

const SNAPSHOT = {
  services: [service('ho-tich', 'A'), service('chung-thuc', 'B'), service('dat-dai', 'C')],
  // Out of order, in every state.
  counters: [counter('quay-3', 3, 'paused'), counter('quay-1', 1, 'open'), counter('quay-5', 5, 'closed'), counter('quay-2', 2, 'open')],
};

describe('transfer destinations', () => {
  test('every other counter, open, paused or closed, by number; never the officer’s own', () => {
    const { counters } = transferChoices(SNAPSHOT, 'quay-1', { serviceId: 'ho-tich', targetCounterId: null });
    assert.deepEqual(
      counters.map((c) => c.id),
      ['quay-2', 'quay-3', 'quay-5'],
    );
  });

  test('the other queues; the ticket’s own queue only when the ticket is reserved for a counter (sending it there lifts that)', () => {
    const plain = transferChoices(SNAPSHOT, 'quay-1', { serviceId: 'ho-tich', targetCounterId: null });
    assert.deepEqual(
      plain.services.map((s) => s.id),
      ['chung-thuc', 'dat-dai'],
    );
    const reserved = transferChoices(SNAPSHOT, 'quay-2', { serviceId: 'ho-tich', targetCounterId: 'quay-2' });
    assert.deepEqual(
      reserved.services.map((s) => s.id),
      ['ho-tich', 'chung-thuc', 'dat-dai'],
    );
  });

  test('nothing to offer without a ticket or a snapshot', () => {
    assert.deepEqual(transferChoices(SNAPSHOT, 'quay-1', null), { services: [], counters: [] });
    assert.deepEqual(transferChoices(null, 'quay-1', { serviceId: 'ho-tich', targetCounterId: null }), { services: [], counters: [] });
  });

  test('a choice’s select value names its kind and id, and reads back', () => {
    assert.equal(destinationValue({ kind: 'counter', id: 'quay-2' }), 'counter:quay-2');
    assert.deepEqual(destinationOf('counter:quay-2'), { kind: 'counter', id: 'quay-2' });
    assert.deepEqual(destinationOf('service:chung-thuc'), { kind: 'service', id: 'chung-thuc' });
    for (const bad of ['', 'quay-2', 'counter:', 'desk:quay-2', ':quay-2']) assert.equal(destinationOf(bad), null, bad);
  });

  test('the transfer input: a counter chosen passes the guard as toCounterId, a queue as toServiceId, nothing chosen does not', () => {
    assert.deepEqual(transferInput('counter:quay-2'), { toCounterId: 'quay-2' });
    assert.deepEqual(transferInput('service:chung-thuc'), { toServiceId: 'chung-thuc' });
    assert.deepEqual(transferInput(''), {});
    assert.equal(allowed('called', 'transfer', transferInput('counter:quay-2')), true);
    assert.equal(allowed('serving', 'transfer', transferInput('service:chung-thuc')), true);
    assert.equal(allowed('called', 'transfer', transferInput('')), false);
  });
});
