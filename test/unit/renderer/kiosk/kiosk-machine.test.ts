/**
 * The kiosk session's transition table, one test per transition (every row of TRANSITIONS, and
 * the ANYWHERE rows from every screen), with the guards that refuse. A row without a test here
 * fails the coverage test at the end.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ANYWHERE,
  cardReadPurposeFor,
  consentNoticeFor,
  INITIAL,
  isPristine,
  SCREENS,
  step,
  TRANSITIONS,
  type EventType,
  type KioskEvent,
  type Screen,
  type SessionData,
} from '../../../../renderer/kiosk/session/kiosk-machine.ts';
import { consentTo } from '../../../../electron/common/privacy-notice.ts';
import { IDENTITY, ISSUED, PROCEDURE } from './kiosk-session-fixtures.ts';

const IDENTIFY_CONSENT = consentTo('identify', 'vi', Date.parse('2026-03-02T02:00:00Z'));
const DOSSIER_CONSENT = consentTo('dossier', 'en', Date.parse('2026-03-02T02:05:00Z'));

interface Case {
  readonly name: string;
  readonly from: Screen;
  readonly given?: Partial<SessionData>;
  readonly event: KioskEvent;
  /** The screen reached, 'end', or 'ignored' (a guard refused). */
  readonly to: Screen | 'end' | 'ignored';
  readonly check?: (d: SessionData) => void;
}

const at = (screen: Screen, given: Partial<SessionData> = {}): SessionData => ({ ...INITIAL, ...given, screen });

const CASES: readonly Case[] = [
  // home
  {
    name: 'the card is offered from the start screen',
    from: 'home',
    event: { type: 'identify', by: 'card' },
    to: 'consent',
    check: (d) => assert.deepEqual([d.identifyBy, d.returnTo], ['card', 'home']),
  },
  {
    name: 'a field tile opens the field with its queue (quick path, tap 1)',
    from: 'home',
    event: { type: 'choose-field', fieldId: 'ho-tich', serviceId: 'ho-tich' },
    to: 'field',
    check: (d) => assert.deepEqual([d.fieldId, d.serviceId], ['ho-tich', 'ho-tich']),
  },
  { name: 'the search opens', from: 'home', event: { type: 'search' }, to: 'search' },
  {
    name: 'the dossier lookup opens empty',
    from: 'home',
    given: { scanned: { code: 'X' } },
    event: { type: 'open-status' },
    to: 'status',
    check: (d) => assert.equal(d.scanned, null),
  },
  {
    name: 'the appointment check-in opens empty',
    from: 'home',
    event: { type: 'open-appointment' },
    to: 'appointment',
    check: (d) => assert.equal(d.scanned, null),
  },
  {
    name: 'a receipt scanned on the start screen opens its lookup',
    from: 'home',
    event: { type: 'scanned-status', code: 'H36-261123-0001' },
    to: 'status',
    check: (d) => assert.deepEqual(d.scanned, { code: 'H36-261123-0001' }),
  },
  {
    name: 'an appointment QR scanned on the start screen opens its check-in',
    from: 'home',
    event: { type: 'scanned-appointment', code: 'APT-1' },
    to: 'appointment',
    check: (d) => assert.deepEqual(d.scanned, { code: 'APT-1' }),
  },
  { name: 'an identified citizen ends the session from the start screen', from: 'home', given: { identity: IDENTITY }, event: { type: 'back' }, to: 'end' },
  { name: 'an anonymous start screen has nothing to end', from: 'home', event: { type: 'back' }, to: 'ignored' },
  // help
  { name: 'help goes back where it was opened', from: 'help', given: { returnTo: 'priority' }, event: { type: 'back' }, to: 'priority' },
  // identify (the dossier needs the card)
  {
    name: 'the dossier’s identification takes the QR',
    from: 'identify',
    event: { type: 'identify', by: 'qr' },
    to: 'consent',
    check: (d) => assert.deepEqual([d.identifyBy, d.returnTo], ['qr', 'identify']),
  },
  {
    name: 'back from the dossier’s identification drops the pending dossier',
    from: 'identify',
    given: { dossierAfterIdentify: true, procedure: PROCEDURE },
    event: { type: 'back' },
    to: 'procedure',
    check: (d) => assert.equal(d.dossierAfterIdentify, false),
  },
  // consent
  {
    name: 'agreeing to the notice for the chip asks for the CAN, and keeps the consent for the ticket',
    from: 'consent',
    given: { identifyBy: 'card' },
    event: { type: 'agree', consent: IDENTIFY_CONSENT },
    to: 'card',
    check: (d) => assert.deepEqual(d.identifyConsent, IDENTIFY_CONSENT),
  },
  {
    name: 'agreeing to the notice for the QR waits for the scan',
    from: 'consent',
    given: { identifyBy: 'qr' },
    event: { type: 'agree', consent: IDENTIFY_CONSENT },
    to: 'scan',
  },
  {
    name: 'a consent to another notice does not open the card',
    from: 'consent',
    given: { identifyBy: 'card' },
    event: { type: 'agree', consent: DOSSIER_CONSENT },
    to: 'ignored',
  },
  {
    name: 'for a dossier the notice is the dossier’s: agreeing keeps that consent, and the chip read is for the dossier',
    from: 'consent',
    given: { identifyBy: 'card', dossierAfterIdentify: true, procedure: PROCEDURE },
    event: { type: 'agree', consent: DOSSIER_CONSENT },
    to: 'card',
    check: (d) => {
      assert.deepEqual([d.dossierConsent, d.identifyConsent], [DOSSIER_CONSENT, null]);
      assert.equal(cardReadPurposeFor(d), 'dossier');
    },
  },
  {
    name: 'for a dossier, a consent to the identify notice does not open the card',
    from: 'consent',
    given: { identifyBy: 'card', dossierAfterIdentify: true, procedure: PROCEDURE },
    event: { type: 'agree', consent: IDENTIFY_CONSENT },
    to: 'ignored',
  },
  {
    name: 'declining the notice goes back, nothing read',
    from: 'consent',
    given: { returnTo: 'home', identifyBy: 'card' },
    event: { type: 'decline' },
    to: 'home',
    check: (d) => assert.equal(d.identity, null),
  },
  { name: 'back from the notice', from: 'consent', given: { returnTo: 'identify' }, event: { type: 'back' }, to: 'identify' },
  // card, scan
  {
    name: 'the chip read for a ticket identifies the citizen, elderly priority from the age',
    from: 'card',
    given: { identifyConsent: IDENTIFY_CONSENT },
    event: { type: 'identified', identity: IDENTITY, elderly: true },
    to: 'home',
    check: (d) => {
      assert.deepEqual([d.identity?.fullName, d.priority, d.identifiedFor], ['Lê Văn Cường', 'elderly', 'ticket']);
      assert.equal(cardReadPurposeFor({ ...d, screen: 'card' }), 'identify');
    },
  },
  { name: 'back from the CAN', from: 'card', given: { returnTo: 'home' }, event: { type: 'back' }, to: 'home' },
  {
    name: 'the photo of the card’s back is offered beside the CAN, keeping where the card was asked from',
    from: 'card',
    given: { returnTo: 'identify', dossierAfterIdentify: true },
    event: { type: 'use-card-back' },
    to: 'card-back',
    check: (d) => assert.deepEqual([d.returnTo, d.dossierAfterIdentify, d.identity], ['identify', true, null]),
  },
  {
    name: 'nothing read from a card is taken without the consent',
    from: 'card',
    event: { type: 'identified', identity: IDENTITY, elderly: true },
    to: 'ignored',
  },
  {
    name: 'the chip opened with the scanned MRZ identifies the citizen',
    from: 'card-back',
    given: { identifyConsent: IDENTIFY_CONSENT },
    event: { type: 'identified', identity: IDENTITY, elderly: true },
    to: 'home',
    check: (d) => assert.deepEqual([d.identity?.fullName, d.priority], ['Lê Văn Cường', 'elderly']),
  },
  {
    name: 'the chip opened with the scanned MRZ opens the dossier asked for before',
    from: 'card-back',
    given: { dossierAfterIdentify: true, procedure: PROCEDURE, dossierConsent: DOSSIER_CONSENT },
    event: { type: 'identified', identity: IDENTITY, elderly: false },
    to: 'dossier',
    check: (d) => assert.deepEqual([d.dossierAfterIdentify, d.identifiedFor], [false, 'dossier']),
  },
  {
    name: 'back from the photo goes to the CAN',
    from: 'card-back',
    given: { returnTo: 'home' },
    event: { type: 'back' },
    to: 'card',
    check: (d) => assert.equal(d.returnTo, 'home'),
  },
  {
    name: 'the QR identifies and opens the dossier asked for before',
    from: 'scan',
    given: { dossierAfterIdentify: true, procedure: PROCEDURE, dossierConsent: DOSSIER_CONSENT },
    event: { type: 'identified', identity: IDENTITY, elderly: false },
    to: 'dossier',
    check: (d) => assert.deepEqual([d.priority, d.dossierAfterIdentify], ['normal', false]),
  },
  { name: 'back from the QR scan', from: 'scan', given: { returnTo: 'identify' }, event: { type: 'back' }, to: 'identify' },
  // field
  {
    name: 'a procedure of the field opens its guidance',
    from: 'field',
    given: { fieldId: 'ho-tich' },
    event: { type: 'choose-procedure', procedure: PROCEDURE },
    to: 'procedure',
    check: (d) => assert.deepEqual([d.procedure?.id, d.serviceId], [PROCEDURE.id, 'ho-tich']),
  },
  {
    name: '"Lấy số thứ tự" on the field issues to its queue (quick path, tap 2)',
    from: 'field',
    given: { fieldId: 'ho-tich', serviceId: 'ho-tich' },
    event: { type: 'take-number' },
    to: 'issuing',
    check: (d) => assert.deepEqual([d.serviceId, d.returnTo], ['ho-tich', 'field']),
  },
  {
    name: 'a field of several queues issues to the one tapped',
    from: 'field',
    given: { fieldId: 'mixed', serviceId: null },
    event: { type: 'take-number', serviceId: 'dat-dai' },
    to: 'issuing',
    check: (d) => assert.equal(d.serviceId, 'dat-dai'),
  },
  { name: 'no queue, no ticket', from: 'field', given: { fieldId: 'mixed', serviceId: null }, event: { type: 'take-number' }, to: 'ignored' },
  {
    name: 'the priority step from the field',
    from: 'field',
    given: { fieldId: 'ho-tich', serviceId: 'ho-tich' },
    event: { type: 'ask-priority' },
    to: 'priority',
    check: (d) => assert.equal(d.returnTo, 'field'),
  },
  {
    name: 'the priority step from a field with several queues: back to the field to pick the queue',
    from: 'field',
    given: { fieldId: 'mixed', serviceId: null },
    event: { type: 'ask-priority' },
    to: 'priority',
    check: (d) => assert.deepEqual([d.returnTo, d.serviceId], ['field', null]),
  },
  {
    name: 'no queue chosen: the priority step takes no number',
    from: 'priority',
    given: { fieldId: 'mixed', serviceId: null, returnTo: 'field', priority: 'pregnant' },
    event: { type: 'take-number' },
    to: 'ignored',
  },
  {
    name: 'back from the priority step keeps the priority for the queue picked next',
    from: 'priority',
    given: { fieldId: 'mixed', serviceId: null, returnTo: 'field', priority: 'pregnant' },
    event: { type: 'back' },
    to: 'field',
    check: (d) => assert.equal(d.priority, 'pregnant'),
  },
  {
    name: 'back from the field forgets it',
    from: 'field',
    given: { fieldId: 'ho-tich', serviceId: 'ho-tich' },
    event: { type: 'back' },
    to: 'home',
    check: (d) => assert.deepEqual([d.fieldId, d.serviceId], [null, null]),
  },
  // search
  { name: 'a procedure found by the search', from: 'search', event: { type: 'choose-procedure', procedure: PROCEDURE }, to: 'procedure' },
  { name: 'back from the search', from: 'search', event: { type: 'back' }, to: 'home' },
  // procedure
  {
    name: '"Lấy số thứ tự" on a procedure goes to the priority step',
    from: 'procedure',
    given: { procedure: PROCEDURE, serviceId: 'ho-tich' },
    event: { type: 'ask-priority' },
    to: 'priority',
    check: (d) => assert.equal(d.returnTo, 'procedure'),
  },
  {
    name: 'the dossier of a citizen whose chip was read for a dossier opens',
    from: 'procedure',
    given: { procedure: PROCEDURE, identity: IDENTITY, identifiedFor: 'dossier' },
    event: { type: 'start-dossier' },
    to: 'dossier',
  },
  {
    name: 'a card’s QR read for a ticket is read again for a dossier too (only the identify notice’s fields were kept)',
    from: 'procedure',
    given: { procedure: PROCEDURE, identity: { ...IDENTITY, source: 'qr' }, identifiedFor: 'ticket' },
    event: { type: 'start-dossier' },
    to: 'identify',
  },
  {
    name: 'a chip read for a ticket is read again for a dossier, under the dossier’s notice',
    from: 'procedure',
    given: { procedure: PROCEDURE, identity: IDENTITY, identifiedFor: 'ticket', identifyConsent: IDENTIFY_CONSENT },
    event: { type: 'start-dossier' },
    to: 'identify',
    check: (d) => {
      assert.equal(d.dossierAfterIdentify, true);
      assert.equal(consentNoticeFor(d), 'dossier');
      assert.equal(cardReadPurposeFor(d), 'dossier');
    },
  },
  {
    name: 'the dossier of an anonymous citizen asks for the card first',
    from: 'procedure',
    given: { procedure: PROCEDURE },
    event: { type: 'start-dossier' },
    to: 'identify',
    check: (d) => assert.equal(d.dossierAfterIdentify, true),
  },
  {
    name: 'back from a procedure of a field',
    from: 'procedure',
    given: { procedure: PROCEDURE, fieldId: 'ho-tich' },
    event: { type: 'back' },
    to: 'field',
    check: (d) => assert.equal(d.procedure, null),
  },
  { name: 'back from a procedure found by the search', from: 'procedure', given: { procedure: PROCEDURE }, event: { type: 'back' }, to: 'search' },
  // priority
  {
    name: 'a priority class is chosen',
    from: 'priority',
    event: { type: 'set-priority', priority: 'pregnant' },
    to: 'priority',
    check: (d) => assert.equal(d.priority, 'pregnant'),
  },
  { name: 'appointment is not a class a citizen declares', from: 'priority', event: { type: 'set-priority', priority: 'appointment' }, to: 'ignored' },
  {
    name: 'proxy mode: a count within the limit',
    from: 'priority',
    event: { type: 'set-dossier-count', count: 3, max: 5 },
    to: 'priority',
    check: (d) => assert.equal(d.dossierCount, 3),
  },
  { name: 'proxy mode: a count over the limit is refused', from: 'priority', event: { type: 'set-dossier-count', count: 6, max: 5 }, to: 'ignored' },
  {
    name: 'the ticket is asked for from the priority step',
    from: 'priority',
    given: { serviceId: 'ho-tich' },
    event: { type: 'take-number' },
    to: 'issuing',
    check: (d) => assert.equal(d.returnTo, 'priority'),
  },
  { name: 'no queue chosen, no ticket from the priority step', from: 'priority', event: { type: 'take-number' }, to: 'ignored' },
  { name: 'back from the priority step', from: 'priority', given: { returnTo: 'field' }, event: { type: 'back' }, to: 'field' },
  // issuing
  {
    name: 'the hall did not answer: the kiosk says so and keeps trying',
    from: 'issuing',
    event: { type: 'issue-offline' },
    to: 'issuing',
    check: (d) => assert.equal(d.offline, true),
  },
  {
    name: 'the ticket arrives',
    from: 'issuing',
    given: { offline: true },
    event: { type: 'issued', response: ISSUED },
    to: 'ticket',
    check: (d) => assert.deepEqual([d.issued?.ticket.number, d.printed, d.offline], ['A001', null, false]),
  },
  {
    name: 'the hall refuses: back with its reason',
    from: 'issuing',
    given: { returnTo: 'field' },
    event: { type: 'issue-failed', code: 'QUOTA_REACHED' },
    to: 'field',
    check: (d) => assert.equal(d.error, 'QUOTA_REACHED'),
  },
  // ticket
  {
    name: 'the printer answered',
    from: 'ticket',
    given: { issued: ISSUED },
    event: { type: 'printed', ok: true },
    to: 'ticket',
    check: (d) => assert.equal(d.printed, true),
  },
  { name: '"Hoàn tất" ends the session', from: 'ticket', given: { issued: ISSUED, identity: IDENTITY }, event: { type: 'done' }, to: 'end' },
  // dossier
  {
    name: 'the dossier’s notice accepted once a session',
    from: 'dossier',
    event: { type: 'dossier-consent', consent: DOSSIER_CONSENT },
    to: 'dossier',
    check: (d) => assert.deepEqual(d.dossierConsent, DOSSIER_CONSENT),
  },
  {
    name: 'the dossier does not take a consent to the identify notice',
    from: 'dossier',
    event: { type: 'dossier-consent', consent: IDENTIFY_CONSENT },
    to: 'ignored',
  },
  {
    name: 'leaving the dossier goes back to its procedure',
    from: 'dossier',
    given: { procedure: PROCEDURE },
    event: { type: 'dossier-exit' },
    to: 'procedure',
  },
  { name: 'the receipt’s "Hoàn tất" ends the session', from: 'dossier', given: { identity: IDENTITY }, event: { type: 'done' }, to: 'end' },
  // status, appointment
  { name: 'back from the lookup ends the session', from: 'status', event: { type: 'back' }, to: 'end' },
  { name: 'the checked-in appointment’s ticket', from: 'appointment', event: { type: 'issued', response: ISSUED }, to: 'ticket' },
  { name: 'back from the check-in ends the session', from: 'appointment', event: { type: 'back' }, to: 'end' },
];

/** Help and the idle timeout on every screen. */
const ANYWHERE_CASES: readonly Case[] = SCREENS.flatMap((screen): Case[] => [
  {
    name: `help from ${screen}`,
    from: screen,
    given: { identity: IDENTITY },
    event: { type: 'open-help' },
    to: screen === 'help' || screen === 'issuing' ? 'ignored' : 'help',
    check: (d) => assert.equal(d.returnTo, screen),
  },
  { name: `idle timeout on ${screen} ends the session`, from: screen, given: { identity: IDENTITY }, event: { type: 'idle-timeout' }, to: 'end' },
]);

describe('kiosk session transitions', () => {
  for (const c of [...CASES, ...ANYWHERE_CASES]) {
    test(c.name, () => {
      const before = at(c.from, c.given);
      const result = step(before, c.event);
      if (c.to === 'ignored') return assert.equal(result.kind, 'ignored');
      if (c.to === 'end') return assert.deepEqual(result, { kind: 'end', reason: c.event.type });
      assert.equal(result.kind, 'next');
      if (result.kind !== 'next') return;
      assert.equal(result.data.screen, c.to);
      c.check?.(result.data);
    });
  }

  test('the untouched start screen does not time out (nothing to wipe)', () => {
    assert.equal(step(INITIAL, { type: 'idle-timeout' }).kind, 'ignored');
  });

  test('a new screen drops the previous screen’s error', () => {
    const failed = step(at('issuing', { returnTo: 'field', fieldId: 'ho-tich', serviceId: 'ho-tich' }), { type: 'issue-failed', code: 'HALL_CLOSED' });
    assert.ok(failed.kind === 'next');
    const next = step(failed.data, { type: 'back' });
    assert.ok(next.kind === 'next');
    assert.equal(next.data.error, null);
  });

  test('events a screen has no row for are ignored', () => {
    assert.equal(step(INITIAL, { type: 'issued', response: ISSUED }).kind, 'ignored');
    assert.equal(step(at('ticket', { issued: ISSUED }), { type: 'take-number' }).kind, 'ignored');
  });

  test('every row of the table has a test', () => {
    const tested = new Set(CASES.map((c) => `${c.from} ${c.event.type}`));
    const missing: string[] = [];
    for (const screen of SCREENS)
      for (const type of Object.keys(TRANSITIONS[screen]) as EventType[]) if (!tested.has(`${screen} ${type}`)) missing.push(`${screen} ${type}`);
    assert.deepEqual(missing, []);
    const anywhere = new Set(ANYWHERE_CASES.map((c) => `${c.from} ${c.event.type}`));
    for (const type of Object.keys(ANYWHERE) as EventType[]) for (const screen of SCREENS) assert.ok(anywhere.has(`${screen} ${type}`), `${screen} ${type}`);
  });
});

describe('the untouched start screen', () => {
  test('a new session is untouched; one that chose a priority, agreed to a notice or only asked for the card is not, even back on the start screen', () => {
    assert.equal(isPristine(INITIAL), true);
    assert.equal(isPristine({ ...INITIAL, returnTo: 'field' }), true, 'where "Quay lại" would go is no trace of a citizen');
    const back = (given: Partial<SessionData>) => ({ ...INITIAL, ...given, screen: 'home' as const });
    for (const given of [
      { priority: 'pregnant' as const },
      { dossierCount: 3 },
      { identifyConsent: IDENTIFY_CONSENT },
      { dossierConsent: DOSSIER_CONSENT },
      { identifyBy: 'card' as const },
    ]) {
      assert.equal(isPristine(back(given)), false, JSON.stringify(given));
      // …so the idle timeout ends it, and the next citizen starts from a new session.
      assert.equal(step(back(given), { type: 'idle-timeout' }).kind, 'end', JSON.stringify(given));
    }
  });
});
