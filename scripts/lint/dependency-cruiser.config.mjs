// @ts-check
/**
 * dependency-cruiser's configuration (`npm run lint`): the dependency table of the architecture as
 * data (LAYERS), turned into one forbidden rule per row, plus the rules for the whole tree:
 *   - no import cycles, type-only imports included (tsPreCompilationDeps);
 *   - no import that does not resolve;
 *   - scripts/ never imports test/ (the test harness is not a library of the tools).
 * A change of rules is a change of LAYERS, in the same commit as the architecture's table.
 *
 * Reading a row:
 *   layer     the folder the row governs; 'dir/*' = every other first-level folder of dir, each a
 *             layer of its own (devices/printer must not import devices/scanner)
 *   may       other layers it may import; 'dir/*' = any folder of dir
 *   builtins  whether node builtins ('node:fs', 'fs', …) may be imported
 *   packages  npm packages it may import ('@scope/*' = the whole scope); their @types too
 * A file may always import its own layer. Files outside every layer (scripts/, test/, root files)
 * are checked only by the whole-tree rules.
 *
 * Deliberate differences from the bare table, each with its reason (docs/decisions.md):
 *   - electron/server may import kiosk-config: the hall server loads the hall's site folder.
 *   - electron/server may import devices/card-reader: it re-runs passive authentication of the chip
 *     files a kiosk forwards, with its own trust store (LDS parsing and PA are pure: no device I/O).
 *   - electron/province may import electron/server/reports (the report writers): the province's
 *     exports are written by the hall's XLSX and PDF code.
 *   - devices/terminal (role APIs, the Node device host, rating sender, identity) sits on the
 *     manager like main does, and serves the device contract over ws in browser mode.
 */

/** @typedef {{ layer: string, may: string[], builtins: boolean, packages: string[], why?: string }} LayerRow */

const HTTP = ['fastify', '@fastify/*', 'fastify-type-provider-zod', 'ws', 'prom-client', 'uuid'];
const DEVICE_IO = ['serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite'];
const IMAGES = ['qrcode', 'jsqr', 'pngjs'];

/** @type {LayerRow[]} */
export const LAYERS = [
  { layer: 'electron/common', may: [], builtins: false, packages: ['zod'] },
  { layer: 'electron/core', may: ['electron/common'], builtins: false, packages: [] },
  { layer: 'electron/store', may: ['electron/core', 'electron/common'], builtins: true, packages: ['better-sqlite3', 'pino'] },
  {
    layer: 'electron/server',
    may: ['electron/core', 'electron/store', 'electron/common', 'kiosk-config', 'devices/card-reader'],
    builtins: true,
    // pdfkit and fflate: the report exports (PDF, XLSX zip).
    packages: [...HTTP, 'pino', 'zod', 'pdfkit', 'fflate'],
    why: 'kiosk-config: the hall server loads the hall site folder; devices/card-reader: it re-runs passive authentication of forwarded chip files',
  },
  {
    layer: 'electron/province',
    may: ['electron/core', 'electron/common', 'electron/server/reports'],
    builtins: true,
    packages: [...HTTP, 'pg', 'pg-copy-streams', 'pino', 'zod', 'pdfkit', 'fflate'],
    why: 'electron/server/reports: the province exports use the hall report writers',
  },
  { layer: 'electron/main', may: ['devices/*', 'electron/common', 'kiosk-config'], builtins: true, packages: ['electron', 'pino', 'zod'] },
  { layer: 'electron/preload', may: ['electron/common'], builtins: false, packages: ['electron'] },

  { layer: 'devices/common', may: [], builtins: false, packages: [] },
  { layer: 'devices/transports', may: ['devices/common'], builtins: true, packages: DEVICE_IO },
  {
    layer: 'devices/manager',
    may: ['devices/*', 'electron/common', 'kiosk-config'],
    builtins: true,
    packages: [...DEVICE_IO, ...IMAGES, 'pino', 'zod', 'ws'],
  },
  { layer: 'devices/terminal', may: ['devices/*', 'electron/common', 'kiosk-config'], builtins: true, packages: ['ws'] },
  {
    layer: 'devices/simulators',
    may: ['devices/*', 'electron/common', 'kiosk-config'],
    builtins: true,
    packages: [...DEVICE_IO, ...IMAGES, 'pino', 'zod'],
  },
  // Device kinds: devices/printer, devices/card-reader, devices/keypad, devices/scanner, …
  // pdf-lib, @pdf-lib/fontkit, jpeg-js: the document scanner's searchable PDF.
  {
    layer: 'devices/*',
    may: ['devices/common', 'electron/common'],
    builtins: true,
    packages: [...IMAGES, 'tesseract.js', 'zod', 'pdf-lib', '@pdf-lib/fontkit', 'jpeg-js'],
  },

  { layer: 'renderer/shared', may: ['electron/common'], builtins: false, packages: ['svelte', 'qrcode', 'uplot'] },
  // Apps: renderer/kiosk, renderer/display, renderer/counter, renderer/rating, renderer/dashboard,
  // renderer/ticket, renderer/province, …
  { layer: 'renderer/*', may: ['renderer/shared', 'electron/common'], builtins: false, packages: ['svelte', 'qrcode', 'uplot'] },

  { layer: 'kiosk-config', may: ['electron/common'], builtins: true, packages: ['zod', 'pngjs'] },
];

/** @param {string} text */
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** @param {string} pattern */
const isWildcard = (pattern) => pattern.endsWith('/*');
/** 'electron/core' → '^electron/core/'; 'devices/*' → '^devices/'. @param {string} layer */
const layerPath = (layer) => `^${escapeRegex(isWildcard(layer) ? layer.slice(0, -1) : `${layer}/`)}`;
/** A package as resolved under node_modules, its @types package included. @param {string} name */
const packagePath = (name) => {
  const base = isWildcard(name) ? `${escapeRegex(name.slice(0, -1))}[^/]+` : escapeRegex(name);
  const types = name.startsWith('@') ? `@types/${escapeRegex(name.slice(1).replace('/', '__'))}` : `@types/${base}`;
  return `(^|/)node_modules/(${base}|${types})/`;
};

/** @param {LayerRow} row @returns {import('dependency-cruiser').IForbiddenRuleType} */
function ruleOf(row) {
  const explicit = LAYERS.filter((r) => !isWildcard(r.layer)).map((r) => r.layer);
  let from;
  let own;
  if (isWildcard(row.layer)) {
    const parent = row.layer.slice(0, -2);
    const taken = explicit.filter((l) => l.startsWith(`${parent}/`)).map((l) => escapeRegex(l.slice(parent.length + 1)));
    from = { path: `^${escapeRegex(parent)}/([^/]+)/`, pathNot: `^${escapeRegex(parent)}/(${taken.join('|')})/` };
    own = `^${escapeRegex(parent)}/$1/`;
  } else {
    from = { path: layerPath(row.layer) };
    own = layerPath(row.layer);
  }
  const allowed = [own, ...row.may.map(layerPath), ...row.packages.map(packagePath)];
  return {
    name: `layer:${row.layer}`,
    severity: 'error',
    comment:
      `${row.layer} may import its own layer, ${row.may.join(', ') || 'no other layer'}` +
      `${row.builtins ? ', node builtins' : ''}${row.packages.length > 0 ? `, packages ${row.packages.join(', ')}` : ''}` +
      `${row.why ? ` (${row.why})` : ''}`,
    from,
    // An import that does not resolve is the 'resolvable' rule's, not the layer's.
    to: { pathNot: allowed, couldNotResolve: false, ...(row.builtins ? { dependencyTypesNot: ['core'] } : {}) },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...LAYERS.map(ruleOf),
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'modules that import each other, also through type-only imports: move the shared part down a layer',
      from: {},
      to: { circular: true },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment: 'an import that resolves to no file or package',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'scripts-not-test',
      severity: 'error',
      comment: 'scripts/ are tools of the product; the test harness (test/) is not their library',
      from: { path: '^scripts/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    // Type-only imports count: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Packages are checked (their path is under node_modules) but not cruised into.
    exclude: { path: '^dist/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
