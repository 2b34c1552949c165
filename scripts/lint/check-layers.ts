/**
 * Layer lint: checks every import of the layered source trees against the
 * dependency table in layers.ts.
 *
 *   node --import tsx scripts/lint/check-layers.ts [--root DIR] [DIR...]
 *
 * DIRs are relative to the root (default: the current directory) and default
 * to electron, devices, renderer and kiosk-config (missing defaults are
 * skipped). node_modules, dist and dot-directories are not entered.
 *
 * Output: one line per violation, `path:line: <message>` with path relative
 * to the root and line the 1-based line of the module specifier, then
 * `layers: N files checked, M violations` (N counts files inside a layer).
 * Exit code: 0 clean, 1 violations found, 2 usage or I/O error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { checkImport, layerOf } from './layers.ts';

export const DEFAULT_DIRS: readonly string[] = ['electron', 'devices', 'renderer', 'kiosk-config'];
const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.svelte']);
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist']);

/** A module specifier found in a source file. */
export interface ImportRef {
  readonly specifier: string;
  /** 1-based line of the specifier string. */
  readonly line: number;
}

/** A violation located in the checked tree. */
export interface Finding {
  /** Root-relative, '/'-separated. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Opening tag (quoted attribute values may hold '>', e.g. Svelte generics),
 * body, closing tag.
 */
const SCRIPT_BLOCK = /(<script\b(?:"[^"]*"|'[^']*'|[^>"'])*>)([\s\S]*?)<\/script\s*>/gi;

/** Replaces every character but newlines by a space. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/**
 * The contents of a .svelte file's <script> blocks, with everything else
 * blanked out, so that positions (and line numbers) match the original file.
 */
export function svelteScripts(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SCRIPT_BLOCK)) {
    const bodyStart = m.index + (m[1] ?? '').length;
    const bodyEnd = bodyStart + (m[2] ?? '').length;
    out += blank(text.slice(last, bodyStart)) + text.slice(bodyStart, bodyEnd);
    last = bodyEnd;
  }
  return out + blank(text.slice(last));
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  switch (path.extname(fileName)) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.js':
    case '.mjs':
      return ts.ScriptKind.JS;
    default: // .ts, .mts, .cts, and .svelte scripts (TS parses plain JS too)
      return ts.ScriptKind.TS;
  }
}

/** `import(...)` or `require(...)`. */
function isImportOrRequireCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
}

/**
 * Every module specifier of a source file, in source order: static imports
 * and re-exports (type-only included), `import x = require('x')`,
 * `import('x')` in expressions and types, and `require('x')`. Calls whose
 * argument is not a plain string literal are ignored (cannot be checked).
 * For .svelte files only <script> blocks are read.
 */
export function extractImports(fileName: string, text: string): ImportRef[] {
  const code = fileName.endsWith('.svelte') ? svelteScripts(text) : text;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  const refs: ImportRef[] = [];
  const add = (node: ts.Node | undefined): void => {
    if (node === undefined || !ts.isStringLiteralLike(node)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    refs.push({ specifier: node.text, line: line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    } else if (ts.isCallExpression(node) && isImportOrRequireCall(node)) {
      add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** Source files under dir (or dir itself if it is a file), sorted by path. */
function* sourceFiles(dir: string): Generator<string> {
  if (fs.statSync(dir).isFile()) {
    yield dir;
    return;
  }
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) yield* sourceFiles(full);
    } else if (entry.isFile() && SOURCE_EXTENSIONS.has(path.extname(entry.name))) {
      yield full;
    }
  }
}

/**
 * Checks the given directories (absolute, or relative to root) of the tree
 * at root. Files outside every layer are neither checked nor counted.
 */
export function checkTree(root: string, dirs: readonly string[]): { filesChecked: number; findings: Finding[] } {
  let filesChecked = 0;
  const findings: Finding[] = [];
  for (const dir of dirs) {
    for (const file of sourceFiles(path.resolve(root, dir))) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (layerOf(rel) === null) continue;
      filesChecked++;
      for (const { specifier, line } of extractImports(file, fs.readFileSync(file, 'utf8'))) {
        const violation = checkImport(rel, specifier);
        if (violation !== null) findings.push({ file: rel, line, message: violation.message });
      }
    }
  }
  return { filesChecked, findings };
}

const USAGE = 'usage: check-layers [--root DIR] [DIR...]';

/** Parses argv, runs the check, prints the report; returns the exit code. */
export function main(argv: readonly string[]): number {
  let root = '.';
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--root') {
      const value = argv[++i];
      if (value === undefined) {
        console.error(USAGE);
        return 2;
      }
      root = value;
    } else if (arg.startsWith('--root=')) {
      root = arg.slice('--root='.length);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else {
      dirs.push(arg);
    }
  }
  root = path.resolve(root);
  const missing = dirs.filter((d) => !fs.existsSync(path.resolve(root, d)));
  if (missing.length > 0) {
    console.error(`layers: no such directory: ${missing.join(', ')}`);
    return 2;
  }
  const targets = dirs.length > 0 ? dirs : DEFAULT_DIRS.filter((d) => fs.existsSync(path.resolve(root, d)));
  try {
    const { filesChecked, findings } = checkTree(root, targets);
    for (const f of findings) console.log(`${f.file}:${f.line}: ${f.message}`);
    console.log(`layers: ${filesChecked} files checked, ${findings.length} violations`);
    return findings.length > 0 ? 1 : 0;
  } catch (err) {
    console.error(`layers: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

/** True when this module is the program node was asked to run. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = main(process.argv.slice(2));
