/** Counter keyboard shortcuts (single keys, ignored while typing in a field). */
export const SHORTCUTS = { n: 'call-next', r: 'recall', s: 'start', f: 'finish', v: 'no-show', h: 'hold' } as const;
export type ShortcutAction = (typeof SHORTCUTS)[keyof typeof SHORTCUTS];

/** The dossier panel's keys: M (mã) puts the cursor in the dossier code field, T (tiếp nhận) receives the dossier. */
export const DOSSIER_SHORTCUTS = { m: 'focus-dossier-code', t: 'receive-dossier' } as const;
export type DossierShortcut = (typeof DOSSIER_SHORTCUTS)[keyof typeof DOSSIER_SHORTCUTS];

/**
 * C (chuyển) puts the focus on the transfer destination (a queue or a counter), when a ticket is
 * called or served; the arrow keys then choose, Tab reaches "Chuyển".
 */
export const TRANSFER_SHORTCUT = 'c';

type KeyEventLike = { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; target: EventTarget | null };

function plainKey(event: KeyEventLike): string | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const target = event.target as { tagName?: string } | null;
  if (target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT') return null;
  return event.key.toLowerCase();
}

export function shortcutFor(event: KeyEventLike): ShortcutAction | null {
  const key = plainKey(event);
  return key !== null && Object.hasOwn(SHORTCUTS, key) ? SHORTCUTS[key as keyof typeof SHORTCUTS] : null;
}

export function dossierShortcutFor(event: KeyEventLike): DossierShortcut | null {
  const key = plainKey(event);
  return key !== null && Object.hasOwn(DOSSIER_SHORTCUTS, key) ? DOSSIER_SHORTCUTS[key as keyof typeof DOSSIER_SHORTCUTS] : null;
}

export function isTransferShortcut(event: KeyEventLike): boolean {
  return plainKey(event) === TRANSFER_SHORTCUT;
}
