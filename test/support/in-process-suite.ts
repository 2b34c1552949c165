/**
 * Runs many test files in one process: `node --import tsx --test test/support/in-process-suite.ts`
 * with IN_PROCESS_TEST_FILES set to their paths (newline-separated, relative to the repository).
 *
 * Why: node's test runner starts a process per file, and each start of the TypeScript loader and
 * of the hall's modules costs one to two seconds of CPU; most files spend far more time starting
 * than testing. Imported here one after the other, their tests register with this file's root test
 * and run in order, with names and locations as before. scripts/test.sh sends the unit files here,
 * and the integration files in a few groups (each a process of this suite) that run side by side;
 * the browser files keep a process each.
 *
 * Contract for the files: no state left behind in the process (timers mocked and restored, servers
 * and child processes stopped, hooks registered idempotently; a file's top-level hooks see the
 * other files' tests too, so they must be harmless there), and the process is not ended by them.
 * A file that cannot keep this says `@own-process` in a comment, and scripts/test.sh runs it alone.
 */
import { resolve } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';

const files = (process.env.IN_PROCESS_TEST_FILES ?? '').split('\n').filter((file) => file.trim() !== '');
if (files.length === 0) throw new Error('IN_PROCESS_TEST_FILES names no test file');
// No test starts before every file is imported: loading a file blocks the event loop, and a test
// running meanwhile (a server answering a child process in time) would wait for it.
let imported = (): void => undefined;
const allImported = new Promise<void>((done) => {
  imported = done;
});
before(() => allImported);
// A file that ended the process early would take the later files' tests with it, unreported:
// that fails the run instead of passing quietly.
let finished = false;
after(() => {
  finished = true;
});
process.on('exit', () => {
  if (finished) return;
  process.stderr.write('in-process suite: the process ended before all its tests had run\n');
  process.exitCode = 1;
});
for (const file of files) await import(pathToFileURL(resolve(file)).href);
imported();
