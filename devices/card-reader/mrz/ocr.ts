/**
 * OCR of the MRZ on the back of a CCCD with tesseract.js, offline: the English model comes from the
 * installed @tesseract.js-data/eng package (langPath, cacheMethod 'none'; without langPath the worker
 * fetches from a CDN and crashes the process when it cannot). The three MRZ lines are the last
 * three lines of 28–32 MRZ characters; OCR confusions are repaired by repair.ts.
 * The result is unauthenticated: only the chip with passive authentication is trustworthy.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker } from 'tesseract.js';
import { CardParseError } from '../errors.ts';
import { type RepairedMrz, normaliseMrzLine, repairCccdMrz } from './repair.ts';

export interface MrzOcrResult extends RepairedMrz {
  /** Tesseract's mean confidence over the page, 0–100. */
  readonly confidence: number;
}

function englishModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** Candidate MRZ lines: long runs of MRZ characters, with '<' fillers. */
export function findMrzLines(text: string): [string, string, string] {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l.length >= 26 && l.length <= 34 && /^[A-Z0-9<«‹]+$/i.test(l));
  if (lines.length < 3) throw new CardParseError('MRZ', `found ${lines.length} MRZ-like lines in the image, need 3`);
  const last = lines.slice(-3).map(normaliseMrzLine);
  return [last[0]!, last[1]!, last[2]!];
}

/** Reads an image (path or bytes: PNG, JPEG) of the card back. */
export async function ocrMrz(image: string | Uint8Array): Promise<MrzOcrResult> {
  const worker = await createWorker('eng', 1, { langPath: englishModelDir(), cacheMethod: 'none', gzip: true });
  try {
    await worker.setParameters({ tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<' });
    const { data } = await worker.recognize(typeof image === 'string' ? image : Buffer.from(image));
    return { ...repairCccdMrz(findMrzLines(data.text)), confidence: data.confidence };
  } finally {
    await worker.terminate();
  }
}
