/**
 * `node --import tsx scripts/printer-font.ts [font.ttf]`: regenerates devices/printer/fonts/bitmap-fonts.generated.ts,
 * the 1-bit bitmap fonts the ticket rasteriser uses to print Vietnamese on any ESC/POS printer.
 *
 * Source: DejaVu Sans Bold (Debian fonts-dejavu-core), licence in the package (Bitstream Vera derivative, free).
 * Each glyph outline is flattened and filled with the non-zero winding rule, sampling pixel centres, at
 * a fixed pixel size; the result is stored as rows of bits (base64) so the printer code needs no font engine.
 * Character set: printable ASCII plus every precomposed letter Vietnamese uses (NFC), and a few marks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import opentype from 'opentype.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'devices', 'printer', 'fonts', 'bitmap-fonts.generated.ts');
const TTF = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

const VIETNAMESE =
  'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư' + Array.from({ length: 0x1ef9 - 0x1ea0 + 1 }, (_, i) => String.fromCodePoint(0x1ea0 + i)).join('');
const ASCII = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCodePoint(0x20 + i)).join('');
const EXTRA = '–—…·★•';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-';

/** name → [pixel size, characters] */
const FONTS: Record<string, readonly [number, string]> = {
  small: [22, ASCII + VIETNAMESE + EXTRA],
  body: [28, ASCII + VIETNAMESE + EXTRA],
  title: [36, ASCII + VIETNAMESE + EXTRA],
  number: [120, ALNUM],
};

interface Cmd {
  type: string;
  x?: number;
  y?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}
type Pt = readonly [number, number];

/** Outline → closed polygons (font units scaled to pixels, y down). */
function polygons(commands: readonly Cmd[]): Pt[][] {
  const polys: Pt[][] = [];
  let cur: Pt[] = [];
  let last: Pt = [0, 0];
  const STEPS = 8;
  for (const c of commands) {
    if (c.type === 'M') {
      if (cur.length > 2) polys.push(cur);
      cur = [[c.x!, c.y!]];
      last = [c.x!, c.y!];
    } else if (c.type === 'L') {
      cur.push([c.x!, c.y!]);
      last = [c.x!, c.y!];
    } else if (c.type === 'Q') {
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS,
          u = 1 - t;
        cur.push([u * u * last[0] + 2 * u * t * c.x1! + t * t * c.x!, u * u * last[1] + 2 * u * t * c.y1! + t * t * c.y!]);
      }
      last = [c.x!, c.y!];
    } else if (c.type === 'C') {
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS,
          u = 1 - t;
        cur.push([
          u * u * u * last[0] + 3 * u * u * t * c.x1! + 3 * u * t * t * c.x2! + t * t * t * c.x!,
          u * u * u * last[1] + 3 * u * u * t * c.y1! + 3 * u * t * t * c.y2! + t * t * t * c.y!,
        ]);
      }
      last = [c.x!, c.y!];
    } else if (c.type === 'Z') {
      if (cur.length > 2) polys.push(cur);
      cur = [];
    }
  }
  if (cur.length > 2) polys.push(cur);
  return polys;
}

/** Non-zero winding fill sampled at pixel centres; returns rows of booleans. */
function fill(polys: Pt[][], x0: number, y0: number, w: number, h: number): boolean[][] {
  const rows: boolean[][] = [];
  for (let py = 0; py < h; py++) {
    const y = y0 + py + 0.5;
    const crossings: { x: number; dir: number }[] = [];
    for (const poly of polys) {
      for (let i = 0; i < poly.length; i++) {
        const a = poly[i]!,
          b = poly[(i + 1) % poly.length]!;
        if ((a[1] <= y && b[1] > y) || (b[1] <= y && a[1] > y)) {
          const x = a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
          crossings.push({ x, dir: b[1] > a[1] ? 1 : -1 });
        }
      }
    }
    crossings.sort((p, q) => p.x - q.x);
    const row = new Array<boolean>(w).fill(false);
    // fill spans where the winding number is not zero
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]!.dir;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil(crossings[i]!.x - x0 - 0.5));
      const to = Math.min(w - 1, Math.floor(crossings[i + 1]!.x - x0 - 0.5));
      for (let px = from; px <= to; px++) row[px] = true;
    }
    rows.push(row);
  }
  return rows;
}

function bitsBase64(rows: boolean[][], w: number): string {
  const stride = Math.ceil(w / 8);
  const out = Buffer.alloc(stride * rows.length);
  rows.forEach((row, y) =>
    row.forEach((on, x) => {
      if (on) out[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
    }),
  );
  return out.toString('base64');
}

const bytes = readFileSync(TTF);
const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const result: Record<string, unknown> = {};
for (const [name, [size, chars]] of Object.entries(FONTS)) {
  const scale = size / font.unitsPerEm;
  const ascent = Math.ceil(font.ascender * scale);
  const descent = Math.ceil(-font.descender * scale);
  const glyphs: Record<string, [number, number, number, number, number, string]> = {};
  for (const ch of new Set(chars.normalize('NFC'))) {
    const glyph = font.charToGlyph(ch);
    if (glyph.index === 0) throw new Error(`${TTF} has no glyph for U+${ch.codePointAt(0)!.toString(16)}`);
    const path = glyph.getPath(0, 0, size);
    const bb = path.getBoundingBox();
    const advance = Math.round((glyph.advanceWidth ?? 0) * scale);
    if (!Number.isFinite(bb.x1) || bb.x2 <= bb.x1) {
      glyphs[ch] = [advance, 0, 0, 0, 0, ''];
      continue;
    }
    const gx = Math.floor(bb.x1),
      gy = Math.floor(bb.y1);
    const w = Math.ceil(bb.x2) - gx,
      h = Math.ceil(bb.y2) - gy;
    const rows = fill(polygons(path.commands as Cmd[]), gx, gy, w, h);
    // [advance, x offset, y offset from baseline (negative = above), width, height, bits]
    glyphs[ch] = [advance, gx, gy, w, h, bitsBase64(rows, w)];
  }
  result[name] = { size, ascent, descent, glyphs };
}

const header = `/**
 * GENERATED by scripts/printer-font.ts from DejaVu Sans Bold (fonts-dejavu-core): do not edit.
 * Per font: pixel size, ascent and descent above/below the baseline in pixels, and per character
 * [advance, x offset, y offset from the baseline (negative = above), width, height, 1-bit rows (base64,
 * MSB first, each row padded to a whole byte)].
 */
import type { BitmapFontData } from './bitmap-font-data.ts';

`;
const body = Object.entries(result)
  .map(([name, data]) => `export const ${name.toUpperCase()}_FONT: BitmapFontData = ${JSON.stringify(data)};\n`)
  .join('\n');
writeFileSync(OUT, header + body);
console.log(`wrote ${OUT}`);
