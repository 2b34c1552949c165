/**
 * Vietnamese (+ English) OCR of scanned pages with tesseract.js, offline. The trained data comes
 * from the installed @tesseract.js-data/vie and /eng packages; tesseract.js wants one folder for
 * all languages (langPath), so both files are linked into a private folder under the OS temp dir
 * that lives as long as the worker. `cacheMethod: 'none'`: nothing is written elsewhere; without a
 * langPath the worker would fetch from a CDN and crash the process when it cannot.
 * One worker per engine, started on the first page, terminated by close().
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';
import { encodePnm, type RasterImage } from './pnm-codec.ts';
import { toGrey } from './raster-ops.ts';

/** A recognised word; the box is in pixels of the page image (origin top left). */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface OcrPage {
  readonly words: readonly OcrWord[];
  /** Tesseract's mean confidence over the page, 0–100 (0 when it found nothing). */
  readonly confidence: number;
}

const LANGUAGES = ['vie', 'eng'] as const;

function trainedData(language: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), '4.0.0_best_int', `${language}.traineddata.gz`);
}

export class OcrEngine {
  #started: Promise<{ worker: Worker; langDir: string }> | null = null;

  async #start(): Promise<{ worker: Worker; langDir: string }> {
    const langDir = await mkdtemp(join(os.tmpdir(), 'ocr-lang-'));
    try {
      for (const language of LANGUAGES) await symlink(trainedData(language), join(langDir, `${language}.traineddata.gz`));
      const worker = await createWorker([...LANGUAGES], 1, { langPath: langDir, cacheMethod: 'none', gzip: true });
      return { worker, langDir };
    } catch (error) {
      await rm(langDir, { recursive: true, force: true });
      throw error;
    }
  }

  #worker(): Promise<{ worker: Worker; langDir: string }> {
    this.#started ??= this.#start().catch((error: unknown) => {
      this.#started = null;
      throw error;
    });
    return this.#started;
  }

  /** Recognises one page scanned at `dpi`. */
  async recognize(image: RasterImage, dpi: number): Promise<OcrPage> {
    const { worker } = await this.#worker();
    await worker.setParameters({ user_defined_dpi: String(dpi) });
    const { data } = await worker.recognize(Buffer.from(encodePnm(toGrey(image))), {}, { text: false, blocks: true });
    const words: OcrWord[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          for (const word of line.words) {
            const text = word.text.normalize('NFC').trim();
            if (text !== '') words.push({ text, confidence: word.confidence, ...word.bbox });
          }
        }
      }
    }
    return { words, confidence: words.length === 0 ? 0 : data.confidence };
  }

  /** Terminates the worker (if it was started) and removes its language folder. */
  async close(): Promise<void> {
    const started = this.#started;
    this.#started = null;
    if (started === null) return;
    const { worker, langDir } = await started.catch(() => ({ worker: null, langDir: null }));
    await worker?.terminate();
    if (langDir !== null) await rm(langDir, { recursive: true, force: true });
  }
}
