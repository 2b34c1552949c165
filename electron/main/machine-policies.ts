/**
 * Per-role machine behaviour around the window: keeping the screen awake, one instance per
 * machine, and starting at login on Windows (Linux uses the systemd user unit shipped in
 * scripts/packaging/linux). Electron's app and powerSaveBlocker come in as narrow interfaces.
 */
import type { TerminalRole } from '../common/device-contract.ts';

/** A kiosk and a display must never blank their screen; a counter follows the OS settings. */
export function powerSaveTypeFor(role: TerminalRole): 'prevent-display-sleep' | null {
  return role === 'counter' ? null : 'prevent-display-sleep';
}

export interface PowerSaveBlockerPort {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
}

/** Starts the role's blocker; returns its id, or null when the role needs none. */
export function blockPowerSave(blocker: PowerSaveBlockerPort, role: TerminalRole): number | null {
  const type = powerSaveTypeFor(role);
  return type === null ? null : blocker.start(type);
}

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/**
 * Claims the machine for this process. A second start (a double-click, a second login item)
 * quits itself and brings the first instance's window forward instead.
 */
export function claimSingleInstance(app: SingleInstanceApp, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', focusExisting);
  return true;
}

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
}

/** Windows: start at login with the same config file. Elsewhere the service manager starts it. */
export function configureAutoStart(app: LoginItemApp, platform: string, execPath: string, configPath: string): boolean {
  if (platform !== 'win32') return false;
  app.setLoginItemSettings({ openAtLogin: true, path: execPath, args: ['--terminal-config', configPath] });
  return true;
}
