import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HIDE_CURSOR_CSS, roleWindowPlan, type ScreenInfo } from '../../../../electron/main/role-window.ts';

const screens: ScreenInfo[] = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
];
const input = { title: 'Bộ phận Một cửa', screens, displayIndex: 0, preloadPath: 'preload.cjs', production: true };

describe('role windows', () => {
  it('kiosk: full screen in kiosk mode, frameless, cannot be closed or moved', () => {
    const plan = roleWindowPlan({ ...input, role: 'kiosk' });
    const o = plan.options;
    assert.equal(o.kiosk, true);
    assert.equal(o.fullscreen, true);
    assert.equal(o.frame, false);
    assert.equal(o.closable, false);
    assert.equal(o.movable, false);
    assert.equal(o.show, false);
    assert.equal(o.webPreferences?.sandbox, true);
    assert.equal(o.webPreferences?.devTools, false);
    assert.equal(plan.css, null);
    assert.equal(plan.locksOnIdle, false);
  });

  it('display: full screen on the configured screen with the cursor hidden', () => {
    const plan = roleWindowPlan({ ...input, role: 'display', displayIndex: 1 });
    assert.deepEqual([plan.options.x, plan.options.y, plan.options.width, plan.options.height], [1920, 0, 3840, 2160]);
    assert.equal(plan.options.fullscreen, true);
    assert.equal(plan.options.kiosk, undefined);
    assert.equal(plan.options.skipTaskbar, true);
    assert.equal(plan.css, HIDE_CURSOR_CSS);
    assert.deepEqual(plan.warnings, []);
  });

  it('display: a screen that is not connected falls back to the first, with a warning', () => {
    const plan = roleWindowPlan({ ...input, role: 'display', displayIndex: 3 });
    assert.equal(plan.options.x, 0);
    assert.match(plan.warnings[0] ?? '', /displayIndex 3 is not connected \(2 screen\(s\)\)/);
  });

  it('counter: a normal resizable window centred on its screen that locks on idle', () => {
    const plan = roleWindowPlan({ ...input, role: 'counter', displayIndex: 1 });
    const o = plan.options;
    assert.equal(o.kiosk, false);
    assert.equal(o.fullscreen, false);
    assert.equal(o.frame, true);
    assert.equal(o.resizable, true);
    assert.deepEqual([o.x, o.y, o.width, o.height], [1920 + 1280, 680, 1280, 800]);
    assert.equal(plan.locksOnIdle, true);
  });

  it('counter on a small screen fits the screen', () => {
    const plan = roleWindowPlan({ ...input, role: 'counter', screens: [{ id: 1, bounds: { x: 0, y: 0, width: 1024, height: 600 } }] });
    assert.deepEqual([plan.options.width, plan.options.height, plan.options.x, plan.options.y], [1024, 600, 0, 0]);
  });

  it('every role gets the same locked-down web preferences', () => {
    for (const role of ['kiosk', 'counter', 'display'] as const) {
      const prefs = roleWindowPlan({ ...input, role }).options.webPreferences;
      assert.equal(prefs?.contextIsolation, true, role);
      assert.equal(prefs?.nodeIntegration, false, role);
      assert.equal(prefs?.preload, 'preload.cjs', role);
    }
  });
});
