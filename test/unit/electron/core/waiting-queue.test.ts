/**
 * A service's waiting queue and its tally per call rank (core/waiting-queue.ts): after any run of
 * arrivals, departures and in-place changes the tally equals a count of the tickets, and the people
 * ahead of any place equal a walk of every waiting ticket.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PriorityClass, Ticket } from '../../../../electron/common/domain.ts';
import {
  aheadOf,
  EMPTY_QUEUE,
  queueOf,
  queuedBefore,
  rankOf,
  withoutTicket,
  withTicket,
  withTicketUpdated,
  type QueuePlace,
  type WaitingQueue,
} from '../../../../electron/core/waiting-queue.ts';

const PRIORITIES: readonly PriorityClass[] = ['normal', 'normal', 'normal', 'elderly', 'pregnant', 'disabled', 'appointment'];

/** Only the fields the queue reads; the rest of a ticket does not matter here. */
function ticket(id: string, priority: PriorityClass, queuedAt: number, seq: number, dossierCount = 1): Ticket {
  return { id, priority, queuedAt, seq, dossierCount } as Ticket;
}

/** What a walk of every ticket gives: the reference the tally must match. */
function walkedAhead(tickets: Iterable<Ticket>, priority: PriorityClass, place: QueuePlace | null): { people: number; dossiers: number } {
  const rank = rankOf(priority);
  let people = 0;
  let dossiers = 0;
  for (const t of tickets) {
    const r = rankOf(t.priority);
    if (r < rank || (r === rank && (place === null || queuedBefore(t, place)))) {
      people += 1;
      dossiers += t.dossierCount;
    }
  }
  return { people, dossiers };
}

function assertTallyTrue(queue: WaitingQueue, message: string): void {
  const rebuilt = queueOf(queue.tickets.values());
  assert.deepEqual(
    queue.ranks.map((r) => [r.count, r.dossiers, r.newest?.id ?? null]),
    rebuilt.ranks.map((r) => [r.count, r.dossiers, r.newest?.id ?? null]),
    message,
  );
}

/** A small deterministic generator, so that a failure can be replayed. */
function randomSource(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
}

describe('waiting queue', () => {
  test('the earlier of two places: queue time, then number, then id; never a ticket before itself', () => {
    const a = ticket('a', 'normal', 100, 5);
    assert.equal(queuedBefore(a, ticket('b', 'normal', 101, 1)), true);
    assert.equal(queuedBefore(a, ticket('b', 'normal', 100, 6)), true);
    assert.equal(queuedBefore(a, ticket('b', 'normal', 100, 5)), true);
    assert.equal(queuedBefore(ticket('b', 'normal', 100, 5), a), false);
    assert.equal(queuedBefore(a, a), false);
  });

  test('a newcomer waits behind every lower rank and its own rank; an existing ticket only behind those queued before it', () => {
    let q = EMPTY_QUEUE;
    const n1 = ticket('n1', 'normal', 1, 1, 2);
    const e1 = ticket('e1', 'elderly', 2, 2);
    const n2 = ticket('n2', 'normal', 3, 3);
    const a1 = ticket('a1', 'appointment', 4, 4, 3);
    for (const t of [n1, e1, n2, a1]) q = withTicket(q, t);
    assert.deepEqual(aheadOf(q, 'normal', null), { people: 4, dossiers: 7 });
    assert.deepEqual(aheadOf(q, 'pregnant', null), { people: 2, dossiers: 4 });
    assert.deepEqual(aheadOf(q, 'appointment', null), { people: 1, dossiers: 3 });
    assert.deepEqual(aheadOf(q, 'normal', n2), { people: 3, dossiers: 6 }, 'the newest of its rank: the tally');
    assert.deepEqual(aheadOf(q, 'normal', n1), { people: 2, dossiers: 4 }, 'an older one: its rank walked');
    assert.deepEqual(aheadOf(q, 'elderly', e1), { people: 1, dossiers: 3 });
  });

  test('the newest of a rank is found again when it leaves, and kept when it changes in place', () => {
    const older = ticket('older', 'normal', 1, 1);
    const newest = ticket('newest', 'normal', 2, 2);
    let q = withTicket(withTicket(EMPTY_QUEUE, newest), older);
    assert.equal(q.ranks[2].newest, newest);
    const more = { ...newest, dossierCount: 4 };
    q = withTicketUpdated(q, newest, more);
    assert.equal(q.ranks[2].newest, more);
    assert.equal(q.ranks[2].dossiers, 5);
    q = withoutTicket(q, more);
    assert.equal(q.ranks[2].newest, older);
    q = withoutTicket(q, older);
    assert.deepEqual([q.ranks[2].count, q.ranks[2].dossiers, q.ranks[2].newest], [0, 0, null]);
  });

  test('over random arrivals, departures, returns and priority changes the tally stays a true count and the people ahead equal a walk', () => {
    const random = randomSource(20_261_207);
    let q = EMPTY_QUEUE;
    let clock = 0;
    let seq = 0;
    for (let step = 0; step < 3_000; step++) {
      const waiting = [...q.tickets.values()];
      const pick = waiting[random(Math.max(1, waiting.length))];
      const move = waiting.length === 0 ? 0 : random(10);
      // Queue times repeat now and then, and numbers too (a ticket moved from another service keeps its own).
      if (random(3) > 0) clock += 1;
      if (move < 5 || pick === undefined) {
        seq += 1;
        q = withTicket(q, ticket(`t${step}`, PRIORITIES[random(PRIORITIES.length)] ?? 'normal', clock, random(4) === 0 ? seq - 1 : seq, 1 + random(3)));
      } else if (move < 8) {
        q = withoutTicket(q, pick);
      } else if (move === 8) {
        q = withTicketUpdated(q, pick, { ...pick, dossierCount: 1 + random(5) });
      } else {
        q = withTicketUpdated(q, pick, { ...pick, priority: PRIORITIES[random(PRIORITIES.length)] ?? 'normal', queuedAt: clock });
      }
      assertTallyTrue(q, `step ${step}`);
      if (step % 10 !== 0) continue;
      const tickets = [...q.tickets.values()];
      for (const priority of ['normal', 'elderly', 'appointment'] as const) {
        assert.deepEqual(aheadOf(q, priority, null), walkedAhead(tickets, priority, null), `step ${step}: a new ${priority} ticket`);
      }
      for (const t of tickets) assert.deepEqual(aheadOf(q, t.priority, t), walkedAhead(tickets, t.priority, t), `step ${step}: ticket ${t.id}`);
    }
  });
});
