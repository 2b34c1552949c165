/**
 * The open drafts of a device, counted for its draft quota at every draft and upload
 * (server/device-flooding.ts): a partial index, so only drafts are in it.
 */
export const name = 'open-drafts-index';

export const sql = `
CREATE INDEX dossiers_open_drafts ON dossiers (created_by_device) WHERE state = 'draft';
`;
