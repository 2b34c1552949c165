/**
 * Runs many test files in one process: `node --import tsx --test test/support/in-process-suite.ts`
 * with IN_PROCESS_TEST_FILES set to their paths (newline-separated, relative to the repository).
 *
 * Why: node's test runner starts a process per file, and each start of the TypeScript loader costs
 * about a second of CPU; the unit files (pure code, fake clocks, no servers) spend far more time
 * starting than testing. Imported here one after the other, their tests register with this file's
 * root test and run in order, with names and locations as before. scripts/test.sh sends the unit
 * files here and keeps a process per file for the integration and browser tests, which start
 * servers, catch signals or wait on real time.
 *
 * Contract for the files: no state left behind in the process (timers mocked and restored, hooks
 * registered idempotently), as the unit files already keep.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const files = (process.env.IN_PROCESS_TEST_FILES ?? '').split('\n').filter((file) => file.trim() !== '');
if (files.length === 0) throw new Error('IN_PROCESS_TEST_FILES names no test file');
for (const file of files) await import(pathToFileURL(resolve(file)).href);
