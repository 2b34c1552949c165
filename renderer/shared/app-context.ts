/**
 * Context helpers with typed keys (svelte's createContext): what every screen of an app needs
 * without passing it through each level. The app's root sets them once; a screen reads them.
 * The values are live objects (getters), so a language switch reaches every screen.
 */
import { createContext } from 'svelte';
import type { HallApi } from './hall-api.ts';
import { translate, type Language, type MessageKey } from './i18n.ts';

export interface LanguageContext {
  readonly lang: Language;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
}

/** The screen language, read through a getter so it follows the app's current choice. */
export function languageContext(get: () => Language): LanguageContext {
  return {
    get lang() {
      return get();
    },
    t: (key, params = {}) => translate(get(), key, params),
  };
}

export const [getLanguage, setLanguage] = createContext<LanguageContext>();

/** The hall API once connected (null before, and while pairing). */
export interface HallApiContext {
  readonly api: HallApi | null;
}
export const [getHallApi, setHallApi] = createContext<HallApiContext>();

/** The terminal's device API (the role's RoleDevices member), null without devices. */
export interface DevicesContext<D> {
  readonly devices: D | null;
}
export function devicesContext<D>(): readonly [() => DevicesContext<D>, (context: DevicesContext<D>) => DevicesContext<D>] {
  const [get, set] = createContext<DevicesContext<D>>();
  return [get, set];
}
