/**
 * The outbox to the provincial one-stop system and appointments (hẹn giờ): filled in by that work.
 */
export const name = 'outbox-and-appointments';

export const sql = `
SELECT 1;
`;
