/** Counter keyboard shortcuts (single keys, ignored while typing in a field). */
export const SHORTCUTS = { n: 'call-next', r: 'recall', s: 'start', f: 'finish', v: 'no-show', h: 'hold' } as const;
export type ShortcutAction = (typeof SHORTCUTS)[keyof typeof SHORTCUTS];

export function shortcutFor(event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; target: EventTarget | null }): ShortcutAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const target = event.target as { tagName?: string } | null;
  if (target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT') return null;
  const key = event.key.toLowerCase();
  return Object.hasOwn(SHORTCUTS, key) ? SHORTCUTS[key as keyof typeof SHORTCUTS] : null;
}
