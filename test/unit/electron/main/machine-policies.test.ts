import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { IdleLock } from '../../../../electron/main/idle-lock.ts';
import { blockPowerSave, claimSingleInstance, configureAutoStart, powerSaveTypeFor } from '../../../../electron/main/machine-policies.ts';
import { FakeTimers } from './fakes.ts';

describe('power-save blocker', () => {
  it('kiosk and display keep the screen on; the counter follows the OS', () => {
    const started: string[] = [];
    const blocker = { start: (type: string) => started.push(type) };
    assert.equal(powerSaveTypeFor('counter'), null);
    assert.equal(blockPowerSave(blocker, 'counter'), null);
    assert.equal(blockPowerSave(blocker, 'kiosk'), 1);
    assert.equal(blockPowerSave(blocker, 'display'), 2);
    assert.deepEqual(started, ['prevent-display-sleep', 'prevent-display-sleep']);
  });
});

describe('single instance', () => {
  it('the first instance claims the machine and brings its window forward on a second start', () => {
    const app = Object.assign(new EventEmitter(), {
      requestSingleInstanceLock: () => true,
      quits: 0,
      quit() {
        this.quits += 1;
      },
    });
    let focused = 0;
    assert.equal(
      claimSingleInstance(app, () => {
        focused += 1;
      }),
      true,
    );
    app.emit('second-instance');
    assert.equal(focused, 1);
    assert.equal(app.quits, 0);
  });

  it('a second instance quits', () => {
    const app = Object.assign(new EventEmitter(), {
      requestSingleInstanceLock: () => false,
      quits: 0,
      quit() {
        this.quits += 1;
      },
    });
    assert.equal(
      claimSingleInstance(app, () => undefined),
      false,
    );
    assert.equal(app.quits, 1);
    assert.equal(app.listenerCount('second-instance'), 0);
  });
});

describe('auto-start', () => {
  it('sets a login item with the config path on Windows only', () => {
    const settings: unknown[] = [];
    const app = { setLoginItemSettings: (s: unknown) => void settings.push(s) };
    assert.equal(configureAutoStart(app, 'linux', '/opt/app', 'terminal.json'), false);
    assert.equal(configureAutoStart(app, 'win32', 'C:\\App\\hall.exe', 'C:\\hall\\terminal.json'), true);
    assert.deepEqual(settings, [{ openAtLogin: true, path: 'C:\\App\\hall.exe', args: ['--terminal-config', 'C:\\hall\\terminal.json'] }]);
  });
});

describe('counter idle lock', () => {
  function setup(minutes: number) {
    const timers = new FakeTimers();
    let idle = 0;
    let locks = 0;
    const lock = new IdleLock(
      {
        systemIdleSeconds: () => idle,
        setInterval: timers.setInterval,
        clearInterval: timers.clearInterval,
        onLock: () => {
          locks += 1;
        },
      },
      minutes,
      15_000,
    );
    return {
      timers,
      lock,
      setIdle: (s: number) => {
        idle = s;
      },
      locks: () => locks,
    };
  }

  it('locks once when idle reaches the limit and re-arms after input', () => {
    const { timers, setIdle, locks } = setup(10);
    setIdle(599);
    timers.advance(15_000);
    assert.equal(locks(), 0);
    setIdle(600);
    timers.advance(15_000);
    assert.equal(locks(), 1);
    setIdle(900);
    timers.advance(60_000);
    assert.equal(locks(), 1, 'one lock per idle period');
    setIdle(3);
    timers.advance(15_000);
    setIdle(601);
    timers.advance(15_000);
    assert.equal(locks(), 2);
  });

  it('stops checking when stopped', () => {
    const { timers, lock, setIdle, locks } = setup(1);
    lock.stop();
    setIdle(10_000);
    timers.advance(120_000);
    assert.equal(locks(), 0);
    assert.equal(timers.pending, 0);
  });

  it('refuses a non-positive limit', () => {
    assert.throws(() => setup(0), RangeError);
  });
});
