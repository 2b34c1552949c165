/**
 * helper-threads.ts: in a child process (so the test runner's own threads are left alone), every
 * thread but the main one ends at the lowest priority, and a second sweep finds nothing to do.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HELPER_NICE, lowerHelperThreads } from '../../../../electron/server/helper-threads.ts';
import { tempDir } from '../../../support/hall-server.ts';

const MODULE_URL = pathToFileURL(resolve('electron/server/helper-threads.ts')).href;

/** Starts a worker thread (a helper that surely exists), sweeps twice, reports every thread's nice value. */
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lowerHelperThreads } from ${JSON.stringify(MODULE_URL)};
const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
await new Promise((r) => worker.once('online', r));
const first = lowerHelperThreads();
const second = lowerHelperThreads();
const nice = (tid) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]);
const threads = readdirSync('/proc/self/task').map((tid) => ({ tid: Number(tid), nice: nice(tid) }));
process.stdout.write(JSON.stringify({ pid: process.pid, first, second, threads }));
await worker.terminate();
`;

function runChild(dir: string): Promise<{ pid: number; first: number; second: number; threads: { tid: number; nice: number }[] }> {
  const script = join(dir, 'sweep.mts');
  writeFileSync(script, CHILD);
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolvePromise(JSON.parse(stdout));
    });
  });
}

describe('helper threads', () => {
  test('every thread but the main one gets the lowest priority; the main thread keeps its own', {
    skip: process.platform !== 'linux' && 'needs /proc/self/task',
  }, async () => {
    const tmp = tempDir('helper-threads-');
    try {
      const report = await runChild(tmp.dir);
      const main = report.threads.find((t) => t.tid === report.pid);
      assert.equal(main?.nice, 0, 'the request thread keeps the normal priority');
      const helpers = report.threads.filter((t) => t.tid !== report.pid);
      assert.ok(helpers.length >= 2, `a worker and V8's helpers exist (found ${helpers.length})`);
      for (const t of helpers) assert.equal(t.nice, HELPER_NICE, `thread ${t.tid}`);
      assert.ok(report.first >= helpers.length - 1, `the first sweep lowered the helpers (${report.first} of ${helpers.length})`);
      assert.equal(report.second, 0, 'a second sweep has nothing left to change');
    } finally {
      tmp.cleanup();
    }
  });

  test('a missing task directory (not Linux) and names that are not thread ids change nothing', () => {
    const tmp = tempDir('helper-threads-');
    try {
      assert.equal(lowerHelperThreads(join(tmp.dir, 'missing')), 0);
      const tasks = join(tmp.dir, 'task');
      mkdirSync(join(tasks, 'not-a-thread'), { recursive: true });
      mkdirSync(join(tasks, String(process.pid)));
      assert.equal(lowerHelperThreads(tasks, process.pid), 0);
    } finally {
      tmp.cleanup();
    }
  });
});
