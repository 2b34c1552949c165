/**
 * Citizen ratings folded into the ticket (ticket.rated): the level and when it was given.
 * The reason stays in the event log only.
 */
export const name = 'ratings';

export const sql = `
ALTER TABLE tickets ADD COLUMN rating TEXT;
ALTER TABLE tickets ADD COLUMN rated_at INTEGER;
`;
