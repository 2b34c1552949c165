/**
 * Runs the PDF check (pdf-check.ts) and the upload's SHA-256 on worker threads, so a large or
 * hostile upload never holds the request thread: other terminals are served while it is checked.
 *
 * - A check that has not answered within `deadlineMs` is refused as `check_timeout`; its worker is
 *   terminated (a stuck parse cannot finish later and hold memory) and a fresh one started on demand.
 * - A worker is capped at `workerHeapMb` of V8 heap; one that dies (out of memory, crash) refuses
 *   the check it was running as `too_complex` instead of failing the request with an internal error.
 * - At most `maxWorkers` checks run at once; the others wait their turn (the deadline counts from
 *   the start of the check, not from the wait).
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_PDF_LIMITS, type PdfCheck, type PdfLimits } from './pdf-check.ts';

export interface PdfCheckerOptions {
  readonly limits?: PdfLimits;
  /** Longest a check may take, from its start on a worker. */
  readonly deadlineMs?: number;
  /** Checks running at once (each on its own worker thread). */
  readonly maxWorkers?: number;
  /** V8 heap limit of each worker, MiB. */
  readonly workerHeapMb?: number;
}

export const DEFAULT_PDF_CHECKER = { deadlineMs: 5_000, maxWorkers: 2, workerHeapMb: 64 } as const;

export interface PdfCheckOutcome {
  readonly sha256: string;
  readonly check: PdfCheck;
}

interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly resolve: (outcome: PdfCheckOutcome) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** Source runs (tsx) load the worker's TypeScript through tsx's API; a build loads its .js. */
function startWorker(heapMb: number): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 };
  if (here.endsWith('.js')) return new Worker(new URL('./pdf-check-worker.js', here), { resourceLimits });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pdf-check-worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

export class PdfChecker {
  readonly #limits: PdfLimits;
  readonly #deadlineMs: number;
  readonly #maxWorkers: number;
  readonly #heapMb: number;
  readonly #slots = new Set<Slot>();
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: PdfCheckerOptions = {}) {
    this.#limits = options.limits ?? DEFAULT_PDF_LIMITS;
    this.#deadlineMs = options.deadlineMs ?? DEFAULT_PDF_CHECKER.deadlineMs;
    this.#maxWorkers = options.maxWorkers ?? DEFAULT_PDF_CHECKER.maxWorkers;
    this.#heapMb = options.workerHeapMb ?? DEFAULT_PDF_CHECKER.workerHeapMb;
  }

  /** Hashes and checks the bytes (copied to the worker; the caller keeps its buffer). */
  check(bytes: Uint8Array): Promise<PdfCheckOutcome> {
    if (this.#closed) return Promise.reject(new Error('the PDF checker is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, bytes, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const slots = [...this.#slots];
    this.#slots.clear();
    await Promise.all(
      slots.map(async (s) => {
        if (s.timer) clearTimeout(s.timer);
        s.job?.resolve({ sha256: '', check: { ok: false, problem: 'check_timeout', detail: 'the server is stopping' } });
        await s.worker.terminate();
      }),
    );
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = [...this.#slots].find((s) => s.job === null);
      if (!slot) {
        if (this.#slots.size >= this.#maxWorkers) return;
        slot = this.#newSlot();
      }
      const job = this.#queue.shift() as Job;
      this.#run(slot, job);
    }
  }

  #newSlot(): Slot {
    const slot: Slot = { worker: startWorker(this.#heapMb), job: null, timer: null };
    slot.worker.unref();
    slot.worker.on('message', (m: { id: number; sha256: string; check: PdfCheck }) => {
      if (slot.job?.id !== m.id) return;
      this.#finish(slot, { sha256: m.sha256, check: m.check });
    });
    const lost = (error: Error & { code?: string }): void => {
      if (!this.#slots.delete(slot)) return;
      if (slot.timer) clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = null;
      // Out of its heap: the upload made the parse too big. Anything else is the server's fault.
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        job?.resolve({ sha256: '', check: { ok: false, problem: 'too_complex', detail: 'the check ran out of its memory limit' } });
      } else {
        job?.reject(new Error(`the PDF check worker failed: ${error.message}`));
      }
      this.#dispatch();
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`worker exited with code ${code}`)));
    this.#slots.add(slot);
    return slot;
  }

  #run(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => {
      // The parse is stuck or too slow: refuse, and kill the worker so it cannot finish later.
      this.#slots.delete(slot);
      slot.job = null;
      job.resolve({ sha256: '', check: { ok: false, problem: 'check_timeout', detail: `the check took longer than ${this.#deadlineMs} ms` } });
      void slot.worker.terminate();
      this.#dispatch();
    }, this.#deadlineMs);
    slot.worker.postMessage({ id: job.id, bytes: job.bytes, limits: this.#limits });
  }

  #finish(slot: Slot, outcome: PdfCheckOutcome): void {
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    slot.timer = null;
    job?.resolve(outcome);
    this.#dispatch();
  }
}
