/**
 * A size-rotated log file: `terminal.log` is written until the next line would pass `maxBytes`,
 * then renamed `terminal.log.1` (older ones shift to .2 … .keep, the oldest is deleted) and a new
 * file starts. Synchronous appends: a terminal logs a few lines a minute and must not lose the
 * last line before a crash. A single line larger than maxBytes still goes into a file of its own.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingFileOptions {
  readonly dir: string;
  readonly name: string;
  readonly maxBytes: number;
  /** Rotated files kept besides the current one. */
  readonly keep: number;
}

export class RotatingFile {
  readonly #options: RotatingFileOptions;
  readonly #path: string;
  #size: number;

  constructor(options: RotatingFileOptions) {
    if (options.maxBytes <= 0 || options.keep < 1) throw new RangeError('maxBytes must be positive and keep at least 1');
    this.#options = options;
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.#path = join(options.dir, options.name);
    this.#size = existsSync(this.#path) ? statSync(this.#path).size : 0;
  }

  get path(): string {
    return this.#path;
  }

  /** Appends one chunk (a whole log line), rotating first when it would overflow the file. */
  write(chunk: string): void {
    const bytes = Buffer.byteLength(chunk);
    if (this.#size > 0 && this.#size + bytes > this.#options.maxBytes) this.#rotate();
    appendFileSync(this.#path, chunk, { mode: 0o600 });
    this.#size += bytes;
  }

  #rotate(): void {
    const { keep } = this.#options;
    rmSync(`${this.#path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) {
      if (existsSync(`${this.#path}.${i}`)) renameSync(`${this.#path}.${i}`, `${this.#path}.${i + 1}`);
    }
    renameSync(this.#path, `${this.#path}.1`);
    this.#size = 0;
  }
}
