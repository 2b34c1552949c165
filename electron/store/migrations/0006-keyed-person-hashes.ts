/**
 * Person hashes are keyed with a key derived from the hall data key, which is kept outside the
 * database (electron/server/hall-keys.ts). The salt that keyed them until now lived in hall_meta,
 * next to the hashes, so a copy of the file alone let anyone test guessed ID numbers: it is
 * deleted, and the hashes made with it are cleared from tickets, appointments and dossiers (they
 * could not match a new hash anyway; the fairness rule resumes with the tickets issued from now on).
 * The event log is append-only and keeps its old hashes; without the salt they cannot be tested.
 */
export const name = 'keyed-person-hashes';

export const sql = `
DELETE FROM hall_meta WHERE key = 'person_hash_salt';
UPDATE tickets SET person_hash = NULL WHERE person_hash IS NOT NULL;
UPDATE appointments SET person_hash = NULL WHERE person_hash IS NOT NULL;
UPDATE dossiers SET person_hash = NULL WHERE person_hash IS NOT NULL;
`;
