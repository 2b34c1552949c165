/**
 * Runs the real `scanimage` (sane-utils) for one paper's captures and hands back decoded pages, or a
 * fault. No shell: the command and its arguments go to spawn as a list. The batch writes into a
 * fresh folder under `tempDir` (the OS temp dir by default), removed before the call returns,
 * whatever happened. Every page is decoded before anything is returned: one corrupt or cut-short
 * image refuses the whole batch (never half a paper). A batch that outlives the timeout is killed
 * (by its pid).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { DocumentScannerProfile } from './document-scanner-profiles.ts';
import { decodePnm, PnmError, type RasterImage } from './pnm-codec.ts';
import { faultOfScanimageExit, type ScanFault } from './sane-status.ts';
import { scanimageBatchArgs, scanimageProbeArgs } from './scanimage-args.ts';

export interface ScanimageOptions {
  /** The scanimage executable; default `scanimage` from PATH. */
  readonly command?: string;
  /** Whole batch; default 120 s (a feeder at 200 dpi does a page in a few seconds). */
  readonly timeoutMs?: number;
  /** Where each batch gets its private folder (removed before the call returns); default the OS temp dir. */
  readonly tempDir?: string;
}

export interface ScanBatchRequest {
  readonly device: string;
  readonly dpi: number;
  readonly profile: DocumentScannerProfile;
  readonly count: number;
}

export type ScanBatchResult = { readonly ok: true; readonly pages: readonly RasterImage[] } | ({ readonly ok: false } & ScanFault);

const STDERR_LIMIT = 16_384;
const SANE_STATUS_NO_DOCS = 7;

interface RunOutcome {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly spawnError: Error | null;
}

function run(command: string, args: readonly string[], timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    let timedOut = false;
    let spawnError: Error | null = null;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 2000).unref();
    }, timeoutMs);
    child.once('error', (error) => {
      spawnError = error;
    });
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr, timedOut, spawnError });
    });
  });
}

function faultOfRun(outcome: RunOutcome, command: string, timeoutMs: number): ScanFault | null {
  if (outcome.spawnError !== null) {
    const missing = (outcome.spawnError as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      fault: 'unavailable',
      detail: missing ? `${command} is not installed (Debian package sane-utils)` : `cannot run ${command}: ${outcome.spawnError.message}`,
    };
  }
  if (outcome.timedOut) return { fault: 'timeout', detail: `the scanner did not finish within ${Math.round(timeoutMs / 1000)} s` };
  if (outcome.status === null) return { fault: 'protocol_error', detail: `scanimage was stopped by ${outcome.signal ?? 'a signal'}` };
  if (outcome.status !== 0) return faultOfScanimageExit(outcome.status, outcome.stderr);
  return null;
}

/** Scans up to `count` captures in one batch; pages in scan order. */
export async function scanBatch(request: ScanBatchRequest, options: ScanimageOptions = {}): Promise<ScanBatchResult> {
  const command = options.command ?? 'scanimage';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dir = await mkdtemp(join(options.tempDir ?? os.tmpdir(), 'sane-scan-'));
  try {
    const args = scanimageBatchArgs({ ...request, filePattern: join(dir, 'page-%04d.pnm') });
    const outcome = await run(command, args, timeoutMs);
    const fault = faultOfRun(outcome, command, timeoutMs);
    const files = (await readdir(dir)).filter((f) => /^page-\d+\.pnm$/.test(f)).sort();
    // A feeder that runs empty after some pages ends the batch with status 7 (no documents): that is
    // the end of the paper, and the caller compares the count. Any other fault refuses the batch.
    const feederEmptied = outcome.status === SANE_STATUS_NO_DOCS && !outcome.timedOut && files.length > 0;
    if (fault !== null && !feederEmptied) return { ok: false, ...fault };
    const pages: RasterImage[] = [];
    for (const [i, file] of files.entries()) {
      try {
        pages.push(decodePnm(await readFile(join(dir, file))));
      } catch (error) {
        if (!(error instanceof PnmError)) throw error;
        return { ok: false, fault: 'protocol_error', detail: `the scanner sent a corrupt image for capture ${i + 1}: ${error.message}; nothing was kept` };
      }
    }
    return { ok: true, pages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether the device answers (`scanimage -d DEVICE -A`); a fault says why not. */
export async function probeScanner(device: string, options: ScanimageOptions = {}): Promise<ScanFault | null> {
  const command = options.command ?? 'scanimage';
  const timeoutMs = Math.min(options.timeoutMs ?? 15_000, 15_000);
  return faultOfRun(await run(command, scanimageProbeArgs(device), timeoutMs), command, timeoutMs);
}
