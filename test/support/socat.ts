/**
 * A pair of linked pseudo-terminals made by socat (Debian `socat`): what one end writes, the other
 * reads, through the kernel's tty layer, so both ends open with the real SerialPort. Started by the
 * test and stopped by its pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Device end (the simulator opens it). */
  readonly devicePath: string;
  /** Host end (the driver's serial: URI). */
  readonly hostPath: string;
  close(): Promise<void>;
}

export async function startPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(os.tmpdir(), 'pty-'));
  const devicePath = join(dir, 'device');
  const hostPath = join(dir, 'host');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${hostPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`socat did not start: ${stderr}`)), 5000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run socat (Debian package socat): ${error.message}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    devicePath,
    hostPath,
    close: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
