/**
 * The window each role opens (R4.1): the kiosk full screen in kiosk mode, the display full screen
 * on its configured screen with the cursor hidden, the counter as a normal window that locks on
 * idle. Pure: screens and build flavour come in as arguments; terminal-app.ts creates the window.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { TerminalRole } from '../common/device-contract.ts';
import { secureWebPreferences } from './lockdown-policy.ts';

/** A screen as electron's `screen.getAllDisplays()` reports it. */
export interface ScreenInfo {
  readonly id: number;
  readonly bounds: Rectangle;
}

export interface RoleWindowInput {
  readonly role: TerminalRole;
  readonly title: string;
  readonly screens: readonly ScreenInfo[];
  /** Index into `screens`, from the terminal config. */
  readonly displayIndex: number;
  readonly preloadPath: string;
  readonly production: boolean;
}

export interface RoleWindowPlan {
  readonly options: BrowserWindowConstructorOptions;
  /** CSS injected after each load: the display hides the pointer. */
  readonly css: string | null;
  /** Counter only: lock after this many idle minutes (taken from the config by the caller). */
  readonly locksOnIdle: boolean;
  /** Problems worth a log line, e.g. the configured screen is not connected. */
  readonly warnings: readonly string[];
}

export const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

/** The configured screen, or the first one with a warning when it is not connected. */
export function chooseScreen(screens: readonly ScreenInfo[], index: number): { screen: ScreenInfo | null; warning: string | null } {
  const chosen = screens[index];
  if (chosen !== undefined) return { screen: chosen, warning: null };
  const fallback = screens[0] ?? null;
  return { screen: fallback, warning: `displayIndex ${index} is not connected (${screens.length} screen(s)); using screen 0` };
}

export function roleWindowPlan(input: RoleWindowInput): RoleWindowPlan {
  const { screen, warning } = chooseScreen(input.screens, input.displayIndex);
  const warnings = warning === null ? [] : [warning];
  const common: BrowserWindowConstructorOptions = {
    title: input.title,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(input.preloadPath, input.production),
  };
  const onScreen = screen === null ? {} : { x: screen.bounds.x, y: screen.bounds.y, width: screen.bounds.width, height: screen.bounds.height };
  switch (input.role) {
    case 'kiosk':
      return {
        options: {
          ...common,
          ...onScreen,
          kiosk: true,
          fullscreen: true,
          frame: false,
          resizable: false,
          movable: false,
          minimizable: false,
          closable: false,
          alwaysOnTop: true,
        },
        css: null,
        locksOnIdle: false,
        warnings,
      };
    case 'display':
      return {
        options: { ...common, ...onScreen, fullscreen: true, frame: false, resizable: false, movable: false, skipTaskbar: true },
        css: HIDE_CURSOR_CSS,
        locksOnIdle: false,
        warnings,
      };
    case 'counter': {
      const area = screen?.bounds;
      const width = Math.min(1280, area?.width ?? 1280);
      const height = Math.min(800, area?.height ?? 800);
      const placed = area === undefined ? {} : { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2) };
      return {
        options: { ...common, ...placed, width, height, minWidth: 1024, minHeight: 640, kiosk: false, fullscreen: false, frame: true, resizable: true },
        css: null,
        locksOnIdle: true,
        warnings,
      };
    }
  }
}
