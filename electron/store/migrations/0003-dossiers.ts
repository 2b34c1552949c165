/**
 * Dossiers (hồ sơ) submitted at the kiosk or the counter: filled in by the dossier work.
 */
export const name = 'dossiers';

export const sql = `
SELECT 1;
`;
