/**
 * The kiosk's voice: plays guidance clips of the offline voice pack (GET /voice/vi/manifest.json,
 * renderer/shared/voice-guidance.ts) one after another. A new `say` stops what is playing; `stop`
 * silences it (the session's wipe). Where the pack lacks a clip (no espeak-ng at build time) the
 * kiosk says nothing rather than something else: the screen shows the same text.
 */
interface VoiceManifest {
  readonly clips: Readonly<Record<string, string>>;
}

export interface GuidanceVoice {
  say(clips: readonly string[]): void;
  stop(): void;
}

export function createGuidanceVoice(baseUrl = '/voice/vi/'): GuidanceVoice {
  let manifest: Promise<VoiceManifest | null> | null = null;
  let audio: HTMLAudioElement | null = null;
  /** Ends the wait for the clip playing now (a stopped clip fires no 'ended'). */
  let finish: (() => void) | null = null;
  /** Bumped by every say/stop: a sequence still loading does not play after it was replaced. */
  let turn = 0;

  const stop = (): void => {
    turn++;
    audio?.pause();
    audio = null;
    finish?.();
  };

  async function play(clips: readonly string[], mine: number): Promise<void> {
    manifest ??= fetch(`${baseUrl}manifest.json`)
      .then((r) => (r.ok ? (r.json() as Promise<VoiceManifest>) : null))
      .catch(() => null);
    const files = (await manifest)?.clips;
    if (!files || !clips.every((c) => c in files)) return;
    for (const clip of clips) {
      if (mine !== turn) return;
      const current = new Audio(`${baseUrl}${files[clip]}`);
      audio = current;
      await new Promise<void>((resolve) => {
        finish = resolve;
        current.onended = current.onerror = () => resolve();
        current.play().catch(() => resolve());
      });
    }
  }

  return {
    say(clips) {
      stop();
      void play(clips, turn);
    },
    stop,
  };
}
