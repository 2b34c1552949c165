/**
 * The links from tickets to their public page (electron/server/ticket-links.ts). The token on a
 * ticket's QR is never stored: only its SHA-256, the key a page request is looked up by. The
 * business date lets old links be forgotten.
 */
export const name = 'ticket-links';

export const sql = `
CREATE TABLE ticket_links (
  token_hash    BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
  ticket_id     TEXT NOT NULL UNIQUE,
  business_date TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX ticket_links_business_date ON ticket_links (business_date);
`;
