/**
 * Test support: a private pcscd in the foreground whose only reader is vsmartcard's vpcd, listening
 * for the virtual card on a port found free on 127.0.0.1 (vpcd takes the port and the next one, for
 * its two slots). The daemon's pid is killed at stop().
 * `pcscdUnavailable()` says why such a daemon cannot run here (missing packages, one already running).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, type Server, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
export const VPCD_READER_NAME = 'Virtual CCCD';

async function socketAnswers(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function pcscdUnavailable(): Promise<string | null> {
  if (spawnSync('pcscd', ['--version']).error !== undefined) return 'pcscd is not installed (Debian package pcscd)';
  if (!existsSync(VPCD_DRIVER)) return 'vpcd is not installed (Debian package vsmartcard-vpcd)';
  try {
    await import('@pokusew/pcsclite');
  } catch {
    return '@pokusew/pcsclite did not build (Debian package libpcsclite-dev)';
  }
  if (await socketAnswers(PCSCD_SOCKET)) return `another pcscd already serves ${PCSCD_SOCKET}`;
  return null;
}

/** A port p on 127.0.0.1 with p + 1 free as well (checked by binding both, then released). */
async function freePortPair(): Promise<number> {
  const bind = (port: number): Promise<Server> =>
    new Promise((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  const release = (s: Server): Promise<void> => new Promise((resolve) => s.close(() => resolve()));
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await bind(0);
    const port = (first.address() as AddressInfo).port;
    const second = await bind(port + 1).catch(() => null);
    await release(first);
    if (second !== null) {
      await release(second);
      return port;
    }
  }
  throw new Error('no two consecutive free ports on 127.0.0.1');
}

export interface RunningPcscd {
  /** Port where vpcd waits for the virtual card. */
  readonly cardPort: number;
  readonly log: () => string;
  stop(): Promise<void>;
}

export async function startPcscd(): Promise<RunningPcscd> {
  const cardPort = await freePortPair();
  const dir = mkdtempSync(join(tmpdir(), 'pcscd-'));
  const conf = join(dir, 'reader.conf');
  writeFileSync(conf, `FRIENDLYNAME "${VPCD_READER_NAME}"\nDEVICENAME /dev/null:${cardPort}\nLIBPATH ${VPCD_DRIVER}\nCHANNELID ${cardPort}\n`);
  mkdirSync('/run/pcscd', { recursive: true });
  const child: ChildProcess = spawn('pcscd', ['--foreground', '--info', '--config', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await socketAnswers(PCSCD_SOCKET))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pcscd did not start: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    cardPort,
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
