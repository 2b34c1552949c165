/**
 * The signal of a call on the citizen's phone: a vibration (navigator.vibrate, where the phone
 * has it) and a short two-tone chime made with Web Audio (no sound file to download). Browsers
 * only let a page sound after the person touched it: `unlock()` runs on the page's first touch
 * (and on its "alert sound" button) to allow the chime later.
 */
export class CallSignal {
  #audio: AudioContext | null = null;

  /** Prepares the sound; call from a user gesture. Returns whether sound is possible. */
  unlock(): boolean {
    try {
      this.#audio ??= new AudioContext();
      void this.#audio.resume();
      return true;
    } catch {
      return false;
    }
  }

  get soundReady(): boolean {
    return this.#audio !== null && this.#audio.state === 'running';
  }

  /** Vibrates and chimes; silently does what the phone allows. */
  signal(): void {
    if (typeof navigator.vibrate === 'function') navigator.vibrate([400, 150, 400]);
    const audio = this.#audio;
    if (!audio || audio.state !== 'running') return;
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.35, 660],
    ] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.4, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.32);
    }
  }
}
