/**
 * Layer lint: the rules of layers.ts row by row, and the CLI end to end on
 * temporary trees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractImports, svelteScripts } from '../../../../scripts/lint/check-layers.ts';
import { LAYER_TABLE, checkImport, layerOf, packageName, targetOf } from '../../../../scripts/lint/layers.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(REPO_ROOT, 'scripts', 'lint', 'check-layers.ts');

const ALL_DEVICE_PACKAGES = [
  'serialport', '@serialport/parser-readline', '@serialport/bindings-cpp', 'node-hid', '@pokusew/pcsclite',
  'qrcode', 'jsqr', 'pngjs', 'pino', 'zod',
];

/** [importing file, specifiers it may import] — one entry per table row at least. */
const ALLOWED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['electron/common/a.ts', ['./b.ts', './sub/c.ts', 'zod', 'zod/v4']],
  ['electron/common/sub/a.ts', ['../b.ts']],
  ['electron/core/a.ts', ['./b.ts', '../common/domain.ts']],
  ['electron/store/db.ts', ['../core/a.ts', '../common/b.ts', 'node:fs', 'fs', 'crypto', 'path/posix', 'better-sqlite3', 'pino']],
  [
    'electron/server/http.ts',
    ['../core/a.ts', '../store/db.ts', '../common/b.ts', '../../kiosk-config/index.ts', 'node:http', 'ws', 'pino', 'zod'],
  ],
  [
    'electron/main/index.ts',
    [
      'electron', '../../devices/manager/index.ts', '../../devices/printer/driver.ts', '../../devices/common/types.ts',
      '../common/b.ts', '../../kiosk-config/load.ts', 'node:path', 'pino', 'zod',
    ],
  ],
  ['electron/preload/index.ts', ['electron', '../common/events.ts']],
  ['devices/common/types.ts', ['./frame.ts']],
  [
    'devices/transports/serial.ts',
    ['../common/types.ts', 'node:events', 'serialport', '@serialport/parser-readline', 'node-hid', '@pokusew/pcsclite'],
  ],
  [
    'devices/manager/index.ts',
    [
      '../printer/driver.ts', '../card-reader/x.ts', '../transports/serial.ts', '../simulators/printer.ts',
      '../common/types.ts', '../../electron/common/b.ts', '../../kiosk-config/load.ts', 'node:fs',
      ...ALL_DEVICE_PACKAGES,
    ],
  ],
  [
    'devices/terminal/device-host.ts',
    ['../manager/device-manager.ts', '../printer/ticket-job.ts', '../common/transport.ts', '../../electron/common/b.ts',
      '../../kiosk-config/load.ts', 'node:http', 'ws'],
  ],
  [
    'devices/simulators/printer.ts',
    ['../printer/driver.ts', '../transports/serial.ts', '../common/types.ts', '../../electron/common/b.ts',
      '../../kiosk-config/load.ts', 'node:net', ...ALL_DEVICE_PACKAGES],
  ],
  [
    'devices/printer/driver.ts',
    ['./escpos.ts', '../common/types.ts', '../../electron/common/b.ts', 'node:buffer', 'qrcode', 'jsqr', 'pngjs', 'tesseract.js', 'zod'],
  ],
  ['devices/card-reader/cccd.ts', ['../common/types.ts', 'tesseract.js', 'node:crypto']],
  ['renderer/shared/Button.svelte', ['./theme.ts', '../../electron/common/events.ts', 'svelte', 'svelte/store', 'qrcode']],
  ['renderer/kiosk/App.svelte', ['./Ticket.svelte', '../shared/Button.svelte', '../../electron/common/events.ts', 'svelte', 'qrcode']],
  ['renderer/counter/main.ts', ['../shared/api.ts', 'svelte']],
  ['kiosk-config/load.ts', ['./sites/demo-hall/hall.ts', '../electron/common/hall-config.ts', 'zod', 'node:fs', 'fs']],
  // Files outside every layer are not checked at all.
  ['scripts/hall.ts', ['better-sqlite3', '../electron/server/http.ts']],
  ['test/unit/x.test.ts', ['../../electron/core/a.ts', 'node:test']],
  ['devices/index.ts', ['electron']],
];

/** [importing file, specifier, expected message]. */
const FORBIDDEN: ReadonlyArray<readonly [string, string, string]> = [
  ['electron/common/a.ts', 'node:fs', "electron/common must not import node builtins ('node:fs')"],
  ['electron/common/a.ts', 'fs', "electron/common must not import node builtins ('fs')"],
  ['electron/common/a.ts', 'pino', "electron/common must not import package pino ('pino')"],
  ['electron/common/a.ts', '../core/a.ts', "electron/common must not import electron/core ('../core/a.ts')"],
  ['electron/common/a.ts', '../../devices/common/t.ts', "electron/common must not import devices/common ('../../devices/common/t.ts')"],

  ['devices/common/t.ts', 'zod', "devices/common must not import package zod ('zod')"],
  ['devices/common/t.ts', 'node:events', "devices/common must not import node builtins ('node:events')"],
  ['devices/common/t.ts', '../../electron/common/b.ts', "devices/common must not import electron/common ('../../electron/common/b.ts')"],
  ['devices/common/t.ts', '../transports/s.ts', "devices/common must not import devices/transports ('../transports/s.ts')"],

  ['electron/core/a.ts', 'better-sqlite3', "electron/core must not import package better-sqlite3 ('better-sqlite3')"],
  ['electron/core/a.ts', 'crypto', "electron/core must not import node builtins ('crypto')"],
  ['electron/core/a.ts', 'zod', "electron/core must not import package zod ('zod')"],
  ['electron/core/a.ts', '../store/db.ts', "electron/core must not import electron/store ('../store/db.ts')"],
  ['electron/core/a.ts', '../server/http.ts', "electron/core must not import electron/server ('../server/http.ts')"],

  ['electron/store/db.ts', '../server/http.ts', "electron/store must not import electron/server ('../server/http.ts')"],
  ['electron/store/db.ts', 'ws', "electron/store must not import package ws ('ws')"],
  ['electron/store/db.ts', 'zod', "electron/store must not import package zod ('zod')"],
  ['electron/store/db.ts', '../../kiosk-config/x.ts', "electron/store must not import kiosk-config ('../../kiosk-config/x.ts')"],

  ['electron/server/http.ts', '../main/index.ts', "electron/server must not import electron/main ('../main/index.ts')"],
  ['electron/server/http.ts', 'better-sqlite3', "electron/server must not import package better-sqlite3 ('better-sqlite3')"],
  ['electron/server/http.ts', 'electron', "electron/server must not import package electron ('electron')"],
  ['electron/server/http.ts', '../../devices/manager/i.ts', "electron/server must not import devices/manager ('../../devices/manager/i.ts')"],

  ['electron/main/index.ts', '../store/db.ts', "electron/main must not import electron/store ('../store/db.ts')"],
  ['electron/main/index.ts', '../core/a.ts', "electron/main must not import electron/core ('../core/a.ts')"],
  ['electron/main/index.ts', 'ws', "electron/main must not import package ws ('ws')"],
  ['electron/main/index.ts', '../../renderer/shared/x.ts', "electron/main must not import renderer/shared ('../../renderer/shared/x.ts')"],

  ['electron/preload/index.ts', 'node:fs', "electron/preload must not import node builtins ('node:fs')"],
  ['electron/preload/index.ts', '../main/index.ts', "electron/preload must not import electron/main ('../main/index.ts')"],
  ['electron/preload/index.ts', 'zod', "electron/preload must not import package zod ('zod')"],

  ['devices/printer/driver.ts', '../scanner/codes.ts', "devices/printer must not import devices/scanner ('../scanner/codes.ts')"],
  ['devices/printer/driver.ts', '../transports/serial.ts', "devices/printer must not import devices/transports ('../transports/serial.ts')"],
  ['devices/printer/driver.ts', '../manager/index.ts', "devices/printer must not import devices/manager ('../manager/index.ts')"],
  ['devices/printer/driver.ts', 'serialport', "devices/printer must not import package serialport ('serialport')"],
  ['devices/printer/driver.ts', 'pino', "devices/printer must not import package pino ('pino')"],
  ['devices/printer/driver.ts', '../../kiosk-config/x.ts', "devices/printer must not import kiosk-config ('../../kiosk-config/x.ts')"],
  ['devices/card-reader/cccd.ts', '../../electron/core/a.ts', "devices/card-reader must not import electron/core ('../../electron/core/a.ts')"],

  ['devices/transports/serial.ts', '../printer/driver.ts', "devices/transports must not import devices/printer ('../printer/driver.ts')"],
  ['devices/transports/serial.ts', '../../electron/common/b.ts', "devices/transports must not import electron/common ('../../electron/common/b.ts')"],
  ['devices/transports/serial.ts', 'zod', "devices/transports must not import package zod ('zod')"],
  ['devices/transports/serial.ts', '@serialportx/foo', "devices/transports must not import package @serialportx/foo ('@serialportx/foo')"],

  ['devices/manager/index.ts', '../../electron/core/a.ts', "devices/manager must not import electron/core ('../../electron/core/a.ts')"],
  ['devices/manager/index.ts', 'electron', "devices/manager must not import package electron ('electron')"],
  ['devices/manager/index.ts', 'tesseract.js', "devices/manager must not import package tesseract.js ('tesseract.js')"],
  ['devices/terminal/role-devices.ts', '../../electron/server/app.ts', "devices/terminal must not import electron/server ('../../electron/server/app.ts')"],
  ['devices/terminal/role-devices.ts', 'electron', "devices/terminal must not import package electron ('electron')"],
  ['devices/simulators/p.ts', '../../electron/store/db.ts', "devices/simulators must not import electron/store ('../../electron/store/db.ts')"],
  ['devices/simulators/p.ts', 'ws', "devices/simulators must not import package ws ('ws')"],

  ['renderer/shared/api.ts', 'node:fs', "renderer/shared must not import node builtins ('node:fs')"],
  ['renderer/shared/api.ts', '../kiosk/App.svelte', "renderer/shared must not import renderer/kiosk ('../kiosk/App.svelte')"],
  ['renderer/shared/api.ts', 'electron', "renderer/shared must not import package electron ('electron')"],
  ['renderer/shared/api.ts', '../../electron/core/a.ts', "renderer/shared must not import electron/core ('../../electron/core/a.ts')"],

  ['renderer/kiosk/App.svelte', '../counter/x.ts', "renderer/kiosk must not import renderer/counter ('../counter/x.ts')"],
  ['renderer/kiosk/App.svelte', 'path', "renderer/kiosk must not import node builtins ('path')"],
  ['renderer/kiosk/App.svelte', 'zod', "renderer/kiosk must not import package zod ('zod')"],
  ['renderer/display/main.ts', '../../devices/common/t.ts', "renderer/display must not import devices/common ('../../devices/common/t.ts')"],

  ['kiosk-config/load.ts', '../electron/core/a.ts', "kiosk-config must not import electron/core ('../electron/core/a.ts')"],
  ['kiosk-config/load.ts', 'pino', "kiosk-config must not import package pino ('pino')"],

  // Targets outside every layer are never allowed.
  ['electron/core/a.ts', '../../scripts/x.ts', "electron/core must not import unlayered path scripts/x.ts ('../../scripts/x.ts')"],
  ['electron/core/a.ts', '../../../x.ts', "electron/core must not import unlayered path ../x.ts ('../../../x.ts')"],
  ['electron/store/db.ts', '/opt/x.ts', "electron/store must not import unlayered path /opt/x.ts ('/opt/x.ts')"],
];

test('layerOf maps files to layers, exact rows before wildcard rows', () => {
  const cases: ReadonlyArray<readonly [string, string | null]> = [
    ['electron/common/domain.ts', 'electron/common'],
    ['electron/core/deep/x.ts', 'electron/core'],
    ['./electron/store/db.ts', 'electron/store'],
    ['electron\\server\\http.ts', 'electron/server'],
    ['devices/common/t.ts', 'devices/common'],
    ['devices/transports/s.ts', 'devices/transports'],
    ['devices/manager/i.ts', 'devices/manager'],
    ['devices/simulators/p.ts', 'devices/simulators'],
    ['devices/card-reader/a/b.ts', 'devices/card-reader'],
    ['devices/keypad', 'devices/keypad'],
    ['renderer/shared/x.ts', 'renderer/shared'],
    ['renderer/rating/App.svelte', 'renderer/rating'],
    ['kiosk-config/sites/demo-hall/hall.ts', 'kiosk-config'],
    ['devices/index.ts', null],
    ['electron/index.ts', null],
    ['electron/other/x.ts', null],
    ['scripts/lint/layers.ts', null],
    ['test/unit/x.ts', null],
    ['package.json', null],
    ['kiosk-configuration/x.ts', null],
  ];
  for (const [file, layer] of cases) assert.equal(layerOf(file), layer, file);
});

test('targetOf classifies builtins, packages and relative paths', () => {
  assert.deepEqual(targetOf('node:fs', 'electron/core/a.ts'), { kind: 'node' });
  assert.deepEqual(targetOf('fs/promises', 'electron/core/a.ts'), { kind: 'node' });
  assert.deepEqual(targetOf('crypto', 'electron/core/a.ts'), { kind: 'node' });
  assert.deepEqual(targetOf('zod/v4', 'electron/core/a.ts'), { kind: 'package', name: 'zod' });
  assert.deepEqual(targetOf('electron', 'electron/main/a.ts'), { kind: 'package', name: 'electron' });
  assert.deepEqual(targetOf('@serialport/parser-readline/dist/x.js', 'devices/transports/a.ts'), {
    kind: 'package',
    name: '@serialport/parser-readline',
  });
  assert.deepEqual(targetOf('../store/db.ts', 'electron/server/a.ts'), { kind: 'layer', layer: 'electron/store' });
  assert.deepEqual(targetOf('../common', 'devices/printer/a.ts'), { kind: 'layer', layer: 'devices/common' });
  assert.deepEqual(targetOf('../../kiosk-config/x.ts', 'electron/server/a.ts'), { kind: 'layer', layer: 'kiosk-config' });
  assert.deepEqual(targetOf('../../scripts/x.ts', 'electron/core/a.ts'), { kind: 'unlayered', path: 'scripts/x.ts' });
  assert.deepEqual(targetOf('#internal', 'electron/core/a.ts'), { kind: 'unlayered', path: '#internal' });
  assert.equal(packageName('@scope/name/sub/path'), '@scope/name');
  assert.equal(packageName('tesseract.js'), 'tesseract.js');
});

test('the table refers only to layers it defines', () => {
  const rows = LAYER_TABLE.map((r) => r.layer);
  assert.equal(new Set(rows).size, rows.length, 'duplicate rows');
  for (const rule of LAYER_TABLE) {
    for (const target of rule.layers) {
      assert.ok(rows.some((r) => r === target || r.startsWith(target.slice(0, -1))), `${rule.layer} → ${target}`);
    }
  }
});

test('the allowed and forbidden cases cover every row of the table', () => {
  const rowOf = (layer: string): string | undefined =>
    LAYER_TABLE.find((r) => r.layer === layer)?.layer ?? LAYER_TABLE.find((r) => r.layer === `${layer.split('/')[0]}/*`)?.layer;
  const covered = (files: readonly string[]): Set<string | undefined> =>
    new Set(files.map((f) => layerOf(f)).filter((l) => l !== null).map(rowOf));
  for (const rule of LAYER_TABLE) {
    assert.ok(covered(ALLOWED.map(([f]) => f)).has(rule.layer), `no allowed case for ${rule.layer}`);
    assert.ok(covered(FORBIDDEN.map(([f]) => f)).has(rule.layer), `no forbidden case for ${rule.layer}`);
  }
});

for (const [from, specifiers] of ALLOWED) {
  test(`allowed: ${from}`, () => {
    for (const specifier of specifiers) assert.equal(checkImport(from, specifier), null, `${from} → ${specifier}`);
  });
}

test('forbidden imports are reported with layer, target and specifier', () => {
  for (const [from, specifier, message] of FORBIDDEN) {
    const violation = checkImport(from, specifier);
    assert.ok(violation !== null, `${from} → ${specifier} should be forbidden`);
    assert.equal(violation.message, message);
    assert.equal(violation.layer, layerOf(from));
    assert.equal(violation.specifier, specifier);
  }
});

test('extractImports finds every kind of module specifier with its line', () => {
  const source = [
    "import a from 'a';", // 1
    "import type { B } from 'b';", // 2
    "import 'c';", // 3
    "export * from 'd';", // 4
    "export { e } from 'e';", // 5
    'const f = await import(', // 6
    "  'f');", // 7
    "const g = require('g');", // 8
    "import h = require('h');", // 9
    "type I = typeof import('i');", // 10
    'const dyn = await import(someVariable);', // 11: not a literal, ignored
    "const s = 'import x from \"not-an-import\"';", // 12: just a string
  ].join('\n');
  assert.deepEqual(extractImports('x.ts', source), [
    { specifier: 'a', line: 1 },
    { specifier: 'b', line: 2 },
    { specifier: 'c', line: 3 },
    { specifier: 'd', line: 4 },
    { specifier: 'e', line: 5 },
    { specifier: 'f', line: 7 },
    { specifier: 'g', line: 8 },
    { specifier: 'h', line: 9 },
    { specifier: 'i', line: 10 },
  ]);
});

test('svelteScripts keeps only <script> bodies, at their original positions', () => {
  const text = '<script lang="ts" generics="T extends Record<string, unknown>">\nimport a from \'a\';\n</script>\n<p>x</p>';
  const masked = svelteScripts(text);
  assert.equal(masked.length, text.length);
  assert.equal(masked.split('\n').length, text.split('\n').length);
  assert.deepEqual(extractImports('C.svelte', text), [{ specifier: 'a', line: 2 }]);
});

// --- CLI end to end -------------------------------------------------------

/** Creates a temporary tree from {relative path: contents}; returns its root. */
function makeTree(files: Readonly<Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'check-layers-'));
  for (const [rel, contents] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
  return root;
}

/** Runs the CLI on root; returns exit status and output lines. */
function runCli(root: string, ...args: string[]): { status: number | null; lines: string[]; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--root', root, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, lines: result.stdout.split('\n').filter((l) => l !== ''), stderr: result.stderr };
}

/** makeTree + runCli, removing the tree afterwards. */
function checkFiles(files: Readonly<Record<string, string>>, ...args: string[]): ReturnType<typeof runCli> {
  const root = makeTree(files);
  try {
    return runCli(root, ...args);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('CLI reports forbidden imports with line numbers and exits 1', () => {
  const { status, lines, stderr } = checkFiles({
    'electron/core/engine.ts': "// Queue engine.\n\nimport Database from 'better-sqlite3';\nexport const x = Database;\n",
    'electron/common/x.ts': "export const a = 1;\nimport { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n",
    'electron/server/a.ts': "import { db } from '../store/db.ts';\nexport const c = db;\n",
  });
  assert.equal(status, 1, stderr);
  assert.deepEqual(lines, [
    "electron/common/x.ts:2: electron/common must not import node builtins ('node:fs')",
    "electron/core/engine.ts:3: electron/core must not import package better-sqlite3 ('better-sqlite3')",
    'layers: 3 files checked, 2 violations',
  ]);
  assert.ok(!lines.some((l) => l.startsWith('electron/server/a.ts')));
});

test('CLI exits 0 on a clean tree', () => {
  const { status, lines, stderr } = checkFiles({
    'electron/common/domain.ts': "import { z } from 'zod';\nexport const Id = z.string();\n",
    'electron/core/engine.ts': "import type { Id } from '../common/domain.ts';\nexport type E = Id;\n",
    'electron/server/a.ts': "import { db } from '../store/db.ts';\nimport { WebSocketServer } from 'ws';\n",
    'electron/store/db.ts': "import Database from 'better-sqlite3';\nimport fs from 'node:fs';\n",
    'renderer/kiosk/App.svelte': "<script>\n  import Button from '../shared/Button.svelte';\n</script>\n<Button />\n",
    'scripts/tool.ts': "import '../electron/server/a.ts';\n",
  });
  assert.equal(status, 0, stderr);
  assert.deepEqual(lines, ['layers: 5 files checked, 0 violations']);
});

test('CLI detects dynamic imports, re-exports, type-only imports and require', () => {
  const { status, lines } = checkFiles({
    'devices/printer/index.ts': [
      "export * from '../scanner/codes.ts';", // 1
      'export async function load() {', // 2
      "  return import('../../electron/store/db.ts');", // 3
      '}', // 4
      "import type { Hall } from '../../electron/core/hall.ts';", // 5
    ].join('\n'),
    'devices/keypad/legacy.js': "const pino = require('pino');\n",
  });
  assert.equal(status, 1);
  assert.deepEqual(lines, [
    "devices/keypad/legacy.js:1: devices/keypad must not import package pino ('pino')",
    "devices/printer/index.ts:1: devices/printer must not import devices/scanner ('../scanner/codes.ts')",
    "devices/printer/index.ts:3: devices/printer must not import electron/store ('../../electron/store/db.ts')",
    "devices/printer/index.ts:5: devices/printer must not import electron/core ('../../electron/core/hall.ts')",
    'layers: 2 files checked, 4 violations',
  ]);
});

test('CLI reads <script> blocks of .svelte files and nothing else', () => {
  const { status, lines } = checkFiles({
    'renderer/kiosk/App.svelte': [
      '<script lang="ts">', // 1
      "  import Button from '../shared/Button.svelte';", // 2
      "  import { ticket } from '../counter/x.ts';", // 3
      '</script>', // 4
      '', // 5
      "<p>import y from '../counter/y.ts'</p>", // 6: markup, not code
      '<script module>', // 7
      "  export { z } from '../display/z.ts';", // 8
      '</script>', // 9
    ].join('\n'),
  });
  assert.equal(status, 1);
  assert.deepEqual(lines, [
    "renderer/kiosk/App.svelte:3: renderer/kiosk must not import renderer/counter ('../counter/x.ts')",
    "renderer/kiosk/App.svelte:8: renderer/kiosk must not import renderer/display ('../display/z.ts')",
    'layers: 1 files checked, 2 violations',
  ]);
});

test('CLI skips node_modules and dist, and checks only the directories given', () => {
  const files = {
    'electron/core/node_modules/pkg/index.js': "require('fs');\n",
    'electron/core/dist/engine.js': "import 'better-sqlite3';\n",
    'electron/core/a.ts': "export const a = 1;\n",
    'devices/common/bad.ts': "import 'node:fs';\n",
  };
  const all = checkFiles(files);
  assert.equal(all.status, 1);
  assert.deepEqual(all.lines, [
    "devices/common/bad.ts:1: devices/common must not import node builtins ('node:fs')",
    'layers: 2 files checked, 1 violations',
  ]);
  const electronOnly = checkFiles(files, 'electron');
  assert.equal(electronOnly.status, 0);
  assert.deepEqual(electronOnly.lines, ['layers: 1 files checked, 0 violations']);
  assert.equal(checkFiles(files, 'no-such-dir').status, 2);
});
