/**
 * The layering rules of the code base, as data, plus pure functions deciding
 * whether a single import crosses a boundary it must not cross.
 *
 * Contract: no I/O. Paths are repo-relative and '/'-separated (backslashes
 * and './' prefixes are tolerated). The CLI in check-layers.ts feeds these
 * functions with the imports it finds; tests call them directly.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * The dependency table. It mirrors the dependency table of the architecture
 * document (docs/architecture and ARCHITECTURE): a change of rules is a
 * change of this data, in both places, and nothing else.
 *
 * Reading a row (see LayerRule for the exact meaning of each field):
 *   layer     the directory the row governs; 'dir/*' = every other
 *             first-level folder of dir, each of them a layer of its own
 *   layers    other layers the row may import; 'dir/*' = any layer in dir
 *   builtins  whether node builtins ('node:fs', 'fs', ...) may be imported
 *   packages  npm packages that may be imported; '@scope/*' = whole scope
 * A file may always import from its own layer; that is not listed.
 */
export const LAYER_TABLE: readonly LayerRule[] = [
  { layer: 'electron/common', layers: [], builtins: false, packages: ['zod'] },
  { layer: 'electron/core', layers: ['electron/common'], builtins: false, packages: [] },
  {
    layer: 'electron/store',
    layers: ['electron/core', 'electron/common'],
    builtins: true,
    packages: ['better-sqlite3', 'pino'],
  },
  {
    layer: 'electron/server',
    layers: ['electron/core', 'electron/store', 'electron/common', 'kiosk-config'],
    builtins: true,
    // pdfkit and fflate: the report exports (PDF, XLSX zip).
    packages: ['ws', 'pino', 'zod', 'pdfkit', 'fflate'],
  },
  {
    layer: 'electron/main',
    layers: ['devices/*', 'electron/common', 'kiosk-config'],
    builtins: true,
    packages: ['electron', 'pino', 'zod'],
  },
  { layer: 'electron/preload', layers: ['electron/common'], builtins: false, packages: ['electron'] },

  { layer: 'devices/common', layers: [], builtins: false, packages: [] },
  {
    layer: 'devices/transports',
    layers: ['devices/common'],
    builtins: true,
    packages: ['serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite'],
  },
  {
    layer: 'devices/manager',
    layers: ['devices/*', 'electron/common', 'kiosk-config'],
    builtins: true,
    packages: [
      'serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite',
      'qrcode', 'jsqr', 'pngjs', 'pino', 'zod', 'ws',
    ],
  },
  // The terminal's device runtime on top of the manager: role APIs, the Node device host of
  // browser mode (ws), the rating sender, the terminal's identity file.
  {
    layer: 'devices/terminal',
    layers: ['devices/*', 'electron/common', 'kiosk-config'],
    builtins: true,
    packages: ['ws'],
  },
  {
    layer: 'devices/simulators',
    layers: ['devices/*', 'electron/common', 'kiosk-config'],
    builtins: true,
    packages: [
      'serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite',
      'qrcode', 'jsqr', 'pngjs', 'pino', 'zod',
    ],
  },
  // Device kinds: devices/printer, devices/card-reader, devices/keypad, ...
  // pdf-lib, @pdf-lib/fontkit, jpeg-js: the document scanner's searchable PDF.
  {
    layer: 'devices/*',
    layers: ['devices/common', 'electron/common'],
    builtins: true,
    packages: ['qrcode', 'jsqr', 'pngjs', 'tesseract.js', 'zod', 'pdf-lib', '@pdf-lib/fontkit', 'jpeg-js'],
  },

  { layer: 'renderer/shared', layers: ['electron/common'], builtins: false, packages: ['svelte', 'qrcode'] },
  // Apps: renderer/kiosk, renderer/display, renderer/counter, ...
  {
    layer: 'renderer/*',
    layers: ['renderer/shared', 'electron/common'],
    builtins: false,
    packages: ['svelte', 'qrcode'],
  },

  { layer: 'kiosk-config', layers: ['electron/common'], builtins: true, packages: ['zod'] },
];

/** One row of LAYER_TABLE. */
export interface LayerRule {
  /**
   * Directory governed by the row: either an exact directory ('electron/core')
   * or 'dir/*', meaning every first-level folder of dir that has no exact row;
   * each such folder is its own layer (devices/printer ≠ devices/scanner).
   */
  readonly layer: string;
  /** Layers that may be imported: exact names, or 'dir/*' = any layer in dir. */
  readonly layers: readonly string[];
  /** Whether node builtin modules may be imported. */
  readonly builtins: boolean;
  /** Package names that may be imported; '@scope/*' = any package of the scope. */
  readonly packages: readonly string[];
}

/** What an import specifier points at. */
export type Target =
  | { readonly kind: 'layer'; readonly layer: string }
  | { readonly kind: 'package'; readonly name: string }
  | { readonly kind: 'node' }
  /** A file outside every layer (scripts/, a root file, outside the repo) or an unresolvable specifier. Never allowed. */
  | { readonly kind: 'unlayered'; readonly path: string };

/** A forbidden import, as reported by checkImport. */
export interface Violation {
  /** Layer of the importing file. */
  readonly layer: string;
  readonly target: Target;
  readonly specifier: string;
  /** "<layer> must not import <target> ('<specifier>')" */
  readonly message: string;
}

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/** 'dir/*' patterns, in rows and in allow-lists. */
function isWildcard(pattern: string): boolean {
  return pattern.endsWith('/*');
}

/** Exact name, or 'x/*' = anything that starts with 'x/'. */
function matches(pattern: string, name: string): boolean {
  return isWildcard(pattern) ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** 'a\\b/./c/' → 'a/b/c'; '..' segments are folded, leading ones kept. */
function normalise(p: string): string {
  const n = path.posix.normalize(p.replaceAll('\\', '/'));
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/**
 * Layer a repo-relative file (or directory) belongs to, or null when it is
 * outside every layer (scripts/, test/, root files, devices/index.ts, ...).
 * Exact rows win over 'dir/*' rows. A dotted name directly in a wildcard
 * directory ('devices/index.ts') is taken as a file, not as a layer.
 */
export function layerOf(repoRelativePath: string): string | null {
  const p = normalise(repoRelativePath);
  for (const rule of LAYER_TABLE) {
    if (!isWildcard(rule.layer) && (p === rule.layer || p.startsWith(`${rule.layer}/`))) return rule.layer;
  }
  for (const rule of LAYER_TABLE) {
    if (!isWildcard(rule.layer)) continue;
    const parent = rule.layer.slice(0, -2);
    if (!p.startsWith(`${parent}/`)) continue;
    const [folder = '', ...rest] = p.slice(parent.length + 1).split('/');
    if (folder === '' || (rest.length === 0 && folder.includes('.'))) continue;
    return `${parent}/${folder}`;
  }
  return null;
}

/** The row governing a layer name returned by layerOf. */
function ruleFor(layer: string): LayerRule {
  const exact = LAYER_TABLE.find((r) => r.layer === layer);
  const rule = exact ?? LAYER_TABLE.find((r) => isWildcard(r.layer) && matches(r.layer, layer));
  if (rule === undefined) throw new Error(`no layer rule for '${layer}'`);
  return rule;
}

/** 'zod/v4' → 'zod'; '@scope/name/sub' → '@scope/name'. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** Bare = a package specifier: not a path, not a URL, not a '#' subpath import. */
function isBare(specifier: string): boolean {
  return specifier !== '' && !specifier.startsWith('/') && !specifier.startsWith('#') && !specifier.includes(':');
}

/**
 * Classifies an import specifier written in fromFile (repo-relative).
 * Relative specifiers are resolved against fromFile's directory; the result
 * is the layer of the resolved path, or 'unlayered' when it has none.
 * Absolute paths, URLs and '#' subpath imports are 'unlayered' too.
 */
export function targetOf(specifier: string, fromFile: string): Target {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return { kind: 'node' };
  if (isRelative(specifier)) {
    const resolved = normalise(path.posix.join(path.posix.dirname(normalise(fromFile)), specifier));
    const layer = layerOf(resolved);
    return layer === null ? { kind: 'unlayered', path: resolved } : { kind: 'layer', layer };
  }
  if (isBare(specifier)) return { kind: 'package', name: packageName(specifier) };
  return { kind: 'unlayered', path: specifier };
}

/** Human-readable target, as used in violation messages. */
export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'layer':
      return target.layer;
    case 'package':
      return `package ${target.name}`;
    case 'node':
      return 'node builtins';
    case 'unlayered':
      return `unlayered path ${target.path}`;
  }
}

function isAllowed(rule: LayerRule, layer: string, target: Target): boolean {
  switch (target.kind) {
    case 'layer':
      return target.layer === layer || rule.layers.some((p) => matches(p, target.layer));
    case 'package':
      return rule.packages.some((p) => matches(p, target.name));
    case 'node':
      return rule.builtins;
    case 'unlayered':
      return false;
  }
}

/**
 * Checks one import (value or type-only alike) of a repo-relative file.
 * Returns null when the import is allowed or the file is in no layer.
 */
export function checkImport(fromFile: string, specifier: string): Violation | null {
  const layer = layerOf(fromFile);
  if (layer === null) return null;
  const target = targetOf(specifier, fromFile);
  if (isAllowed(ruleFor(layer), layer, target)) return null;
  return {
    layer,
    target,
    specifier,
    message: `${layer} must not import ${describeTarget(target)} ('${specifier}')`,
  };
}
