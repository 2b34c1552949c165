/**
 * The citizen's consent to the dossier notice (NĐ 13/2023; common/privacy-notice.ts), kept with
 * the draft as JSON: notice, version, language, when it was given and when the hall recorded it.
 * Nothing of the person is in it, so it stays after the personal data is purged. NULL for drafts
 * made before it was kept.
 */
export const name = 'dossier-consent';

export const sql = `
ALTER TABLE dossiers ADD COLUMN consent TEXT;
`;
