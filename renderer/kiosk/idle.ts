/**
 * Kiosk inactivity: after `idleMs` without a touch the warning shows for `warnMs` (at least 20 s,
 * so a citizen can extend the session); then the session ends and its data is wiped.
 */
export const MIN_WARNING_MS = 20_000;

export type IdlePhase = { readonly kind: 'active' } | { readonly kind: 'warning'; readonly secondsLeft: number } | { readonly kind: 'expired' };

export function idlePhase(lastActivity: number, now: number, idleMs: number, warnMs: number): IdlePhase {
  const warn = Math.max(warnMs, MIN_WARNING_MS);
  const quiet = now - lastActivity;
  if (quiet < idleMs) return { kind: 'active' };
  if (quiet < idleMs + warn) return { kind: 'warning', secondsLeft: Math.ceil((idleMs + warn - quiet) / 1000) };
  return { kind: 'expired' };
}
