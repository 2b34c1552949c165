import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officerRatingState } from '../../../../renderer/counter/rating-state.ts';
import {
  DOSSIER_SHORTCUTS,
  dossierShortcutFor,
  isTransferShortcut,
  SHORTCUTS,
  shortcutFor,
  TRANSFER_SHORTCUT,
} from '../../../../renderer/counter/shortcuts.ts';

describe("officer's rating state", () => {
  const window = { ticketId: 't1', closesAt: 30_000 };
  it('waits with the seconds left, then is rated or timed out', () => {
    assert.deepEqual(officerRatingState(null, new Set(), 0), { kind: 'none' });
    assert.deepEqual(officerRatingState(window, new Set(), 500), { kind: 'waiting', ticketId: 't1', secondsLeft: 30 });
    assert.deepEqual(officerRatingState(window, new Set(['t1']), 10_000), { kind: 'rated', ticketId: 't1' });
    assert.deepEqual(officerRatingState(window, new Set(['t0']), 30_000), { kind: 'timed_out', ticketId: 't1' });
  });
});

describe('counter shortcuts', () => {
  const key = (k: string, over: Partial<{ ctrlKey: boolean; tagName: string }> = {}) => ({
    key: k,
    ctrlKey: over.ctrlKey ?? false,
    altKey: false,
    metaKey: false,
    target: { tagName: over.tagName ?? 'BODY' } as unknown as EventTarget,
  });
  it('maps single keys to actions, case-insensitively', () => {
    assert.equal(shortcutFor(key('n')), 'call-next');
    assert.equal(shortcutFor(key('F')), 'finish');
    assert.equal(shortcutFor(key('x')), null);
  });
  it('ignores keys typed into fields and modified keys', () => {
    assert.equal(shortcutFor(key('n', { tagName: 'INPUT' })), null);
    assert.equal(shortcutFor(key('r', { ctrlKey: true })), null);
  });
});

describe('dossier panel shortcuts', () => {
  const key = (k: string, tagName = 'BODY') => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, target: { tagName } as unknown as EventTarget });
  it('M focuses the dossier code and T receives the dossier, outside fields only', () => {
    assert.equal(dossierShortcutFor(key('m')), 'focus-dossier-code');
    assert.equal(dossierShortcutFor(key('T')), 'receive-dossier');
    assert.equal(dossierShortcutFor(key('t', 'INPUT')), null);
    assert.equal(dossierShortcutFor(key('n')), null);
  });
  it('collide with no queue shortcut', () => {
    for (const k of Object.keys(DOSSIER_SHORTCUTS)) assert.equal(Object.hasOwn(SHORTCUTS, k), false, k);
  });
});

describe('transfer shortcut', () => {
  const key = (k: string, tagName = 'BODY') => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, target: { tagName } as unknown as EventTarget });
  it('C goes to the transfer destination, outside fields only', () => {
    assert.equal(isTransferShortcut(key('c')), true);
    assert.equal(isTransferShortcut(key('C')), true);
    assert.equal(isTransferShortcut(key('c', 'INPUT')), false);
    assert.equal(isTransferShortcut(key('n')), false);
  });
  it('collides with no queue or dossier shortcut', () => {
    assert.equal(Object.hasOwn(SHORTCUTS, TRANSFER_SHORTCUT), false);
    assert.equal(Object.hasOwn(DOSSIER_SHORTCUTS, TRANSFER_SHORTCUT), false);
  });
});
