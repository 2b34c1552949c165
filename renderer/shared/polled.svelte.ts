/**
 * A server read kept current on a timer: the dashboard cards' and the counter's help list's one
 * skeleton. `current` is the last RemoteLoad; a read that fails for lack of a connection keeps the
 * last value (the connection status says the hall is unreachable), while "unavailable" (404: an
 * older hall server) replaces it. Overlapping refreshes collapse into one follow-up read.
 */
import type { Language } from './i18n.ts';
import { every, remoteLoad, type RemoteLoad } from './remote-load.ts';

export class Polled<T> {
  current = $state.raw<RemoteLoad<T>>({ kind: 'loading' });
  readonly #load: () => Promise<T>;
  readonly #lang: () => Language;
  #running = false;
  #again = false;
  /** Bumped by forget(): a read started before it does not bring back what was forgotten. */
  #generation = 0;

  constructor(load: () => Promise<T>, lang: () => Language) {
    this.#load = load;
    this.#lang = lang;
  }

  /** The value of the last successful read, or null. */
  get value(): T | null {
    return this.current.kind === 'ok' ? this.current.value : null;
  }

  async refresh(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      do {
        this.#again = false;
        const generation = this.#generation;
        const next = await remoteLoad(this.#load, this.#lang());
        if (generation !== this.#generation) continue;
        if (next.kind !== 'failed' || this.current.kind !== 'ok') this.current = next;
      } while (this.#again);
    } finally {
      this.#running = false;
    }
  }

  /** Drops the last value: until the next read answers, nothing stale is shown. */
  forget(): void {
    this.#generation++;
    this.current = { kind: 'loading' };
  }

  /** Reads now and every `ms`; returns the stop function (an onMount can return it as is). */
  poll(ms: number): () => void {
    return every(ms, () => void this.refresh());
  }
}
