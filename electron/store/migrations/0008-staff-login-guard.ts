/**
 * PIN guessing: consecutive failed logins per account with the time of the last one and the end of
 * a lockout (electron/core/login-guard.ts), so a restart does not reset a guesser's count; the
 * account's birth date (dd/mm/yyyy, optional) so a PIN equal to it is refused
 * (electron/core/pin-policy.ts); when the PIN was last set and whether the account was disabled by
 * whom (staff administration).
 */
export const name = 'staff-login-guard';

export const sql = `
ALTER TABLE staff ADD COLUMN birth_date TEXT;
ALTER TABLE staff ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN last_failed_login_at INTEGER;
ALTER TABLE staff ADD COLUMN locked_until INTEGER;
ALTER TABLE staff ADD COLUMN pin_set_at INTEGER;
ALTER TABLE staff ADD COLUMN disabled_at INTEGER;
`;
