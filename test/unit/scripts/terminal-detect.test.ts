import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { detectTerminalMode } from '../../../scripts/terminal-detect.ts';

const dir = join('node_modules', 'electron');
const files = (present: string[]) => (path: string) => present.includes(path);
const withDisplay = { DISPLAY: ':0' };

describe('terminal mode detection', () => {
  it('browser mode when the binary was never downloaded (this machine, CI)', () => {
    const mode = detectTerminalMode({ electronDir: dir, platform: 'linux', env: withDisplay, fileExists: files([dir]) });
    assert.deepEqual(mode, { mode: 'browser', reason: 'the Electron binary was never downloaded on this machine (no electron/path.txt)' });
  });

  it('the real node_modules here has no Electron binary, so browser mode', () => {
    const mode = detectTerminalMode({ electronDir: dir, platform: process.platform, env: process.env });
    assert.equal(mode.mode, 'browser');
  });

  it('electron mode when the binary exists, is executable and a display exists', () => {
    const binary = join(dir, 'dist', 'electron');
    const input = {
      electronDir: dir,
      platform: 'linux',
      env: withDisplay,
      fileExists: files([dir, join(dir, 'path.txt'), binary]),
      readText: () => 'electron\n',
      isExecutable: () => true,
    };
    assert.deepEqual(detectTerminalMode(input), { mode: 'electron', binary });
    assert.deepEqual(detectTerminalMode({ ...input, env: {} }), { mode: 'browser', reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset)' });
    assert.deepEqual(detectTerminalMode({ ...input, env: { WAYLAND_DISPLAY: 'wayland-0' } }), { mode: 'electron', binary });
    assert.equal(detectTerminalMode({ ...input, isExecutable: () => false }).mode, 'browser');
    assert.equal(detectTerminalMode({ ...input, platform: 'win32', env: {} }).mode, 'electron');
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH and reports a missing binary', () => {
    const input = {
      electronDir: dir,
      platform: 'linux',
      env: { ...withDisplay, ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' },
      readText: () => 'electron',
      isExecutable: () => true,
    };
    assert.deepEqual(detectTerminalMode({ ...input, fileExists: files([dir, join(dir, 'path.txt'), join('/opt/electron', 'electron')]) }), {
      mode: 'electron',
      binary: join('/opt/electron', 'electron'),
    });
    assert.deepEqual(detectTerminalMode({ ...input, fileExists: files([dir, join(dir, 'path.txt')]) }), {
      mode: 'browser',
      reason: 'the Electron binary electron is missing',
    });
  });

  it('browser mode without the electron package', () => {
    assert.equal(detectTerminalMode({ electronDir: dir, platform: 'linux', env: withDisplay, fileExists: () => false }).mode, 'browser');
  });
});
