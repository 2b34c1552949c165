/**
 * The browser side of announcements: a two-tone chime with Web Audio, the voice pack's WAV clips
 * (GET /voice/vi/manifest.json, generated at build time) and speechSynthesis as the fallback.
 */
import type { AnnouncementPlayer } from './announcer.ts';

interface VoiceManifest {
  readonly voice: string;
  readonly clips: Readonly<Record<string, string>>;
}

const CLIP_TIMEOUT_MS = 4000;

export function createBrowserPlayer(baseUrl = '/voice/vi/'): AnnouncementPlayer {
  let manifest: Promise<VoiceManifest | null> | null = null;
  const loadManifest = (): Promise<VoiceManifest | null> =>
    (manifest ??= fetch(`${baseUrl}manifest.json`)
      .then((r) => (r.ok ? (r.json() as Promise<VoiceManifest>) : null))
      .catch(() => null));
  let context: AudioContext | null = null;

  function playUrl(url: string): Promise<boolean> {
    return new Promise((resolve) => {
      const audio = new Audio(url);
      const timer = setTimeout(() => resolve(true), CLIP_TIMEOUT_MS);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        resolve(ok);
      };
      audio.onended = () => done(true);
      audio.onerror = () => done(false);
      audio.play().catch(() => done(false));
    });
  }

  return {
    async chime() {
      try {
        context ??= new AudioContext();
        const now = context.currentTime;
        for (const [i, freq] of [880, 660].entries()) {
          const osc = context.createOscillator();
          const gain = context.createGain();
          osc.frequency.value = freq;
          gain.gain.setValueAtTime(0.25, now + i * 0.35);
          gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.35 + 0.33);
          osc.connect(gain).connect(context.destination);
          osc.start(now + i * 0.35);
          osc.stop(now + i * 0.35 + 0.34);
        }
        await new Promise((r) => setTimeout(r, 700));
      } catch {
        // no audio output: the caption still shows the call
      }
    },
    async clips(keys) {
      const m = await loadManifest();
      if (!m || !keys.every((k) => k in m.clips)) return false;
      for (const k of keys) {
        if (!(await playUrl(`${baseUrl}${m.clips[k]}`))) return false;
      }
      return true;
    },
    speak(text) {
      return new Promise((resolve) => {
        if (!('speechSynthesis' in globalThis)) return resolve();
        const u = new SpeechSynthesisUtterance(text);
        u.lang = 'vi-VN';
        const timer = setTimeout(resolve, 8000);
        u.onend = () => {
          clearTimeout(timer);
          resolve();
        };
        u.onerror = u.onend;
        speechSynthesis.speak(u);
      });
    },
  };
}
