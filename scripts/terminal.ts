/**
 * Terminal launcher: `node --import tsx scripts/terminal.ts --terminal-config <file>`.
 * Where Electron can run, builds the main process and the preload bundles and starts the terminal
 * app with that config. Where it cannot (no Electron binary, as on CI machines, or no display),
 * it says so and exits with code 3 (EXIT_BROWSER_MODE): the caller then runs the device host under
 * Node and opens the role pages in a browser instead.
 * The config is validated first in both modes (exit 78 with every problem listed).
 * `--check` only prints the mode (`electron` or `browser: <reason>`) and exits 0.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundlePreloads } from './packaging/bundle-preloads.ts';
import { detectTerminalMode } from './terminal-detect.ts';
import { loadTerminalConfig, TerminalConfigError } from '../kiosk-config/terminal-config.ts';

export const EXIT_BROWSER_MODE = 3;

function argValue(name: string): string | null {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? null) : null;
}

/** EX_CONFIG (sysexits.h), as the terminal app itself uses for a bad config. */
const EXIT_BAD_CONFIG = 78;

const config = argValue('--terminal-config') ?? join('kiosk-config', 'terminals', 'kiosk.example.json');
try {
  loadTerminalConfig(config);
} catch (error) {
  if (!(error instanceof TerminalConfigError)) throw error;
  console.error(error.message);
  process.exit(EXIT_BAD_CONFIG);
}

const detected = detectTerminalMode({ electronDir: join('node_modules', 'electron'), platform: process.platform, env: process.env });

if (process.argv.includes('--check')) {
  console.log(detected.mode === 'electron' ? 'electron' : `browser: ${detected.reason}`);
} else if (detected.mode === 'browser') {
  console.log(`Electron cannot run here (${detected.reason}); the terminals will run in browser mode.`);
  process.exitCode = EXIT_BROWSER_MODE;
} else {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the TypeScript build failed; see above');
  await bundlePreloads(join('dist', 'electron', 'preload'), true);
  console.log(`Starting the Electron terminal with ${config}`);
  const child = spawn(detected.binary, [join('dist', 'electron', 'main', 'main.js'), '--terminal-config', config], { stdio: 'inherit' });
  child.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
}
