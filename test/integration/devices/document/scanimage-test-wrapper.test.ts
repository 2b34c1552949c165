/**
 * The tests' scanimage (test/support/bin/scanimage, first on PATH in `npm test`): the real
 * scanimage, restarted once when a run outlives its watchdog, as SANE's test backend sometimes
 * deadlocks. Here the "real" scanimage is a stand-in script (fake-scanimage.ts): its first runs
 * leave a capture and a part-written one and then hang, later runs write their capture and end
 * with a SANE status.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fakeScanimageHangingRuns, type FakeScanimage } from '../../../support/fake-scanimage.ts';

const WRAPPER = resolve('test/support/bin/scanimage');

let work = '';
const fakes: FakeScanimage[] = [];

before(async () => {
  work = await mkdtemp(join(os.tmpdir(), 'scanimage-wrapper-test-'));
});
after(async () => {
  for (const f of fakes) await f.remove();
  await rm(work, { recursive: true, force: true });
});

/** A "real" scanimage whose first `hangs` runs hang (fake-scanimage.ts), and a batch folder of its own. */
async function standIn(name: string, hangs: number): Promise<{ command: string; dir: string; batch: string }> {
  const real = await fakeScanimageHangingRuns(hangs);
  fakes.push(real);
  const batch = join(work, name);
  await mkdir(batch);
  return { command: real.command, dir: real.dir, batch };
}

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly ms: number;
}

function runWrapper(real: string, batch: string, watchdogS = 2, onStart?: (pid: number) => void): Promise<Ended> {
  const started = performance.now();
  const child = spawn(WRAPPER, [`--batch=${join(batch, 'page-%04d.pnm')}`, '--batch-count=3'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, SCANIMAGE_REAL: real, SCANIMAGE_WATCHDOG_S: String(watchdogS) },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  if (child.pid !== undefined) onStart?.(child.pid);
  return new Promise((done) => child.once('close', (code, signal) => done({ code, signal, stderr, ms: performance.now() - started })));
}

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function pidOf(dir: string, run: number): Promise<number> {
  return Number(await readFile(join(dir, `hung-${run}`), 'utf8'));
}

describe("the tests' scanimage wrapper", () => {
  it('stops a run that hangs, removes what it left and starts it once more; the status passes through', async () => {
    const real = await standIn('hangs-once', 1);
    const ended = await runWrapper(real.command, real.batch);
    assert.equal(ended.code, 7);
    assert.ok(ended.ms >= 2000, `ended after ${ended.ms} ms, before the 2 s watchdog`);
    assert.match(ended.stderr, /attempt 1 did not end within 2 s \(SANE's test backend deadlocked\)/);
    assert.match(ended.stderr, /Document feeder out of documents/);
    assert.deepEqual(await readdir(real.batch), ['page-0001.pnm']);
    assert.equal(await readFile(join(real.batch, 'page-0001.pnm'), 'utf8'), 'run 2\n');
    assert.ok(gone(await pidOf(real.dir, 1)), 'the hung run is still alive');
  });

  it('gives up after a second hang with timeout’s status 124 and leaves no captures', async () => {
    const real = await standIn('hangs-twice', 2);
    const ended = await runWrapper(real.command, real.batch);
    assert.equal(ended.code, 124);
    assert.match(ended.stderr, /attempt 2 did not end within 2 s/);
    assert.deepEqual(await readdir(real.batch), []);
    for (const run of [1, 2]) assert.ok(gone(await pidOf(real.dir, run)), `hung run ${run} is still alive`);
  });

  it('passes the driver’s SIGTERM on: no scanimage outlives the wrapper', async () => {
    const real = await standIn('stopped', 1);
    let wrapperPid = 0;
    const ending = runWrapper(real.command, real.batch, 60, (pid) => {
      wrapperPid = pid;
    });
    // Wait until the stand-in hangs, then stop the wrapper as the driver's timeout would.
    for (let i = 0; i < 100; i++) {
      const hung = await readFile(join(real.dir, 'hung-1'), 'utf8').catch(() => '');
      if (hung !== '') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    process.kill(wrapperPid, 'SIGTERM');
    const ended = await ending;
    assert.equal(ended.code, 143);
    assert.equal(await readFile(join(real.dir, 'runs'), 'utf8'), '1\n', 'the signal, not the watchdog, ended the run');
    const hung = await pidOf(real.dir, 1);
    for (let i = 0; i < 250 && !gone(hung); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(gone(hung), 'the stand-in outlived the wrapper');
  });
});
