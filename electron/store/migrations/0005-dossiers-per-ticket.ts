/**
 * Proxy mode: a representative may bring several dossiers on one ticket (policy
 * maxDossiersPerTicket). Every ticket before this migration carried one.
 */
export const name = 'dossiers-per-ticket';

export const sql = `
ALTER TABLE tickets ADD COLUMN dossier_count INTEGER NOT NULL DEFAULT 1 CHECK (dossier_count >= 1);
`;
