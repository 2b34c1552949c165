/**
 * Composition root of the terminal's Electron main process: the only module that imports
 * `electron` (never loaded by unit tests). Reads the terminal config named by
 * `--terminal-config <file>` (or HALL_TERMINAL_CONFIG, or terminal.json in the app's data
 * folder), refuses to start on a bad one with every problem listed, then starts the terminal.
 *
 * Layout when packaged: this file compiled to dist/electron/main/main.js, the bundled sandboxed
 * preloads at dist/electron/preload/<role>.cjs (scripts/packaging/bundle-preloads.ts).
 */
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, powerSaveBlocker, safeStorage, screen, session } from 'electron';
import { isAbsolute, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTerminalConfig, type TerminalConfig } from '../../kiosk-config/terminal-config.ts';
import { RotatingFile } from './rotating-file.ts';
import { createTerminalLogger } from './terminal-logger.ts';
import { startTerminal } from './terminal-app.ts';
import { terminalDeviceOptions } from './card-trust-store.ts';
import { managedDevices, type ManagedDevicesOptions } from './managed-devices.ts';
import { hallConnection } from '../../devices/terminal/hall-connection.ts';

/** EX_CONFIG (sysexits.h): the service manager does not restart a terminal with a broken config. */
const EXIT_BAD_CONFIG = 78;

function argValue(argv: readonly string[], name: string): string | null {
  const index = argv.indexOf(name);
  return index >= 0 ? (argv[index + 1] ?? null) : null;
}

const configPath = argValue(process.argv, '--terminal-config') ?? process.env.HALL_TERMINAL_CONFIG ?? join(app.getPath('userData'), 'terminal.json');

/** The config and what it adds to the devices (the CSCA trust store), or null when either is bad. */
function readConfig(): { config: TerminalConfig; deviceOptions: ManagedDevicesOptions } | null {
  try {
    const config = loadTerminalConfig(configPath);
    return { config, deviceOptions: terminalDeviceOptions(config, configPath) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    // Shown on screen too: the installer on site reads it there, not in the journal.
    void app.whenReady().then(() => {
      dialog.showErrorBox('Cấu hình máy trạm không hợp lệ / Invalid terminal configuration', message);
      app.exit(EXIT_BAD_CONFIG);
    });
    return null;
  }
}

async function main(config: TerminalConfig, deviceOptions: ManagedDevicesOptions): Promise<void> {
  const logDir = isAbsolute(config.logDir) ? config.logDir : join(app.getPath('userData'), config.logDir);
  const log = createTerminalLogger(
    new RotatingFile({ dir: logDir, name: 'terminal.log', maxBytes: 5 * 1024 * 1024, keep: 5 }),
    process.env.HALL_LOG_LEVEL ?? 'info',
    { role: config.role },
  );
  const here = dirname(fileURLToPath(import.meta.url));
  // session, screen and safeStorage may be touched only once the app is ready.
  await app.whenReady();

  await startTerminal({
    electron: {
      app,
      // The non-negotiable flags are restated where the window is created, so no change elsewhere
      // can weaken them and static scanners (electronegativity) see them.
      createWindow: (options) =>
        new BrowserWindow({
          ...options,
          webPreferences: {
            ...options.webPreferences,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            webSecurity: true,
            disableBlinkFeatures: 'Auxclick',
          },
        }),
      screen,
      session: session.defaultSession,
      ipcMain,
      powerSaveBlocker,
      powerMonitor,
      safeStorage,
    },
    config,
    configPath,
    log,
    devices: (specs) => managedDevices(specs, deviceOptions),
    // The main process's own requests (the hall probe) go through the pinned hall connection too.
    fetch: hallConnection({ origin: config.hallUrl, caFingerprint: config.hallCaFingerprint, insecureHttp: config.insecureHttp }).fetch,
    timers: {
      now: Date.now,
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
      setInterval: (callback, ms) => setInterval(callback, ms),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    },
    preloadPath: join(here, '..', 'preload', `${config.role}.cjs`),
    production: app.isPackaged,
    platform: process.platform,
    execPath: process.execPath,
  });
}

const read = readConfig();
if (read !== null) await main(read.config, read.deviceOptions);
