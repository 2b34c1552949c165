/**
 * The display's announcement queue: one call at a time, in arrival order, so calls never overlap
 * or cut each other. Each call plays the chime, then the voice: the offline clips of the voice pack
 * when they are all available, speech synthesis (vi-VN) otherwise. A recall is announced again.
 * The player is injected so the queue's order and fallback are unit-tested without audio.
 */
import { announcementClips, announcementSpeech } from './voice-phrases.ts';

export interface Announcement {
  readonly number: string;
  readonly counterNumber: number;
}

export interface AnnouncementPlayer {
  chime(): Promise<void>;
  /** Plays the clips in order; resolves false when the pack lacks one or playback failed. */
  clips(keys: readonly string[]): Promise<boolean>;
  speak(text: string): Promise<void>;
}

export class Announcer {
  readonly #player: AnnouncementPlayer;
  readonly #queue: Announcement[] = [];
  #busy = false;
  #idle: Array<() => void> = [];
  /** Called when an announcement starts (caption on screen) and with null when the queue is empty. */
  onSpeaking: ((current: Announcement | null) => void) | null = null;

  constructor(player: AnnouncementPlayer) {
    this.#player = player;
  }

  get pending(): number {
    return this.#queue.length + (this.#busy ? 1 : 0);
  }

  announce(call: Announcement): void {
    this.#queue.push(call);
    if (!this.#busy) void this.#drain();
  }

  /** Resolves once every queued announcement has been played. */
  whenIdle(): Promise<void> {
    return this.#busy ? new Promise((resolve) => this.#idle.push(resolve)) : Promise.resolve();
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        this.onSpeaking?.(next);
        try {
          await this.#player.chime();
          const played = await this.#player.clips(announcementClips(next.number, next.counterNumber));
          if (!played) await this.#player.speak(announcementSpeech(next.number, next.counterNumber));
        } catch {
          // a failed announcement must not block the ones after it
        }
      }
    } finally {
      this.#busy = false;
      this.onSpeaking?.(null);
      const waiting = this.#idle;
      this.#idle = [];
      for (const resolve of waiting) resolve();
    }
  }
}
