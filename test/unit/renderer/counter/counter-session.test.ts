/**
 * The counter's serving flow (rune class, compiled as Vite does by test/support/svelte-module-hooks):
 * every transition of the table sends its action with only what it takes and re-reads the hall;
 * an action the table has not for the phase, or whose guard refuses it, sends nothing; a finish
 * opens the rating window here and on the keypad, a call forgets it; a refusal of the hall is kept.
 */
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, test } from 'node:test';
import type { StreamEvent } from '../../../../electron/common/wire.ts';
import { allowed, PHASES, phaseOf, TRANSITIONS, type ActionInput, type Phase } from '../../../../renderer/counter/session/counter-machine.ts';
import type { CounterPorts } from '../../../../renderer/counter/session/counter-session.svelte.ts';
import { HallApiError, type CounterAction, type HallApi } from '../../../../renderer/shared/hall-api.ts';
import type { CounterWithRating } from '../../../../renderer/shared/api/types.ts';

register('../../../support/svelte-module-hooks.mjs', import.meta.url);
const { CounterSession } = await import('../../../../renderer/counter/session/counter-session.svelte.ts');

const ALL_ACTIONS: readonly CounterAction[] = [
  'open',
  'pause',
  'resume',
  'close',
  'call-next',
  'call',
  'recall',
  'start',
  'finish',
  'no-show',
  'hold',
  'transfer',
  'priority-review',
];

/** What each action needs to pass its guard (the screen's fields filled). */
const INPUT: Readonly<Record<CounterAction, ActionInput>> = {
  open: {},
  resume: {},
  close: {},
  'call-next': {},
  recall: {},
  start: {},
  'no-show': {},
  hold: {},
  pause: { reason: ' Họp giao ban ' },
  call: { number: ' a012 ' },
  finish: { outcome: 'received_dossier' },
  transfer: { toServiceId: 'chung-thuc' },
  'priority-review': { decision: 'cleared' },
};

/** The body each action sends to the hall. */
const BODY: Readonly<Record<CounterAction, Record<string, unknown>>> = {
  open: {},
  resume: {},
  close: {},
  'call-next': {},
  recall: {},
  start: {},
  'no-show': {},
  hold: {},
  pause: { reason: 'Họp giao ban' },
  call: { number: 'A012' },
  finish: { outcome: 'received_dossier' },
  transfer: { toServiceId: 'chung-thuc' },
  'priority-review': { decision: 'cleared' },
};

/** The counter as the snapshot shows it in each phase. */
function counterIn(phase: Phase): CounterWithRating {
  const current = phase === 'called' || phase === 'serving' ? { id: 'tk-1', number: 'A001', status: phase } : null;
  return {
    id: 'quay-1',
    number: 1,
    name: { vi: 'Quầy 1', en: 'Counter 1' },
    state: phase === 'closed' ? 'closed' : phase === 'paused' ? 'paused' : 'open',
    pauseReason: phase === 'paused' ? 'Họp' : null,
    current,
  } as unknown as CounterWithRating;
}

interface Rig {
  readonly ports: CounterPorts;
  readonly sent: Array<{ counterId: string; action: CounterAction; body: Record<string, unknown> }>;
  readonly keypad: number[];
  refreshes: number;
  phase: Phase;
  clock: number;
}

function rig(phase: Phase, answers: Array<Error | { ticket: { id: string } | null }> = []): Rig {
  const r: Rig = {
    sent: [],
    keypad: [],
    refreshes: 0,
    phase,
    clock: 1_000_000,
    ports: undefined as unknown as CounterPorts,
  };
  const api = {
    counter: async (counterId: string, action: CounterAction, body: Record<string, unknown>) => {
      r.sent.push({ counterId, action, body });
      const next = answers.shift() ?? { ticket: null };
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as HallApi;
  (r as { ports: CounterPorts }).ports = {
    api: () => api,
    counterId: () => 'quay-1',
    counter: () => counterIn(r.phase),
    ratingWindowSeconds: () => 30,
    openRatingWindow: (s) => void r.keypad.push(s),
    refresh: async () => void r.refreshes++,
    now: () => r.clock,
  };
  return r;
}

describe('counter serving flow: the phase from the hall’s snapshot', () => {
  test('closed, paused, open with nobody, a ticket called, a ticket served; a counter not yet in the snapshot is closed', () => {
    for (const phase of PHASES) assert.equal(phaseOf(counterIn(phase)), phase);
    assert.equal(phaseOf(null), 'closed');
  });
});

describe('counter serving flow: each transition of the table', () => {
  for (const phase of PHASES) {
    for (const action of Object.keys(TRANSITIONS[phase]) as CounterAction[]) {
      test(`${phase} + ${action}: sent with only what it takes, then the hall re-read`, async () => {
        const r = rig(phase);
        const s = new CounterSession(r.ports);
        assert.equal(s.can(action, INPUT[action]), true);
        assert.equal(await s.act(action, INPUT[action]), true);
        assert.deepEqual(r.sent, [{ counterId: 'quay-1', action, body: BODY[action] }]);
        assert.equal(r.refreshes, 1);
        assert.equal(s.busy, false);
        assert.equal(s.error, null);
      });
    }
  }
});

describe('counter serving flow: what the table refuses sends nothing', () => {
  for (const phase of PHASES) {
    const refused = ALL_ACTIONS.filter((a) => TRANSITIONS[phase][a] === undefined);
    test(`${phase}: ${refused.join(', ')} not sent`, async () => {
      const r = rig(phase);
      const s = new CounterSession(r.ports);
      for (const action of refused) assert.equal(await s.act(action, INPUT[action]), false, action);
      assert.deepEqual(r.sent, []);
    });
  }

  test('guards: a pause without a reason, a call without a number or ticket, a transfer without a queue, a finish without an outcome', () => {
    assert.equal(allowed('idle', 'pause', { reason: '   ' }), false);
    assert.equal(allowed('idle', 'call', { number: '' }), false);
    assert.equal(allowed('idle', 'call', { ticketId: 'tk-9' }), true);
    assert.equal(allowed('called', 'transfer', {}), false);
    assert.equal(allowed('serving', 'finish', {}), false);
    assert.equal(allowed('called', 'priority-review', {}), false);
  });

  test('transfer guard: a queue, a counter or both pass; nothing chosen (absent or blank) does not', () => {
    for (const phase of ['called', 'serving'] as const) {
      assert.equal(allowed(phase, 'transfer', { toCounterId: 'quay-2' }), true, phase);
      assert.equal(allowed(phase, 'transfer', { toServiceId: 'chung-thuc' }), true, phase);
      assert.equal(allowed(phase, 'transfer', { toServiceId: 'chung-thuc', toCounterId: 'quay-2' }), true, phase);
      assert.equal(allowed(phase, 'transfer', {}), false, phase);
      assert.equal(allowed(phase, 'transfer', { toServiceId: '', toCounterId: '  ' }), false, phase);
    }
    assert.equal(allowed('idle', 'transfer', { toCounterId: 'quay-2' }), false, 'nothing to transfer without a ticket');
  });

  test('a transfer to a counter sends only the counter; a blank queue beside it is not sent', async () => {
    const r = rig('called');
    const s = new CounterSession(r.ports);
    assert.equal(await s.act('transfer', { toCounterId: 'quay-2', toServiceId: ' ' }), true);
    assert.deepEqual(r.sent, [{ counterId: 'quay-1', action: 'transfer', body: { toCounterId: 'quay-2' } }]);
  });

  test('a transfer naming nothing sends nothing', async () => {
    const r = rig('serving');
    const s = new CounterSession(r.ports);
    assert.equal(await s.act('transfer', {}), false);
    assert.equal(await s.act('transfer', { toCounterId: '' }), false);
    assert.deepEqual(r.sent, []);
  });

  test('a second action while one is on its way is not sent', async () => {
    const r = rig('idle');
    const s = new CounterSession(r.ports);
    const first = s.act('call-next');
    assert.equal(s.busy, true);
    assert.equal(await s.act('call-next'), false);
    await first;
    assert.equal(r.sent.length, 1);
  });

  test('a finish names the procedure handled when one is chosen, and nothing when none is', async () => {
    const r = rig('serving', [{ ticket: { id: 'tk-1' } }, { ticket: { id: 'tk-2' } }]);
    await new CounterSession(r.ports).act('finish', { outcome: 'received_dossier', procedureId: 'dang-ky-khai-sinh' });
    r.phase = 'serving';
    await new CounterSession(r.ports).act('finish', { outcome: 'guidance_only', procedureId: '' });
    assert.deepEqual(
      r.sent.map((x) => x.body),
      [{ outcome: 'received_dossier', procedureId: 'dang-ky-khai-sinh' }, { outcome: 'guidance_only' }],
    );
  });

  test('a call from the queue sends the ticket chosen, not a number', async () => {
    const r = rig('idle');
    await new CounterSession(r.ports).act('call', { ticketId: 'tk-9' });
    assert.deepEqual(r.sent[0]?.body, { ticketId: 'tk-9' });
  });
});

describe('counter serving flow: the rating window and the hall’s refusals', () => {
  test('a finish opens the rating window for its ticket here and on the keypad; the next call forgets it', async () => {
    const r = rig('serving', [{ ticket: { id: 'tk-1' } }]);
    const s = new CounterSession(r.ports);
    await s.act('finish', INPUT.finish);
    assert.deepEqual(s.localWindow, { ticketId: 'tk-1', closesAt: r.clock + 30_000 });
    assert.deepEqual(r.keypad, [30]);
    assert.deepEqual(s.rating(r.clock + 10_500), { kind: 'waiting', ticketId: 'tk-1', secondsLeft: 20 });
    assert.deepEqual(s.rating(r.clock + 30_000), { kind: 'timed_out', ticketId: 'tk-1' });
    r.phase = 'idle';
    await s.act('call-next');
    assert.equal(s.localWindow, null);
    assert.deepEqual(s.rating(r.clock), { kind: 'none' });
  });

  test('a rating heard on the stream shows as rated; a call of this counter heard from elsewhere forgets the window', () => {
    const r = rig('idle');
    const s = new CounterSession(r.ports);
    s.keepWindow({ ticketId: 'tk-1', closesAt: r.clock + 30_000 });
    s.keepWindow(null);
    s.heard({ type: 'ticket.rated', ticketId: 'tk-1' } as unknown as StreamEvent);
    assert.deepEqual(s.rating(r.clock), { kind: 'rated', ticketId: 'tk-1' });
    s.heard({ type: 'ticket.called', ticketId: 'tk-2', counterId: 'quay-2' } as unknown as StreamEvent);
    assert.notEqual(s.localWindow, null, 'another counter’s call changes nothing here');
    s.heard({ type: 'ticket.called', ticketId: 'tk-2', counterId: 'quay-1' } as unknown as StreamEvent);
    assert.equal(s.localWindow, null);
  });

  test('a transfer the hall accepted is kept for the screen (number and destination) until the next action', async () => {
    const r = rig('called', [{ ticket: { id: 'tk-1', number: 'A001' } as { id: string } }]);
    const s = new CounterSession(r.ports);
    assert.equal(s.transferred, null);
    await s.act('transfer', { toCounterId: 'quay-2' });
    assert.deepEqual(s.transferred, { number: 'A001', toServiceId: null, toCounterId: 'quay-2' });
    r.phase = 'idle';
    await s.act('call-next');
    assert.equal(s.transferred, null);
  });

  test('a transfer the hall refuses: its code kept, no transfer shown', async () => {
    const r = rig('serving', [new HallApiError('UNKNOWN_COUNTER', 404, 'No such counter.')]);
    const s = new CounterSession(r.ports);
    assert.equal(await s.act('transfer', { toCounterId: 'quay-9' }), false);
    assert.equal(s.error, 'UNKNOWN_COUNTER');
    assert.equal(s.transferred, null);
    assert.equal(r.refreshes, 0);
  });

  test('the hall refuses: its code kept, nothing re-read, the next action clears it', async () => {
    const r = rig('idle', [new HallApiError('QUEUE_EMPTY', 409, 'empty')]);
    const s = new CounterSession(r.ports);
    assert.equal(await s.act('call-next'), false);
    assert.equal(s.error, 'QUEUE_EMPTY');
    assert.equal(r.refreshes, 0);
    assert.equal(await s.act('call-next'), true);
    assert.equal(s.error, null);
  });
});
