/**
 * Citizen ratings folded into the ticket (ticket.rated): the level and when it was given; the
 * reason stays in the event log only. History imported from another queue system
 * (`hall import-tickets`): the import it came from, its dossier code and its original outcome.
 */
export const name = 'ratings-and-history';

export const sql = `
ALTER TABLE tickets ADD COLUMN rating TEXT;
ALTER TABLE tickets ADD COLUMN rated_at INTEGER;
ALTER TABLE tickets ADD COLUMN import_id TEXT;
ALTER TABLE tickets ADD COLUMN dossier_code TEXT;
ALTER TABLE tickets ADD COLUMN source_outcome TEXT;
`;
