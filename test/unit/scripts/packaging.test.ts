import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync('scripts/packaging/electron-builder.config.json', 'utf8')) as Record<string, any>;

describe('electron-builder configuration', () => {
  it('flips the fuses the security checklist asks for', () => {
    assert.deepEqual(config.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    assert.equal(config.asar, true);
  });

  it('builds AppImage and deb for Linux and NSIS for Windows, rebuilding native modules for Electron', () => {
    assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
    assert.deepEqual(config.win.target, ['nsis']);
    assert.equal(config.npmRebuild, true);
    assert.ok(config.deb.depends.includes('pcscd'));
  });

  it('starts the compiled main process and ships the bundled preloads, never the hall server or its database', () => {
    assert.equal(config.extraMetadata.main, 'dist/electron/main/main.js');
    const files: string[] = config.files;
    assert.ok(files.includes('dist/electron/preload/*.cjs'));
    for (const excluded of ['!dist/electron/server/**', '!dist/electron/store/**', '!node_modules/better-sqlite3/**'])
      assert.ok(files.includes(excluded), excluded);
    assert.ok(existsSync('electron/main/main.ts'));
    for (const role of ['kiosk', 'counter', 'display']) assert.ok(existsSync(`electron/preload/${role}.ts`), role);
  });

  it('the systemd units restart forever but not on a broken config', () => {
    const unit = readFileSync('scripts/packaging/linux/hall-terminal.service', 'utf8');
    assert.match(unit, /^Restart=always$/m);
    assert.match(unit, /^RestartPreventExitStatus=78$/m);
    assert.match(unit, /^StartLimitIntervalSec=0$/m);
    assert.match(unit, /--terminal-config %h\/\.config\/hall-terminal\/terminal\.json/);
    const server = readFileSync('scripts/packaging/linux/hall-server.service', 'utf8');
    assert.match(server, /^ExecStart=.*npm run hall -- --db \/var\/lib\/one-stop-hall\/hall\.db/m);
    // Hardening finding 10: whatever the server creates is the hall user's only.
    assert.match(server, /^UMask=0077$/m);
  });
});
