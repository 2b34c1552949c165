/**
 * The worker side of pdf-checker.ts: hashes and checks one upload per message, off the request
 * thread. Message in: { id, bytes, limits }; out: { id, sha256, check }.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { checkPdf, type PdfLimits } from './pdf-check.ts';

export interface PdfCheckRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly limits: PdfLimits;
}

const port = parentPort;
if (port === null) throw new Error('pdf-check-worker.ts runs only as a worker thread');
port.on('message', (m: PdfCheckRequest) => {
  const sha256 = createHash('sha256').update(m.bytes).digest('hex');
  port.postMessage({ id: m.id, sha256, check: checkPdf(m.bytes, m.limits) });
});
