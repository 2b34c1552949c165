/** A manual clock and scheduler for device tests: time moves only when the test advances it. */
export class FakeClock {
  #now: number;
  #tasks: { at: number; run: () => void; id: number }[] = [];
  #nextId = 0;

  constructor(start = Date.UTC(2026, 10, 23, 2, 0)) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly schedule = (ms: number, run: () => void): (() => void) => {
    const id = this.#nextId++;
    this.#tasks.push({ at: this.#now + ms, run, id });
    return () => {
      this.#tasks = this.#tasks.filter((t) => t.id !== id);
    };
  };

  get pending(): number {
    return this.#tasks.length;
  }

  /** Moves time forward, running due tasks in order, and lets their promises settle. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      this.#tasks.sort((a, b) => a.at - b.at);
      const next = this.#tasks[0];
      if (next === undefined || next.at > until) break;
      this.#tasks.shift();
      this.#now = next.at;
      next.run();
      await settle();
    }
    this.#now = until;
    await settle();
  }
}

/** Lets queued microtasks and immediate I/O callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
