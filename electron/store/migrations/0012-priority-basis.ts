/**
 * Why a ticket has its priority (common/domain.ts PRIORITY_BASES): verified from a chip the hall
 * server checked, declared by the citizen, confirmed or cleared by the serving officer. Tickets of
 * earlier versions took any priority the kiosk sent, so their priority classes count as declared.
 */
export const name = 'priority-basis';

export const sql = `
ALTER TABLE tickets ADD COLUMN priority_basis TEXT NOT NULL DEFAULT 'none';
UPDATE tickets SET priority_basis = 'declared' WHERE priority IN ('elderly', 'pregnant', 'disabled');
`;
