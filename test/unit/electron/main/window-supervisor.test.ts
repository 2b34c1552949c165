import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CrashBackoff } from '../../../../electron/main/crash-backoff.ts';
import { WindowSupervisor } from '../../../../electron/main/window-supervisor.ts';
import { FakeContents, FakeTimers, flush, silentLogger } from './fakes.ts';

function setup(reachable: boolean[] = []) {
  const timers = new FakeTimers();
  const actions: string[] = [];
  const answers = [...reachable];
  const supervisor = new WindowSupervisor(
    new CrashBackoff({ baseDelayMs: 1_000, maxDelayMs: 60_000, stableAfterMs: 300_000, loopCrashes: 3, loopWindowMs: 60_000 }),
    timers,
    {
      loadRolePage: () => actions.push('load'),
      showOfflinePage: () => actions.push('offline'),
      recreateWindow: () => actions.push('recreate'),
      relaunchApp: () => actions.push('relaunch'),
      probeHall: async () => {
        const answer = answers.shift() ?? false;
        actions.push(`probe:${answer}`);
        return answer;
      },
    },
    silentLogger(),
    { hangGraceMs: 10_000, probeBaseMs: 2_000, probeMaxMs: 8_000 },
  );
  const contents = new FakeContents();
  supervisor.watch(contents);
  return { timers, actions, supervisor, contents };
}

const gone = (contents: FakeContents, reason = 'crashed') => contents.emit('render-process-gone', {}, { reason, exitCode: 139 });

describe('window supervisor', () => {
  it('reloads the role page after the backoff delay when the renderer is gone', () => {
    const { timers, actions, contents } = setup();
    gone(contents);
    timers.advance(999);
    assert.deepEqual(actions, []);
    timers.advance(1);
    assert.deepEqual(actions, ['load']);
    gone(contents, 'oom');
    timers.advance(1_999);
    assert.deepEqual(actions, ['load']);
    timers.advance(1);
    assert.deepEqual(actions, ['load', 'load']);
  });

  it('ignores a clean exit', () => {
    const { timers, actions, contents } = setup();
    gone(contents, 'clean-exit');
    timers.advance(120_000);
    assert.deepEqual(actions, []);
  });

  it('relaunches the app on a crash loop', () => {
    const { timers, actions, contents } = setup();
    gone(contents);
    timers.advance(1_000);
    gone(contents);
    timers.advance(2_000);
    gone(contents);
    assert.deepEqual(actions, ['load', 'load', 'relaunch']);
    assert.equal(timers.pending, 0);
  });

  it('recreates the window when it stays unresponsive past the grace period', () => {
    const { timers, actions, contents } = setup();
    contents.emit('unresponsive');
    timers.advance(9_999);
    assert.deepEqual(actions, []);
    timers.advance(1);
    assert.deepEqual(actions, ['recreate']);
  });

  it('a window that becomes responsive again is left alone', () => {
    const { timers, actions, contents } = setup();
    contents.emit('unresponsive');
    timers.advance(5_000);
    contents.emit('responsive');
    timers.advance(60_000);
    assert.deepEqual(actions, []);
  });

  it('shows the offline page when the hall server is unreachable and recovers by itself', async () => {
    const { timers, actions, supervisor, contents } = setup([false, false, true]);
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://hall/kiosk/', true);
    assert.deepEqual(actions, ['offline']);
    assert.equal(supervisor.offline, true);
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://hall/kiosk/', true);
    assert.deepEqual(actions, ['offline'], 'a second failure while offline changes nothing');
    timers.advance(2_000);
    await flush();
    timers.advance(4_000);
    await flush();
    assert.deepEqual(actions, ['offline', 'probe:false', 'probe:false']);
    timers.advance(7_999);
    await flush();
    assert.equal(actions.length, 3, 'the probe delay doubled to 8 s');
    timers.advance(1);
    await flush();
    assert.deepEqual(actions, ['offline', 'probe:false', 'probe:false', 'probe:true', 'load']);
    assert.equal(supervisor.offline, false);
  });

  it('probe delays stop growing at the maximum', async () => {
    const { timers, actions, contents } = setup([false, false, false, false, false]);
    contents.emit('did-fail-load', {}, -106, 'ERR_INTERNET_DISCONNECTED', 'http://hall/kiosk/', true);
    for (const step of [2_000, 4_000, 8_000, 8_000, 8_000]) {
      const before = actions.length;
      timers.advance(step - 1);
      await flush();
      assert.equal(actions.length, before);
      timers.advance(1);
      await flush();
      assert.equal(actions.length, before + 1);
    }
  });

  it('ignores failures of sub-frames and non-network errors', () => {
    const { actions, contents } = setup();
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://hall/x', false);
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'http://hall/kiosk/', true);
    assert.deepEqual(actions, []);
  });

  it('a crash while offline replaces the probe with a reload, and a failing reload goes offline again', async () => {
    const { timers, actions, contents } = setup();
    contents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'http://hall/kiosk/', true);
    gone(contents);
    timers.advance(1_000);
    await flush();
    assert.deepEqual(actions, ['offline', 'load']);
    contents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'http://hall/kiosk/', true);
    assert.deepEqual(actions, ['offline', 'load', 'offline']);
  });

  it('does nothing once disposed', () => {
    const { timers, actions, supervisor, contents } = setup();
    gone(contents);
    supervisor.dispose();
    timers.advance(60_000);
    contents.emit('unresponsive');
    timers.advance(60_000);
    assert.deepEqual(actions, []);
  });
});
