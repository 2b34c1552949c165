/**
 * Each app registers only its catalogue parts (renderer/<app>/main.ts). This walks the modules each
 * app's entry imports (relative .ts and .svelte imports, transitively) and checks that every text key
 * they name, literally or as a template prefix such as `counter.state.${…}`, is in a registered part:
 * a part forgotten in main.ts would show raw keys on that app's screens.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { COMMON } from '../../../../renderer/shared/i18n/parts/common.ts';
import { COUNTER } from '../../../../renderer/shared/i18n/parts/counter.ts';
import { DASHBOARD } from '../../../../renderer/shared/i18n/parts/dashboard.ts';
import { DISPLAY } from '../../../../renderer/shared/i18n/parts/display.ts';
import { EFORM } from '../../../../renderer/shared/i18n/parts/eform.ts';
import { KIOSK } from '../../../../renderer/shared/i18n/parts/kiosk.ts';
import { PROVINCE } from '../../../../renderer/shared/i18n/parts/province.ts';
import { RATING } from '../../../../renderer/shared/i18n/parts/rating.ts';

const PARTS = { COMMON, COUNTER, DASHBOARD, DISPLAY, EFORM, KIOSK, PROVINCE, RATING };
const ALL_KEYS = new Set(Object.values(PARTS).flatMap((p) => Object.keys(p.vi)));
const PREFIXES = [...new Set([...ALL_KEYS].map((k) => k.slice(0, k.indexOf('.') + 1)))];

/** Every module an entry reaches through relative imports, with its source. */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file)) return;
    const source = readFileSync(file, 'utf8');
    seen.set(file, source);
    for (const m of source.matchAll(/from\s+'(\.{1,2}\/[^']+\.(?:ts|svelte))'/g)) visit(resolve(dirname(file), m[1]!));
  };
  visit(resolve(entry));
  return seen;
}

/** The text keys a source names: literal keys, and the prefixes of keys built in a template. */
function keysIn(source: string): { literal: string[]; prefixes: string[] } {
  const alternatives = PREFIXES.map((p) => p.replace('.', '\\.')).join('|');
  const literal = [...source.matchAll(new RegExp(`['"]((?:${alternatives})[A-Za-z0-9_.]+)['"]`, 'g'))].map((m) => m[1]!).filter((k) => ALL_KEYS.has(k));
  const prefixes = [...source.matchAll(new RegExp('`((?:' + alternatives + ')[A-Za-z0-9_.]*)\\$\\{', 'g'))].map((m) => m[1]!);
  return { literal, prefixes };
}

describe('each app registers the catalogue parts its screens use', () => {
  for (const app of ['kiosk', 'counter', 'dashboard', 'display', 'rating', 'province']) {
    it(app, () => {
      const main = join('renderer', app, 'main.ts');
      const registered =
        /registerCatalogues\(([^)]*)\)/
          .exec(readFileSync(main, 'utf8'))?.[1]
          ?.split(',')
          .map((s) => s.trim()) ?? [];
      const known = new Set(registered.flatMap((name) => Object.keys(PARTS[name as keyof typeof PARTS]?.vi ?? {})));
      const missing = new Set<string>();
      for (const [file, source] of reachable(main)) {
        if (file.includes('/i18n/')) continue; // the catalogues themselves
        const { literal, prefixes } = keysIn(source);
        for (const key of literal) if (!known.has(key)) missing.add(key);
        for (const prefix of prefixes) if (![...known].some((k) => k.startsWith(prefix))) missing.add(`${prefix}…`);
      }
      assert.deepEqual([...missing].sort(), [], `${main} registers ${registered.join(', ')}`);
    });
  }
  it('the check finds a key of an unregistered part', () => {
    const source = `t('rating.idle') + t(\`counter.state.$\{state}\`)`; // as a .svelte file spells it
    assert.deepEqual(keysIn(source), { literal: ['rating.idle'], prefixes: ['counter.state.'] });
  });
});
