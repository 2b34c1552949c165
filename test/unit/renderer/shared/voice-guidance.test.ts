/**
 * The kiosk's spoken guidance comes from the offline voice pack: every text the kiosk can speak
 * (each screen's guidance, each dossier step's, the queue number after the ticket and the
 * receipt) has its clip in the pack, in Vietnamese and English, and the kiosk speaks only through
 * that table (no speech synthesis left in its sources).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENS } from '../../../../renderer/kiosk/session/kiosk-machine.ts';
import { DOSSIER_STEPS } from '../../../../renderer/kiosk/dossier-flow.ts';
import { KIOSK } from '../../../../renderer/shared/i18n/parts/kiosk.ts';
import { DOSSIER_GUIDANCE, GUIDANCE_KEYS, GUIDANCE_LANGUAGES, guidanceClip, KIOSK_SCREEN_GUIDANCE } from '../../../../renderer/shared/voice-guidance.ts';
import { guidanceClipTexts } from '../../../../renderer/shared/voice-guidance-texts.ts';
import { ticketNumberClips, voiceClipTexts } from '../../../../renderer/shared/voice-phrases.ts';

const pack = { ...voiceClipTexts(), ...guidanceClipTexts() };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|svelte)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('the kiosk’s spoken guidance', () => {
  it('every guidance the kiosk can speak has its clip in both languages, saying the screen’s text', () => {
    const guidance = guidanceClipTexts();
    for (const lang of GUIDANCE_LANGUAGES) {
      for (const key of GUIDANCE_KEYS) {
        const clip = guidanceClip(lang, key);
        assert.ok(clip in pack, `${clip} is missing from the pack`);
        assert.equal(guidance[clip]?.text, KIOSK[lang][key], clip);
        assert.equal(guidance[clip]?.lang, lang);
      }
    }
    assert.equal(Object.keys(guidance).length, GUIDANCE_KEYS.length * 2);
  });

  it('the guided screens are screens of the session machine, and every dossier screen is guided', () => {
    for (const screen of Object.keys(KIOSK_SCREEN_GUIDANCE)) assert.ok((SCREENS as readonly string[]).includes(screen), screen);
    for (const step of ['consent', ...DOSSIER_STEPS]) assert.ok(step in DOSSIER_GUIDANCE, step);
  });

  it('a queue number after the ticket or the receipt is read with clips the pack has, any prefix, 1–999', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const n of [1, 15, 999]) {
        const clips = ticketNumberClips(`${letter}${String(n).padStart(3, '0')}`);
        assert.equal(clips.length, 4);
        for (const c of clips) assert.ok(c in pack, `${c} is missing from the pack`);
      }
    }
    assert.deepEqual(ticketNumberClips('A015'), ['letter-A', 'digit-0', 'digit-1', 'digit-5']);
  });

  it('the kiosk speaks only through the voice pack: no speech synthesis in its sources', () => {
    for (const file of sources('renderer/kiosk')) assert.doesNotMatch(readFileSync(file, 'utf8'), /speechSynthesis|SpeechSynthesisUtterance/, file);
  });
});
