/**
 * The personal-data notices the kiosk shows before it reads anything (NĐ 13/2023 Điều 11, 13),
 * and the record of a citizen's consent to one of them.
 *
 * - `identify`: before the card or its QR is read for a queue ticket and its priority (screen
 *   texts kiosk.consentTitle / kiosk.consentText);
 * - `dossier`: before a dossier is prepared from that data (dossier.consentTitle / dossier.consentText).
 *
 * A consent names the version of the notice the citizen saw. A version names one wording in both
 * languages: test/unit/electron/common/privacy-notice.test.ts pins each version to a digest of its texts, so
 * a changed text cannot keep its old version. The hall accepts only the versions it shows now.
 * No zod here: the kiosk's bundle takes this module.
 */
export const PRIVACY_NOTICES = ['identify', 'dossier'] as const;
export type PrivacyNotice = (typeof PRIVACY_NOTICES)[number];

/** The version of each notice's current wording. */
export const PRIVACY_NOTICE_VERSIONS: Readonly<Record<PrivacyNotice, string>> = {
  identify: '2026-12-08',
  dossier: '2026-12-08',
};

/**
 * What a terminal sends of a consent (checked by wire.ts consentSchema): which notice, its version,
 * the language it was read in, and when the citizen agreed by the terminal's clock (the event that
 * records it has the hall's time too). Nothing of the person: the record is bound to the ticket or
 * dossier it came with.
 */
export interface Consent {
  readonly notice: PrivacyNotice;
  readonly version: string;
  readonly language: 'vi' | 'en';
  readonly givenAt: number;
}

/** The consent a terminal records for `notice` as shown now, at `givenAt` (its clock, ms). */
export function consentTo(notice: PrivacyNotice, language: 'vi' | 'en', givenAt: number): Consent {
  return { notice, version: PRIVACY_NOTICE_VERSIONS[notice], language, givenAt };
}

/** A consent as the hall keeps it: as given, and when the hall recorded it (its clock, ms). */
export interface ConsentRecord extends Consent {
  readonly recordedAt: number;
}
