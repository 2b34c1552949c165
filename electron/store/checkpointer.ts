/**
 * Moves WAL checkpoints off the request path: starts the checkpoint worker and turns off the
 * connection's automatic checkpoint (which would otherwise run inside every ~100th commit).
 * If the worker fails, automatic checkpoints come back so the WAL never grows without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { HallDatabase } from './open-database.ts';

/**
 * The worker's whole program (CommonJS, evaluated by the worker): its own connection checkpoints
 * the WAL every `intervalMs` with PASSIVE checkpoints, which never block the main thread's writer;
 * the message 'stop' runs a last checkpoint and closes it. Inline rather than a module file so the
 * same code runs from the TypeScript sources and from the build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = FULL');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); }
  catch (error) { parentPort.postMessage({ type: 'error', message: String(error && error.message || error) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export function startCheckpointer(db: HallDatabase, path: string, onError: (message: string) => void, intervalMs = 500): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver } });
  let stopped = false;
  const fallBack = (message: string) => {
    if (stopped) return;
    db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    onError(message);
  };
  worker.on('message', (m: { type: string; message: string }) => {
    if (m.type === 'error') onError(`checkpoint failed: ${m.message}`);
  });
  worker.on('error', (error) => fallBack(`checkpoint worker crashed (${error.message}); automatic checkpoints restored`));
  worker.on('exit', (code) => {
    if (code !== 0) fallBack(`checkpoint worker exited with ${code}; automatic checkpoints restored`);
  });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  return {
    stop() {
      stopped = true;
      db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      return new Promise((resolve) => {
        worker.ref(); // keep the process alive until the worker's last checkpoint is done
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
    },
  };
}
