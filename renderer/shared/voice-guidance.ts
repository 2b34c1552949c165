/**
 * The kiosk's spoken guidance (its "Hướng dẫn bằng giọng nói" mode) from the offline voice pack:
 * every text the kiosk can speak is one of GUIDANCE_KEYS, in Vietnamese or English, and has the clip
 * `guide-<lang>-<key>` in the pack (scripts/build-voice-pack.ts synthesises them from the screen
 * catalogues). A spoken queue number reuses the call clips (voice-phrases.ts ticketNumberClips).
 * Pure data and names: no catalogue text here, so no app bundles another's texts.
 */
import type { Language, MessageKey } from './i18n.ts';

/** What each kiosk screen says when it opens (keyed by the session machine's screen names). */
export const KIOSK_SCREEN_GUIDANCE = {
  home: 'kiosk.quickHint',
  consent: 'kiosk.consentTitle',
  card: 'kiosk.enterCan',
  'card-back': 'kiosk.cardBackTitle',
  scan: 'kiosk.waitingScan',
  search: 'kiosk.chooseProcedure',
  priority: 'kiosk.priorityTitle',
  ticket: 'kiosk.yourNumber',
} as const satisfies Readonly<Record<string, MessageKey>>;

/** What the self-service dossier says at each of its steps, and on its receipt. */
export const DOSSIER_GUIDANCE = {
  consent: 'dossier.consentTitle',
  declaration: 'dossier.step.declaration',
  papers: 'dossier.step.papers',
  review: 'dossier.step.review',
  submit: 'dossier.step.submit',
  receipt: 'dossier.receiptTitle',
} as const satisfies Readonly<Record<string, MessageKey>>;

export type GuidanceKey = (typeof KIOSK_SCREEN_GUIDANCE)[keyof typeof KIOSK_SCREEN_GUIDANCE] | (typeof DOSSIER_GUIDANCE)[keyof typeof DOSSIER_GUIDANCE];

export const GUIDANCE_KEYS: readonly GuidanceKey[] = [...new Set<GuidanceKey>([...Object.values(KIOSK_SCREEN_GUIDANCE), ...Object.values(DOSSIER_GUIDANCE)])];

export const GUIDANCE_LANGUAGES: readonly Language[] = ['vi', 'en'];

/** The pack's clip of one guidance text in one language. */
export function guidanceClip(lang: Language, key: GuidanceKey): string {
  return `guide-${lang}-${key}`;
}
