/**
 * A consent names the version of the notice the citizen read (common/privacy-notice.ts). Each
 * version is pinned here to a digest of its wording in both languages: a notice whose text changes
 * must get a new version (and a new line here), so no recorded consent ever points at words the
 * citizen did not see.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { PRIVACY_NOTICE_VERSIONS, PRIVACY_NOTICES, consentTo, type PrivacyNotice } from '../../../../electron/common/privacy-notice.ts';
import { consentSchema } from '../../../../electron/common/wire.ts';
import { kiosk as en } from '../../../../renderer/shared/i18n/en/kiosk.ts';
import { kiosk as vi } from '../../../../renderer/shared/i18n/vi/kiosk.ts';

/** The screen texts of each notice: its title, its text and the answer that gives consent. */
const KEYS = {
  identify: ['kiosk.consentTitle', 'kiosk.consentText', 'kiosk.consentAgree'],
  dossier: ['dossier.consentTitle', 'dossier.consentText', 'kiosk.consentAgree'],
} as const satisfies Record<PrivacyNotice, readonly (keyof typeof vi & keyof typeof en)[]>;

/** version → SHA-256 of the notice's texts, Vietnamese then English, one per line. */
const PINNED: Record<PrivacyNotice, Record<string, string>> = {
  identify: { '2026-12-08': 'ee859b5d57ce1dd051917aacc2a1c1dbdef063afdc43e4a3a25422faa2ad6956' },
  dossier: { '2026-12-08': '6939128c95eb92346acbd434f10bfde2bd6b72bca1b1c4fa5d9ec9fc1a1b1c3e' },
};

function wording(notice: PrivacyNotice): string {
  return [...KEYS[notice].map((k) => vi[k]), ...KEYS[notice].map((k) => en[k])].join('\n');
}

describe('privacy notices: versions and their wording', () => {
  for (const notice of PRIVACY_NOTICES) {
    test(`the ${notice} notice’s current version is the one its wording was pinned under`, () => {
      const version = PRIVACY_NOTICE_VERSIONS[notice];
      const digest = createHash('sha256').update(wording(notice)).digest('hex');
      assert.equal(
        PINNED[notice][version],
        digest,
        `the ${notice} notice's text changed: give it a new version in common/privacy-notice.ts and pin ${digest} under it here`,
      );
    });
  }

  test('the hall takes a consent to the notice as shown now, and refuses an older or unknown version', () => {
    assert.ok(consentSchema.safeParse(consentTo('identify', 'vi', 1_700_000_000_000)).success);
    const older = consentSchema.safeParse({ ...consentTo('dossier', 'en', 1_700_000_000_000), version: '2025-01-01' });
    assert.equal(older.success, false);
    assert.deepEqual(
      older.error?.issues.map((i) => i.path.join('.')),
      ['version'],
    );
    assert.equal(consentSchema.safeParse({ ...consentTo('identify', 'vi', 1), notice: 'marketing' }).success, false);
    assert.equal(consentSchema.safeParse({ ...consentTo('identify', 'vi', 1), name: 'Lê Văn Cường' }).success, false, 'nothing of the person');
  });
});
