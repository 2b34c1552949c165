import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { parseTerminalConfig } from '../../../../kiosk-config/terminal-config.ts';
import { DEVICE_IPC } from '../../../../electron/common/device-methods.ts';
import type { DeviceEvents, DeviceManagerPort } from '../../../../electron/main/device-port.ts';
import { startTerminal, type ElectronPorts, type RoleWindow } from '../../../../electron/main/terminal-app.ts';
import { unlinkedDeviceManager } from '../../../support/unlinked-devices.ts';
import { FakeContents, FakeIpcMain, FakeSession, FakeTimers, HALL, fakeEvent, flush, ipcEvent, silentLogger } from './fakes.ts';

class FakeWindow extends EventEmitter implements RoleWindow {
  readonly webContents = new FakeContents();
  shown = 0;
  focused = 0;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  show(): void {
    this.shown += 1;
  }
  focus(): void {
    this.focused += 1;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'terminal-app-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeElectron(options: { singleInstance?: boolean; idleSeconds?: () => number } = {}) {
  const windows: FakeWindow[] = [];
  const blockers: string[] = [];
  const loginItems: unknown[] = [];
  const app = Object.assign(new EventEmitter(), {
    quits: 0,
    relaunches: 0,
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    quit() {
      this.quits += 1;
    },
    whenReady: async () => undefined,
    getPath: () => dir,
    relaunch() {
      this.relaunches += 1;
    },
    exit: () => undefined,
    setLoginItemSettings: (s: unknown) => void loginItems.push(s),
  });
  const session = new FakeSession();
  const ipcMain = new FakeIpcMain();
  const electron: ElectronPorts = {
    app,
    createWindow: (o) => {
      const w = new FakeWindow(o);
      windows.push(w);
      return w;
    },
    screen: {
      getAllDisplays: () => [
        { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
        { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
      ],
    },
    session,
    ipcMain,
    powerSaveBlocker: { start: (type) => blockers.push(type) },
    powerMonitor: { getSystemIdleTime: options.idleSeconds ?? (() => 0) },
    safeStorage: null,
  };
  return { electron, app, windows, blockers, loginItems, session, ipcMain };
}

function start(
  fake: ReturnType<typeof fakeElectron>,
  config: Record<string, unknown>,
  extra: { devices?: DeviceManagerPort; platform?: string; timers?: FakeTimers } = {},
) {
  return startTerminal({
    electron: fake.electron,
    config: parseTerminalConfig({ hallUrl: HALL, insecureHttp: true, brand: { name: 'Bộ phận Một cửa' }, ...config }),
    configPath: 'terminal.json',
    log: silentLogger(),
    devices: (specs) => extra.devices ?? unlinkedDeviceManager(specs, () => 0),
    fetch: async () => ({ ok: true }),
    timers: extra.timers ?? new FakeTimers(),
    preloadPath: 'preload/kiosk.cjs',
    production: true,
    platform: extra.platform ?? 'linux',
    execPath: 'hall-terminal',
  });
}

/** Devices without hardware whose event listeners the test can call, by event name. */
function listeningDevices(): { devices: DeviceManagerPort; listeners: Map<string, (payload: unknown) => void> } {
  const listeners = new Map<string, (payload: unknown) => void>();
  const devices: DeviceManagerPort = {
    ...unlinkedDeviceManager([], () => 0),
    on: <E extends keyof DeviceEvents>(event: E, listener: (payload: DeviceEvents[E]) => void) => {
      listeners.set(event, listener as (payload: unknown) => void);
      return () => undefined;
    },
  };
  return { devices, listeners };
}

describe('terminal start-up', () => {
  it('a second instance quits without opening a window', async () => {
    const fake = fakeElectron({ singleInstance: false });
    assert.equal(await start(fake, { role: 'kiosk' }), null);
    assert.equal(fake.app.quits, 1);
    assert.equal(fake.windows.length, 0);
  });

  it('a kiosk opens one locked-down kiosk window on the role page and keeps the screen on', async () => {
    const fake = fakeElectron();
    const running = await start(fake, { role: 'kiosk' });
    assert.ok(running);
    const [window] = fake.windows;
    assert.ok(window);
    assert.equal(window.options.kiosk, true);
    assert.equal(window.options.webPreferences?.preload, 'preload/kiosk.cjs');
    assert.deepEqual(window.webContents.loaded, [`${HALL}/kiosk/`]);
    assert.deepEqual(window.webContents.windowOpenHandler?.({ url: `${HALL}/kiosk/` }), { action: 'deny' });
    const outside = fakeEvent();
    window.webContents.emit('will-navigate', outside, 'https://evil.example/');
    assert.equal(outside.defaultPrevented, true);
    assert.ok(fake.session.permissionRequest, 'session permission handler installed');
    assert.deepEqual(fake.blockers, ['prevent-display-sleep']);
    assert.equal(running.idleLock, null);
    window.emit('ready-to-show');
    assert.equal(window.shown, 1);
    fake.app.emit('second-instance');
    assert.equal(window.focused, 1);
  });

  it('first start without a token: the page reads no token, saves the paired one, and the next start has it', async () => {
    const fake = fakeElectron();
    await start(fake, { role: 'kiosk' });
    const window = fake.windows[0];
    assert.ok(window);
    const from = ipcEvent(window.webContents, `${HALL}/kiosk/`);
    const info = await fake.ipcMain.invoke(DEVICE_IPC.call, from, { type: 'call', id: 1, method: 'terminalInfo', args: [] });
    assert.deepEqual(info, { type: 'result', id: 1, value: { role: 'kiosk', counterId: null, deviceToken: null } });
    const token = `dev_${'x'.repeat(43)}`;
    assert.deepEqual(await fake.ipcMain.invoke(DEVICE_IPC.call, from, { type: 'call', id: 2, method: 'saveDeviceToken', args: [token] }), {
      type: 'result',
      id: 2,
      value: undefined,
    });

    const restarted = fakeElectron();
    await start(restarted, { role: 'kiosk' });
    const again = restarted.windows[0];
    assert.ok(again);
    const reply = await restarted.ipcMain.invoke(DEVICE_IPC.call, ipcEvent(again.webContents, `${HALL}/kiosk/`), {
      type: 'call',
      id: 1,
      method: 'terminalInfo',
      args: [],
    });
    assert.equal((reply as { value: { deviceToken: string } }).value.deviceToken, token);
  });

  it('the display goes to its screen with the cursor hidden after each load', async () => {
    const fake = fakeElectron();
    await start(fake, { role: 'display', displayIndex: 1 });
    const window = fake.windows[0];
    assert.ok(window);
    assert.equal(window.options.x, 1920);
    window.webContents.emit('did-finish-load');
    await flush();
    assert.match(window.webContents.css[0] ?? '', /cursor: none/);
  });

  it('device events reach the page once it is ready', async () => {
    const { devices, listeners } = listeningDevices();
    const fake = fakeElectron();
    await start(fake, { role: 'counter', counterId: 'quay-1' }, { devices });
    const window = fake.windows[0];
    assert.ok(window);
    fake.ipcMain.emit(DEVICE_IPC.ready, ipcEvent(window.webContents, `${HALL}/counter/`));
    listeners.get('rating')?.({ level: 'very_satisfied', at: 5 });
    assert.deepEqual(
      window.webContents.sent.map((s) => s.reply),
      [{ type: 'event', name: 'rating', payload: { at: 5 } }],
      'the page learns when a key was pressed, not which',
    );
    window.webContents.emit('did-start-loading');
    listeners.get('rating')?.({ level: 'satisfied', at: 6 });
    assert.equal(window.webContents.sent.length, 1, 'a reloading page gets no rating');
  });

  it('a counter with a rating keypad and a rating token checks the hall’s levels and sends each keypad rating to the hall itself', async () => {
    const received: { path: string; authorization: string | undefined; body: string }[] = [];
    const hall = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        if (req.method === 'GET') res.writeHead(200, { 'content-type': 'application/json' }).end('{"policy":{"ratingLevels":3}}');
        else res.writeHead(201, { 'content-type': 'application/json' }).end('{"ticketId":"t-1","level":"satisfied"}');
      });
    });
    await new Promise<void>((resolve) => hall.listen(0, '127.0.0.1', resolve));
    try {
      const { devices, listeners } = listeningDevices();
      const ratingToken = 'rating-token-of-quay-1-0123456789';
      await start(
        fakeElectron(),
        {
          role: 'counter',
          counterId: 'quay-1',
          hallUrl: `http://127.0.0.1:${(hall.address() as AddressInfo).port}`,
          devices: [{ id: 'keypad', kind: 'keypad', uri: 'sim:keypad' }],
          ratingToken,
        },
        { devices },
      );
      listeners.get('rating')?.({ level: 'satisfied', at: Date.now() });
      for (let i = 0; i < 200 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(received.map((r) => [r.path, r.authorization]).sort(), [
        ['/api/v1/counters/quay-1/ratings', `Bearer ${ratingToken}`],
        ['/api/v1/hall/config', `Bearer ${ratingToken}`],
      ]);
      const post = received.find((r) => r.path.endsWith('/ratings'));
      const body = JSON.parse(post?.body ?? '{}') as { level?: string; pressedMsAgo?: number };
      assert.equal(body.level, 'satisfied');
      assert.ok(body.pressedMsAgo !== undefined && body.pressedMsAgo >= 0 && body.pressedMsAgo < 2_000, 'sent at once, with the press’s age');
    } finally {
      await new Promise<void>((resolve) => hall.close(() => resolve()));
    }
  });

  it('an idle counter clears the page storage and reopens its window (officer logs in again)', async () => {
    let idle = 0;
    const timers = new FakeTimers();
    const fake = fakeElectron({ idleSeconds: () => idle });
    const running = await start(fake, { role: 'counter', counterId: 'quay-1', idleLockMinutes: 5 }, { timers });
    assert.ok(running?.idleLock);
    assert.deepEqual(fake.blockers, []);
    assert.equal(fake.windows[0]?.options.kiosk, false);
    idle = 300;
    timers.advance(15_000);
    await flush();
    await flush();
    assert.equal(fake.session.storageCleared, 1);
    assert.equal(fake.windows.length, 2);
    assert.equal(fake.windows[0]?.destroyed, true);
    assert.deepEqual(fake.windows[1]?.webContents.loaded, [`${HALL}/counter/`]);
    const oldFrame = ipcEvent(fake.windows[0]?.webContents ?? { id: -1 }, `${HALL}/counter/`);
    const reply = await fake.ipcMain.invoke(DEVICE_IPC.call, oldFrame, { type: 'call', id: 1, method: 'health', args: [] });
    assert.deepEqual(reply, { type: 'error', id: null, message: 'sender refused' }, 'the closed window is no longer trusted');
  });

  it('a crash loop relaunches the app', async () => {
    const timers = new FakeTimers();
    const fake = fakeElectron();
    await start(fake, { role: 'kiosk' }, { timers });
    const contents = fake.windows[0]?.webContents;
    assert.ok(contents);
    for (let i = 0; i < 5; i += 1) {
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
      timers.advance(1_000 * 2 ** i);
    }
    assert.equal(fake.app.relaunches, 1);
    assert.equal(contents.loaded.length, 1 + 4, 'first load plus four reloads');
  });

  it('an unreachable hall shows the offline page, then the role page when it answers', async () => {
    const timers = new FakeTimers();
    const fake = fakeElectron();
    await start(fake, { role: 'kiosk' }, { timers });
    const contents = fake.windows[0]?.webContents;
    assert.ok(contents);
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${HALL}/kiosk/`, true);
    assert.match(contents.loaded.at(-1) ?? '', /^data:text\/html/);
    timers.advance(2_000);
    await flush();
    assert.equal(contents.loaded.at(-1), `${HALL}/kiosk/`);
  });

  it('sets the Windows login item', async () => {
    const fake = fakeElectron();
    await start(fake, { role: 'display' }, { platform: 'win32' });
    assert.deepEqual(fake.loginItems, [{ openAtLogin: true, path: 'hall-terminal', args: ['--terminal-config', 'terminal.json'] }]);
  });
});
