/** `npm run device-host` as a process: prints its URL, serves the role with simulated devices, stops on SIGTERM. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { connectDeviceHost } from '../../support/device-host-client.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('npm run device-host', () => {
  it('serves a counter from a config file with sim: devices and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'device-host-cli-'));
    const config = join(dir, 'counter.json');
    writeFileSync(
      config,
      JSON.stringify({
        role: 'counter',
        counterId: 'quay-3',
        deviceToken: 'dvt_abcdefghijklmnop0123',
        devices: [{ id: 'keypad', kind: 'keypad', uri: 'sim:keypad' }],
      }),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'device-host.ts'), '--config', config], {
      cwd: ROOT,
      env: { ...process.env, HALL_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /(ws:\/\/127\.0\.0\.1:\d+\/devices)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolveUrl(match[1]!);
          }
        });
      });
      const client = await connectDeviceHost(url);
      assert.equal((await client.hello('counter')).type, 'welcome');
      assert.deepEqual(await client.call('terminalInfo'), {
        type: 'result',
        id: 1,
        value: { role: 'counter', counterId: 'quay-3', deviceToken: 'dvt_abcdefghijklmnop0123' },
      });
      assert.deepEqual(await client.call('openRatingWindow', 20), { type: 'result', id: 2, value: { ok: true, value: null } });
      await client.close();
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
      assert.equal(await exited, 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad device list, naming the field', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'device-host-cli-'));
    try {
      const devices = join(dir, 'devices.json');
      writeFileSync(devices, JSON.stringify([{ id: 'printer', kind: 'printer', uri: 'tcp://printer' }]));
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'device-host.ts'), '--role', 'kiosk', '--devices', devices], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      assert.equal(code, 1);
      assert.match(stderr, /devices\[0\]\.uri: invalid device URI 'tcp:\/\/printer'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('refuses a --hall that is not the hall server origin, before opening any device', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'scripts', 'device-host.ts'),
        '--role',
        'counter',
        '--counter',
        'quay-1',
        '--hall',
        'ftp://hall.local/api',
        '--rating-token',
        'rating-token-0123456789',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
    assert.equal(code, 1);
    assert.match(stderr, /--hall must be the hall server's origin, e\.g\. https:\/\/192\.168\.1\.10:8080, got 'ftp:\/\/hall\.local\/api'/);
  });
});
