/**
 * The texts of the kiosk's guidance clips, for the voice pack's build (scripts/build-voice-pack.ts)
 * and its test: each guidance key in each language, from the kiosk's screen catalogue. Kept apart
 * from voice-guidance.ts so the kiosk's bundle carries the clip names, not a second copy of texts.
 */
import { KIOSK } from './i18n/parts/kiosk.ts';
import type { Language } from './i18n.ts';
import { GUIDANCE_KEYS, GUIDANCE_LANGUAGES, guidanceClip } from './voice-guidance.ts';

/** Clip name → the language and the text it says. */
export function guidanceClipTexts(): Record<string, { readonly lang: Language; readonly text: string }> {
  const clips: Record<string, { lang: Language; text: string }> = {};
  for (const lang of GUIDANCE_LANGUAGES) {
    const catalogue = KIOSK[lang];
    for (const key of GUIDANCE_KEYS) {
      const text = catalogue[key];
      if (text === undefined) throw new Error(`guidance ${key} has no ${lang} text in the kiosk catalogue`);
      clips[guidanceClip(lang, key)] = { lang, text };
    }
  }
  return clips;
}
