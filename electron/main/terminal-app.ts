/**
 * Starts one terminal: the startup function every feature registers from. Electron's modules
 * come in as `ElectronPorts` (main.ts passes the real ones, tests pass fakes), so the whole
 * start-up order is testable under plain Node:
 *   single instance → logs → ready → session lockdown → token store → devices (a counter's keypad
 *   ratings sent to the hall) → IPC bridge →
 *   role window (lockdown, supervisor, CSS) → power-save blocker → idle lock → login item.
 */
import { join } from 'node:path';
import type { TerminalConfig } from '../../kiosk-config/terminal-config.ts';
import type { RatingKeyPress } from '../common/device-contract.ts';
import { keypadProfileOf } from '../../devices/keypad/keypad-profile.ts';
import { keypadRatingSender } from '../../devices/terminal/rating-sender.ts';
import { CrashBackoff } from './crash-backoff.ts';
import { DeviceBridge, type BridgeContents, type BridgeIpcMain } from './device-bridge.ts';
import type { DeviceManagerFactory, DeviceManagerPort } from './device-port.ts';
import { hallReachable, type FetchLike } from './hall-probe.ts';
import { IdleLock } from './idle-lock.ts';
import { lockContents, lockSession, type LockdownContents, type LockdownSession } from './lockdown.ts';
import { roleUrl } from './lockdown-policy.ts';
import {
  blockPowerSave,
  claimSingleInstance,
  configureAutoStart,
  type LoginItemApp,
  type PowerSaveBlockerPort,
  type SingleInstanceApp,
} from './machine-policies.ts';
import { offlinePageUrl } from './offline-page.ts';
import { roleHandlers } from './role-handlers.ts';
import { roleWindowPlan, type ScreenInfo } from './role-window.ts';
import type { TerminalLogger } from './terminal-logger.ts';
import { TokenStore, type TokenCipher } from './token-store.ts';
import { WindowSupervisor, type SupervisedContents, type SupervisorTimers } from './window-supervisor.ts';
import type { BrowserWindowConstructorOptions } from 'electron';

export type RoleContents = LockdownContents &
  SupervisedContents &
  BridgeContents & {
    loadURL(url: string): Promise<void>;
    insertCSS(css: string): Promise<string>;
    on(event: 'did-start-loading' | 'did-finish-load', listener: () => void): unknown;
  };

export interface RoleWindow {
  readonly webContents: RoleContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface ElectronPorts {
  readonly app: SingleInstanceApp &
    LoginItemApp & {
      whenReady(): Promise<unknown>;
      getPath(name: 'userData'): string;
      relaunch(): void;
      exit(code: number): void;
      on(event: 'before-quit', listener: () => void): unknown;
    };
  readonly createWindow: (options: BrowserWindowConstructorOptions) => RoleWindow;
  readonly screen: { getAllDisplays(): ScreenInfo[] };
  readonly session: LockdownSession & { clearStorageData(): Promise<void> };
  readonly ipcMain: BridgeIpcMain;
  readonly powerSaveBlocker: PowerSaveBlockerPort;
  readonly powerMonitor: { getSystemIdleTime(): number };
  readonly safeStorage: TokenCipher | null;
}

export interface TerminalStartInput {
  readonly electron: ElectronPorts;
  readonly config: TerminalConfig;
  readonly configPath: string;
  readonly log: TerminalLogger;
  readonly devices: DeviceManagerFactory;
  readonly fetch: FetchLike;
  readonly timers: SupervisorTimers & { setInterval(callback: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
  readonly preloadPath: string;
  readonly production: boolean;
  readonly platform: string;
  readonly execPath: string;
}

export interface RunningTerminal {
  readonly window: () => RoleWindow | null;
  readonly devices: DeviceManagerPort;
  readonly supervisor: WindowSupervisor;
  readonly idleLock: IdleLock | null;
  readonly powerSaveBlockerId: number | null;
}

/** Returns null when another instance already runs on this machine (this one quits). */
export async function startTerminal(input: TerminalStartInput): Promise<RunningTerminal | null> {
  const { electron, config, log, timers } = input;
  const { role, hallUrl: hallOrigin } = config;
  let window: RoleWindow | null = null;

  if (!claimSingleInstance(electron.app, () => window?.focus())) {
    log.warn('another terminal instance runs on this machine; quitting');
    return null;
  }
  await electron.app.whenReady();
  const lockdown = { role, hallOrigin, hallCaFingerprint: config.hallCaFingerprint, production: input.production, log: log.child({ module: 'lockdown' }) };
  lockSession(electron.session, lockdown);

  const tokens = new TokenStore(join(electron.app.getPath('userData'), 'device-token.json'), electron.safeStorage);
  const devices = input.devices(config.devices);
  const bridge = new DeviceBridge({
    role,
    hallOrigin,
    log: log.child({ module: 'device-bridge' }),
    handlers: roleHandlers({ role, counterId: config.counterId, tokens, devices, onEnrolled: () => log.info('terminal enrolled with the hall server') }),
  });
  bridge.listen(electron.ipcMain);
  devices.on('health', (health) => bridge.push('health', health));
  devices.on('scan', (scan) => bridge.push('scan', scan));
  devices.on('cardPresence', (presence) => bridge.push('cardPresence', presence));
  // A keypad rating goes to the hall from here, under the counter's rating token; the page only
  // learns that a key was pressed, not which (it never sees or submits ratings).
  const keypad = config.devices.find((d) => d.kind === 'keypad');
  const ratings =
    role !== 'counter'
      ? null
      : keypadRatingSender({
          counterId: config.counterId,
          hallUrl: hallOrigin,
          ratingToken: config.ratingToken,
          hallCaFingerprint: config.hallCaFingerprint,
          insecureHttp: config.insecureHttp,
          hasKeypad: keypad !== undefined,
          ...(keypad !== undefined ? { keypadLevels: Object.values(keypadProfileOf(keypad).keys) } : {}),
          log: log.child({ module: 'keypad-ratings' }),
        });
  devices.on('rating', (press) => {
    const keyPress: RatingKeyPress = { at: press.at };
    bridge.push('rating', keyPress);
    void ratings?.submit(press);
  });
  if (tokens.read() === null) log.info('terminal not enrolled; the page shows the pairing-code screen');

  const loadRolePage = () => void window?.webContents.loadURL(roleUrl(hallOrigin, role)).catch(() => undefined);
  const supervisor = new WindowSupervisor(
    new CrashBackoff(),
    timers,
    {
      loadRolePage,
      showOfflinePage: () => void window?.webContents.loadURL(offlinePageUrl(config.brand.name)).catch(() => undefined),
      recreateWindow: () => openWindow(),
      relaunchApp: () => {
        electron.app.relaunch();
        electron.app.exit(0);
      },
      probeHall: () => hallReachable(hallOrigin, input.fetch),
    },
    log.child({ module: 'supervisor' }),
  );

  function openWindow(): void {
    if (window !== null && !window.isDestroyed()) window.destroy();
    const plan = roleWindowPlan({
      role,
      title: config.brand.name,
      screens: electron.screen.getAllDisplays(),
      displayIndex: config.displayIndex,
      preloadPath: input.preloadPath,
      production: input.production,
    });
    for (const warning of plan.warnings) log.warn(warning);
    const created = electron.createWindow(plan.options);
    window = created;
    const contents = created.webContents;
    lockContents(contents, lockdown);
    bridge.attach(contents);
    supervisor.watch(contents);
    contents.on('did-start-loading', () => bridge.pageLeft());
    const css = plan.css;
    if (css !== null) contents.on('did-finish-load', () => void contents.insertCSS(css).catch(() => undefined));
    created.once('ready-to-show', () => created.show());
    loadRolePage();
  }

  openWindow();
  const powerSaveBlockerId = blockPowerSave(electron.powerSaveBlocker, role);
  const idleLock =
    role !== 'counter'
      ? null
      : new IdleLock(
          {
            systemIdleSeconds: () => electron.powerMonitor.getSystemIdleTime(),
            setInterval: timers.setInterval,
            clearInterval: timers.clearInterval,
            onLock: () => {
              log.info({ idleMinutes: config.idleLockMinutes }, 'counter idle; locking');
              void electron.session
                .clearStorageData()
                .catch(() => undefined)
                .then(() => openWindow());
            },
          },
          config.idleLockMinutes,
        );
  if (configureAutoStart(electron.app, input.platform, input.execPath, input.configPath)) log.info('login item set');
  electron.app.on('before-quit', () => {
    supervisor.dispose();
    idleLock?.stop();
    void ratings?.close();
    void devices.close();
  });
  return { window: () => window, devices, supervisor, idleLock, powerSaveBlockerId };
}
