/**
 * The kiosk session class (rune module, compiled as Vite does by test/support/svelte-module-hooks):
 * every exit wipes (a new session from INITIAL, the wipe of what lives outside it called once,
 * the old session deaf to later events); taking a number retries under one idempotency key until
 * the hall answers, says the kiosk is offline meanwhile, and stops when the session ends.
 */
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, test } from 'node:test';
import type { IssueTicketRequest, IssueTicketResponse } from '../../../../electron/common/wire.ts';
import {
  INITIAL,
  SCREENS,
  step,
  transitionOf,
  TRANSITIONS,
  type EventType,
  type KioskEvent,
  type Screen,
  type SessionData,
} from '../../../../renderer/kiosk/session/kiosk-machine.ts';
import type { SessionPorts } from '../../../../renderer/kiosk/session/kiosk-session.svelte.ts';
import { HallApiError, type HallApi, type SendOptions } from '../../../../renderer/shared/hall-api.ts';
import { consentTo } from '../../../../electron/common/privacy-notice.ts';
import { IDENTITY, ISSUED, PROCEDURE } from './kiosk-session-fixtures.ts';

register('../../../support/svelte-module-hooks.mjs', import.meta.url);
const { KioskSessions } = await import('../../../../renderer/kiosk/session/kiosk-session.svelte.ts');

type IssueCall = { readonly body: IssueTicketRequest; readonly options: SendOptions };

/** The page's clock as the tests set it (ms). */
const clock = { now: 1_000_000 };

function ports(answers: Array<IssueTicketResponse | Error>, calls: IssueCall[] = []): SessionPorts {
  let keys = 0;
  const api = {
    issueTicket: async (body: IssueTicketRequest, options: SendOptions) => {
      calls.push({ body, options });
      const next = answers.shift() ?? new HallApiError('NETWORK', 0, 'no answer scripted');
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as HallApi;
  return {
    api: () => api,
    config: () => null,
    devices: () => null,
    logoPng: () => null,
    newKey: () => `key-${++keys}-aaaaaaaa`,
    isElderly: () => true,
    wait: async () => undefined,
    issueTimeoutMs: 2_500,
    now: () => clock.now,
  };
}

/** The exits of the table: every (screen, event) whose transition can end the session, with data that makes it end. */
function exits(): Array<{ screen: Screen; event: KioskEvent; given: Partial<SessionData> }> {
  const out: Array<{ screen: Screen; event: KioskEvent; given: Partial<SessionData> }> = [];
  const given: Partial<SessionData> = { identity: IDENTITY, procedure: PROCEDURE, fieldId: 'ho-tich', serviceId: 'ho-tich', issued: ISSUED };
  for (const screen of SCREENS) {
    for (const type of Object.keys(TRANSITIONS[screen]) as EventType[]) {
      const event = { type } as KioskEvent;
      const t = transitionOf(screen, type);
      const data = { ...INITIAL, ...given, screen };
      const to = typeof t?.to === 'function' ? t.to(data, event as never) : t?.to;
      if (to === 'end' && step(data, event).kind === 'end') out.push({ screen, event, given });
    }
    out.push({ screen, event: { type: 'idle-timeout' }, given });
  }
  return out;
}

describe('kiosk session: the wipe at every exit', () => {
  const all = exits();

  test('the table has exits from the start screen, the ticket, the dossier, the lookups, and the idle timeout everywhere', () => {
    const names = all.map((e) => `${e.screen} ${e.event.type}`);
    for (const expected of ['home back', 'ticket done', 'dossier done', 'status back', 'appointment back']) assert.ok(names.includes(expected), expected);
    assert.equal(all.filter((e) => e.event.type === 'idle-timeout').length, SCREENS.length);
  });

  for (const exit of all) {
    test(`${exit.screen} + ${exit.event.type}: a new session, nothing of the old one, the outside wiped once`, () => {
      let wipes = 0;
      const sessions = new KioskSessions(ports([]), () => void wipes++);
      const old = sessions.current;
      old.data = { ...INITIAL, ...exit.given, screen: exit.screen };
      assert.equal(old.send(exit.event), true);
      assert.equal(wipes, 1);
      assert.equal(sessions.ended, 1);
      assert.notEqual(sessions.current, old);
      assert.deepEqual(sessions.current.data, INITIAL);
      assert.equal(old.endedBy, exit.event.type);
      // The ended session takes no more events: nothing can bring its data back on screen.
      assert.equal(old.send({ type: 'search' }), false);
      assert.equal(wipes, 1);
    });
  }
});

describe('kiosk session: its idle time', () => {
  test('a new session counts its idle time from its own start, not from the last touch of the session before', () => {
    clock.now = 1_000_000;
    const sessions = new KioskSessions(ports([]), () => undefined);
    sessions.current.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    clock.now += 90_000; // the citizen walked away
    assert.equal(sessions.current.send({ type: 'idle-timeout' }), true);
    assert.equal(sessions.current.lastActivity, clock.now);
  });

  test('the first event of a session that waited untouched on the start screen starts its clock', () => {
    clock.now = 1_000_000;
    const s = new KioskSessions(ports([]), () => undefined).current;
    clock.now += 3_600_000; // an hour with nobody at the kiosk
    s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    assert.equal(s.lastActivity, clock.now);
  });

  test('a touch, a citizen’s event, not the kiosk’s own events (answers, printer, retries), nor an event the table ignores', () => {
    clock.now = 1_000_000;
    const s = new KioskSessions(ports([]), () => undefined).current;
    s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    s.send({ type: 'take-number' });
    const tapped = clock.now;
    for (const event of [{ type: 'issue-offline' }, { type: 'issued', response: ISSUED }, { type: 'printed', ok: true }, { type: 'search' }] as const) {
      clock.now += 1_000;
      s.send(event);
    }
    assert.equal(s.data.screen, 'ticket');
    assert.equal(s.lastActivity, tapped);
    clock.now += 1_000;
    s.touch();
    assert.equal(s.lastActivity, clock.now);
  });
});

describe('kiosk session: taking a number', () => {
  test('quick path: field then "Lấy số thứ tự" issues to the field’s queue and shows the ticket', async () => {
    const calls: IssueCall[] = [];
    const sessions = new KioskSessions(ports([ISSUED], calls), () => undefined);
    const s = sessions.current;
    s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    await s.takeNumber();
    assert.equal(s.data.screen, 'ticket');
    assert.deepEqual(
      calls.map((c) => c.body),
      [{ serviceId: 'ho-tich', priority: 'normal' }],
    );
  });

  test('an identified elderly citizen’s ticket carries the priority, the ID number for the fairness rule and the consent it was read under', async () => {
    const calls: IssueCall[] = [];
    const s = new KioskSessions(ports([ISSUED], calls), () => undefined).current;
    const consent = consentTo('identify', 'vi', Date.parse('2026-03-02T02:00:00Z'));
    s.send({ type: 'identify', by: 'card' });
    s.send({ type: 'agree', consent });
    assert.equal(s.identified(IDENTITY), true);
    s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    await s.takeNumber();
    assert.deepEqual(calls[0]?.body, { serviceId: 'ho-tich', priority: 'elderly', idNumber: IDENTITY.idNumber, consent });
  });

  test('a card read that reaches the session without the consent is dropped: the ticket carries nothing of it', async () => {
    const calls: IssueCall[] = [];
    const s = new KioskSessions(ports([ISSUED], calls), () => undefined).current;
    s.data = { ...INITIAL, screen: 'card' };
    assert.equal(s.identified(IDENTITY), false);
    s.data = { ...s.data, screen: 'home' };
    s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    await s.takeNumber();
    assert.deepEqual(calls[0]?.body, { serviceId: 'ho-tich', priority: 'normal' });
  });

  test('no answer, a timeout, a server error: offline shown, retried under the same key until the ticket arrives', async () => {
    const calls: IssueCall[] = [];
    const seen: boolean[] = [];
    const p = ports([new HallApiError('NETWORK', 0, 'down'), new HallApiError('TIMEOUT', 0, 'slow'), new HallApiError('INTERNAL', 500, 'oops'), ISSUED], calls);
    const s = new KioskSessions({ ...p, wait: async () => void seen.push(s.data.offline) }, () => undefined).current;
    s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    await s.takeNumber();
    assert.equal(s.data.screen, 'ticket');
    assert.deepEqual(seen, [true, true, true]);
    assert.equal(calls.length, 4);
    assert.equal(new Set(calls.map((c) => c.options.idempotencyKey)).size, 1, 'one key for every retry');
    assert.ok(calls.every((c) => c.options.timeoutMs === 2_500));
    assert.equal(s.data.offline, false);
  });

  test('each ticket asked for has its own key', async () => {
    const calls: IssueCall[] = [];
    const sessions = new KioskSessions(ports([ISSUED, ISSUED], calls), () => undefined);
    for (let i = 0; i < 2; i++) {
      const s = sessions.current;
      s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
      await s.takeNumber();
      s.send({ type: 'done' });
    }
    assert.equal(new Set(calls.map((c) => c.options.idempotencyKey)).size, 2);
  });

  test('a refusal of the hall is not retried: back to the field with its reason', async () => {
    const calls: IssueCall[] = [];
    const s = new KioskSessions(ports([new HallApiError('QUOTA_REACHED', 409, 'full')], calls), () => undefined).current;
    s.send({ type: 'choose-field', fieldId: 'dat-dai', serviceId: 'dat-dai' });
    await s.takeNumber();
    assert.deepEqual([s.data.screen, s.data.error, calls.length], ['field', 'QUOTA_REACHED', 1]);
  });

  test('the session ends while the hall is unreachable: the retries stop', async () => {
    const calls: IssueCall[] = [];
    const p = ports([], calls);
    const sessions = new KioskSessions(
      { ...p, wait: async () => void (calls.length === 3 && sessions.current.send({ type: 'idle-timeout' })) },
      () => undefined,
    );
    const s = sessions.current;
    s.send({ type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' });
    await s.takeNumber();
    assert.equal(calls.length, 3);
    assert.equal(s.endedBy, 'idle-timeout');
    assert.deepEqual(sessions.current.data, INITIAL);
  });
});
