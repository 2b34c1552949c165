/**
 * `hall import-tickets FILE.csv [--skip-invalid]`: streams the CSV (it may hold a year of a busy
 * hall, a million lines), checks the exact header, validates every row (core/ticket-import.ts)
 * and writes them in one transaction (store/history-import.ts). The file is read in chunks, so
 * memory stays flat; its SHA-256 is computed on the way and recorded in the event log.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { HallConfig } from '../common/hall-config.ts';
import { checkHeader, importCatalogue, splitCsvLine, validateRow } from '../core/ticket-import.ts';
import { importHistory, type ImportItem, type ImportSummary } from '../store/history-import.ts';
import type { HallDatabase } from '../store/open-database.ts';
import { uuidv7 } from './ids.ts';

const CHUNK_BYTES = 1 << 20;

/** The lines of a UTF-8 file, numbered from 1, without line ends or a leading BOM; hashes as it reads. */
export function* fileLines(path: string, hash: { update(data: Uint8Array): unknown }): Generator<{ line: number; text: string }> {
  const fd = openSync(path, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let rest = '';
  let line = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n > 0) hash.update(buffer.subarray(0, n));
      const text = rest + (n > 0 ? decoder.decode(buffer.subarray(0, n), { stream: true }) : decoder.decode());
      const parts = text.split('\n');
      rest = n > 0 ? (parts.pop() ?? '') : '';
      for (const part of parts) {
        line += 1;
        let t = part.endsWith('\r') ? part.slice(0, -1) : part;
        if (line === 1 && t.startsWith('\uFEFF')) t = t.slice(1);
        yield { line, text: t };
      }
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

export class ImportFileError extends Error {}

export function importTicketsFile(db: HallDatabase, config: HallConfig, path: string, options: { skipInvalid: boolean; now: number }): ImportSummary {
  const hash = createHash('sha256');
  const lines = fileLines(path, hash);
  const head = lines.next();
  if (head.done) throw new ImportFileError(`${path} is empty; the first line must be the header`);
  const headerProblem = checkHeader(splitCsvLine(head.value.text));
  if (headerProblem) throw new ImportFileError(`line 1: ${headerProblem}`);
  const catalogue = importCatalogue(config);
  function* items(): Generator<ImportItem> {
    for (const { line, text } of lines) {
      if (text.trim() === '') continue;
      const result = validateRow(splitCsvLine(text), catalogue);
      yield result.ok ? { line, id: uuidv7(result.ticket.issuedAt), ticket: result.ticket } : { line, error: result.message };
    }
  }
  return importHistory(db, items(), {
    importId: `imp-${randomUUID().slice(0, 8)}`,
    fileSha256: () => hash.digest('hex'),
    skipInvalid: options.skipInvalid,
    at: options.now,
    rollupTargets: config.targets,
  });
}
