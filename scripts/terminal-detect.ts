/**
 * Can this machine run the Electron terminal? Answers from files only, never by loading the
 * `electron` package (which downloads its binary on first use and fails offline): the binary
 * named by node_modules/electron/path.txt (or under ELECTRON_OVERRIDE_DIST_PATH) must exist and
 * be executable, and on Linux a display (DISPLAY or WAYLAND_DISPLAY) must be there to open windows.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type TerminalMode = { readonly mode: 'electron'; readonly binary: string } | { readonly mode: 'browser'; readonly reason: string };

export interface DetectInput {
  readonly electronDir: string;
  readonly platform: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fileExists?: (path: string) => boolean;
  readonly isExecutable?: (path: string) => boolean;
  readonly readText?: (path: string) => string;
}

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function detectTerminalMode(input: DetectInput): TerminalMode {
  const fileExists = input.fileExists ?? existsSync;
  const isExecutable = input.isExecutable ?? executable;
  const readText = input.readText ?? ((p: string) => readFileSync(p, 'utf8'));
  const pathFile = join(input.electronDir, 'path.txt');
  if (!fileExists(input.electronDir)) return { mode: 'browser', reason: 'the electron package is not installed (npm ci)' };
  if (!fileExists(pathFile)) return { mode: 'browser', reason: 'the Electron binary was never downloaded on this machine (no electron/path.txt)' };
  const relative = readText(pathFile).trim();
  const override = input.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override !== undefined && override !== '' ? join(override, relative) : join(input.electronDir, 'dist', relative);
  if (!fileExists(binary)) return { mode: 'browser', reason: `the Electron binary ${relative} is missing` };
  if (!isExecutable(binary)) return { mode: 'browser', reason: `the Electron binary ${relative} is not executable` };
  if (input.platform === 'linux' && !input.env.DISPLAY && !input.env.WAYLAND_DISPLAY)
    return { mode: 'browser', reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  return { mode: 'electron', binary };
}
