/**
 * The dependency lint bites: dependency-cruiser with the project's configuration, run on a tree
 * built here from case tables (every row of the layer table allowed and refused at least once,
 * a type-only cycle, scripts/ importing test/, an unresolvable import). Every refused import must
 * be reported under its rule, and nothing else may be.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LAYERS } from '../../../../scripts/lint/dependency-cruiser.config.mjs';
import { lintDependencies, type LintResult } from '../../../../scripts/lint/dependency-cruiser.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DEVICE_PACKAGES = ['serialport', '@serialport/parser-readline', 'node-hid', 'qrcode', 'jsqr', 'pngjs', 'pino', 'zod'];

/** [importing file, specifiers it may import]: at least one per row of the table. */
const ALLOWED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['electron/common/a.ts', ['./b.ts', './sub/c.ts', 'zod']],
  ['electron/common/sub/a.ts', ['../b.ts']],
  ['electron/core/a.ts', ['./b.ts', '../common/b.ts']],
  ['electron/store/db.ts', ['../core/a.ts', '../common/b.ts', 'node:fs', 'fs', 'crypto', 'path/posix', 'better-sqlite3', 'pino']],
  [
    'electron/server/http.ts',
    ['../core/a.ts', '../store/db.ts', '../common/b.ts', '../../kiosk-config/load.ts', 'node:http', 'ws', 'pino', 'zod', 'fastify', 'prom-client', 'uuid'],
  ],
  ['electron/province/hub.ts', ['../core/a.ts', '../common/b.ts', 'node:http', 'pg', 'fastify', 'ws', 'pino', 'zod']],
  [
    'electron/main/index.ts',
    ['electron', '../../devices/manager/index.ts', '../../devices/printer/driver.ts', '../common/b.ts', '../../kiosk-config/load.ts', 'node:path', 'pino'],
  ],
  ['electron/preload/index.ts', ['electron', '../common/b.ts']],
  ['devices/common/types.ts', ['./frame.ts']],
  ['devices/transports/serial.ts', ['../common/types.ts', 'node:events', 'serialport', '@serialport/parser-readline', 'node-hid']],
  [
    'devices/manager/index.ts',
    [
      '../printer/driver.ts',
      '../card-reader/x.ts',
      '../transports/serial.ts',
      '../simulators/printer.ts',
      '../common/types.ts',
      '../../electron/common/b.ts',
      '../../kiosk-config/load.ts',
      'node:fs',
      ...DEVICE_PACKAGES,
    ],
  ],
  ['devices/terminal/device-host.ts', ['../manager/index.ts', '../printer/driver.ts', '../../electron/common/b.ts', 'node:http', 'ws']],
  ['devices/simulators/printer.ts', ['../printer/driver.ts', '../transports/serial.ts', '../../electron/common/b.ts', 'node:net', ...DEVICE_PACKAGES]],
  ['devices/printer/driver.ts', ['./escpos.ts', '../common/types.ts', '../../electron/common/b.ts', 'node:buffer', 'qrcode', 'tesseract.js', 'zod']],
  ['devices/card-reader/x.ts', ['../common/types.ts', 'node:crypto', 'jpeg-js']],
  ['renderer/shared/api.ts', ['./theme.ts', '../../electron/common/b.ts', 'svelte']],
  ['renderer/kiosk/main.ts', ['./ticket.ts', '../shared/api.ts', '../../electron/common/b.ts', 'svelte', 'qrcode']],
  ['renderer/province/main.ts', ['../shared/api.ts', '../../electron/common/b.ts', 'svelte', 'uplot']],
  ['kiosk-config/load.ts', ['../electron/common/b.ts', 'zod', 'node:fs']],
  // Outside every layer only the whole-tree rules apply.
  ['scripts/hall.ts', ['better-sqlite3', '../electron/server/http.ts']],
  ['test/unit/x.test.ts', ['../../electron/core/a.ts', 'node:test', '../support/helper.ts']],
];

/** [importing file, specifier, the rule that refuses it]: at least one per row of the table. */
const FORBIDDEN: ReadonlyArray<readonly [string, string, string]> = [
  ['electron/common/f1.ts', 'node:fs', 'layer:electron/common'],
  ['electron/common/f2.ts', 'pino', 'layer:electron/common'],
  ['electron/common/f3.ts', '../core/a.ts', 'layer:electron/common'],
  ['electron/common/f4.ts', '../../devices/common/types.ts', 'layer:electron/common'],
  ['devices/common/f1.ts', 'zod', 'layer:devices/common'],
  ['devices/common/f2.ts', 'node:events', 'layer:devices/common'],
  ['devices/common/f3.ts', '../../electron/common/b.ts', 'layer:devices/common'],
  ['electron/core/f1.ts', 'better-sqlite3', 'layer:electron/core'],
  ['electron/core/f2.ts', 'crypto', 'layer:electron/core'],
  ['electron/core/f3.ts', '../store/db.ts', 'layer:electron/core'],
  ['electron/core/f4.ts', '../../scripts/hall.ts', 'layer:electron/core'],
  ['electron/store/f1.ts', '../server/http.ts', 'layer:electron/store'],
  ['electron/store/f2.ts', 'ws', 'layer:electron/store'],
  ['electron/store/f3.ts', '../../kiosk-config/load.ts', 'layer:electron/store'],
  ['electron/server/f1.ts', '../main/index.ts', 'layer:electron/server'],
  ['electron/server/f2.ts', 'electron', 'layer:electron/server'],
  ['electron/server/f3.ts', '../../devices/manager/index.ts', 'layer:electron/server'],
  ['electron/server/f4.ts', '../../renderer/shared/api.ts', 'layer:electron/server'],
  // The province hub: no SQLite store, no Electron, no devices, no renderer.
  ['electron/province/f1.ts', '../store/db.ts', 'layer:electron/province'],
  ['electron/province/f2.ts', 'better-sqlite3', 'layer:electron/province'],
  ['electron/province/f3.ts', 'electron', 'layer:electron/province'],
  ['electron/province/f4.ts', '../main/index.ts', 'layer:electron/province'],
  ['electron/province/f5.ts', '../../devices/manager/index.ts', 'layer:electron/province'],
  ['electron/province/f6.ts', '../../renderer/shared/api.ts', 'layer:electron/province'],
  ['electron/province/f7.ts', '../server/http.ts', 'layer:electron/province'],
  ['electron/main/f1.ts', '../store/db.ts', 'layer:electron/main'],
  ['electron/main/f2.ts', '../server/http.ts', 'layer:electron/main'],
  ['electron/main/f3.ts', '../../renderer/shared/api.ts', 'layer:electron/main'],
  ['electron/preload/f1.ts', 'node:fs', 'layer:electron/preload'],
  ['electron/preload/f2.ts', '../main/index.ts', 'layer:electron/preload'],
  ['devices/transports/f1.ts', '../printer/driver.ts', 'layer:devices/transports'],
  ['devices/transports/f2.ts', 'zod', 'layer:devices/transports'],
  ['devices/manager/f1.ts', '../../electron/core/a.ts', 'layer:devices/manager'],
  ['devices/manager/f2.ts', 'electron', 'layer:devices/manager'],
  ['devices/terminal/f1.ts', '../../electron/server/http.ts', 'layer:devices/terminal'],
  ['devices/terminal/f2.ts', 'electron', 'layer:devices/terminal'],
  ['devices/simulators/f1.ts', '../../electron/store/db.ts', 'layer:devices/simulators'],
  ['devices/simulators/f2.ts', 'ws', 'layer:devices/simulators'],
  // Device kinds are layers of their own.
  ['devices/printer/f1.ts', '../card-reader/x.ts', 'layer:devices/*'],
  ['devices/printer/f2.ts', '../transports/serial.ts', 'layer:devices/*'],
  ['devices/printer/f3.ts', 'serialport', 'layer:devices/*'],
  ['devices/card-reader/f1.ts', '../../electron/core/a.ts', 'layer:devices/*'],
  ['renderer/shared/f1.ts', 'node:fs', 'layer:renderer/shared'],
  ['renderer/shared/f2.ts', '../kiosk/main.ts', 'layer:renderer/shared'],
  ['renderer/shared/f3.ts', 'electron', 'layer:renderer/shared'],
  ['renderer/kiosk/f1.ts', '../counter/main.ts', 'layer:renderer/*'],
  ['renderer/kiosk/f2.ts', 'zod', 'layer:renderer/*'],
  ['renderer/province/f1.ts', '../kiosk/main.ts', 'layer:renderer/*'],
  ['renderer/province/f2.ts', '../../devices/common/types.ts', 'layer:renderer/*'],
  ['kiosk-config/f1.ts', '../electron/core/a.ts', 'layer:kiosk-config'],
  ['kiosk-config/f2.ts', 'pino', 'layer:kiosk-config'],
  // Whole-tree rules.
  ['scripts/f1.ts', '../test/support/helper.ts', 'scripts-not-test'],
  ['electron/core/f5.ts', './missing.ts', 'resolvable'],
];

/** A type-only cycle (two files importing each other's types); dependency-cruiser names one import of it. */
const CYCLE: ReadonlyArray<readonly [string, string]> = [
  ['devices/printer/fonts/font.ts', "import type { Data } from './font-data.ts';\nexport type Font = Data;\n"],
  ['devices/printer/fonts/font-data.ts', "import type { Font } from './font.ts';\nexport type Data = { font?: Font };\n"],
];

let root = '';
let result: LintResult;

const isRelative = (specifier: string): boolean => specifier.startsWith('.');

function write(file: string, text: string): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

/** Every importing file of the cases, with the targets its relative imports need. */
function buildTree(): void {
  const sources = new Map<string, string[]>();
  const targets = new Set<string>();
  for (const [file, specifiers] of [...ALLOWED, ...FORBIDDEN.map(([f, s]) => [f, [s]] as const)]) {
    sources.set(file, [...(sources.get(file) ?? []), ...specifiers]);
    for (const s of specifiers) if (isRelative(s) && !s.includes('missing')) targets.add(path.posix.join(path.posix.dirname(file), s));
  }
  for (const target of targets) if (!sources.has(target)) write(target, 'export const x = 1;\n');
  for (const [file, specifiers] of sources) write(file, `${specifiers.map((s) => `import '${s}';`).join('\n')}\nexport const y = 2;\n`);
  for (const [file, text] of CYCLE) write(file, text);
}

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'depcruise-'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  buildTree();
  result = await lintDependencies(root, ['electron', 'devices', 'renderer', 'kiosk-config', 'scripts', 'test']);
});

after(() => {
  if (root !== '') fs.rmSync(root, { recursive: true, force: true });
});

/** Rule names reported per importing file. */
function rulesByFile(): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const f of result.findings) byFile.set(f.from, [...(byFile.get(f.from) ?? []), f.rule].sort());
  return byFile;
}

test('the cases cover every row of the layer table, allowed and refused', () => {
  const refusedRows = new Set(FORBIDDEN.map(([, , rule]) => rule));
  for (const row of LAYERS) assert.ok(refusedRows.has(`layer:${row.layer}`), `no refused case for ${row.layer}`);
  const allowedFiles = ALLOWED.map(([file]) => file);
  for (const row of LAYERS) {
    const prefix = row.layer.endsWith('/*') ? row.layer.slice(0, -1) : `${row.layer}/`;
    const others = LAYERS.filter((r) => !r.layer.endsWith('/*')).map((r) => `${r.layer}/`);
    const covered = allowedFiles.some((f) => f.startsWith(prefix) && !(row.layer.endsWith('/*') && others.some((o) => f.startsWith(o))));
    assert.ok(covered, `no allowed case for ${row.layer}`);
  }
});

test('every refused import is reported under its rule, and nothing allowed is', () => {
  const expected = new Map<string, string[]>();
  for (const [file, , rule] of FORBIDDEN) expected.set(file, [...(expected.get(file) ?? []), rule].sort());
  const actual = rulesByFile();
  const cycleFiles = CYCLE.map(([file]) => file);
  for (const file of cycleFiles) if (actual.get(file)?.join() === 'no-cycles') actual.delete(file);
  const missing = [...expected].filter(([file, rules]) => JSON.stringify(actual.get(file)) !== JSON.stringify(rules));
  const extra = [...actual].filter(([file]) => !expected.has(file));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'missing: expected [file, rules] not reported so; extra: reported for allowed files');
});

test('a type-only cycle fails, named by one of its imports', () => {
  const cycle = result.findings.filter((f) => f.rule === 'no-cycles').map((f) => `${f.from} → ${f.to}`);
  assert.equal(cycle.length, 1, cycle.join('; '));
  const edges = ['devices/printer/fonts/font-data.ts → devices/printer/fonts/font.ts', 'devices/printer/fonts/font.ts → devices/printer/fonts/font-data.ts'];
  assert.ok(edges.includes(cycle[0] ?? ''), cycle[0]);
});

test('the report names the file, the rule and the import', () => {
  assert.match(result.report, /error layer:electron\/province: electron\/province\/f1\.ts → electron\/store\/db\.ts/);
  assert.match(result.report, /error scripts-not-test: scripts\/f1\.ts → test\/support\/helper\.ts/);
});
