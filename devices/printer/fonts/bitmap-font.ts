/**
 * Bitmap fonts for raster printing: Vietnamese text becomes dots here, so any ESC/POS printer
 * prints it correctly whatever code pages it has. The glyph data is generated from DejaVu Sans
 * Bold by scripts/printer-font.ts (bitmap-fonts.generated.ts). Text is NFC-normalised first: a
 * decomposed "ê" + U+0301 prints as the precomposed "ế". A character without a glyph prints as
 * "?" and is reported by missingGlyphs, never silently dropped.
 */
import { createBitmap, setDot, strideOf, type Bitmap } from '../raster/bitmap.ts';
import type { BitmapFontData } from './bitmap-font-data.ts';
import { BODY_FONT, NUMBER_FONT, SMALL_FONT, TITLE_FONT } from './bitmap-fonts.generated.ts';

export const FONT_NAMES = ['small', 'body', 'title', 'number'] as const;
export type FontName = (typeof FONT_NAMES)[number];

const FONT_DATA: Readonly<Record<FontName, BitmapFontData>> = {
  small: SMALL_FONT,
  body: BODY_FONT,
  title: TITLE_FONT,
  number: NUMBER_FONT,
};

interface Glyph {
  readonly advance: number;
  readonly dx: number;
  readonly dy: number;
  readonly bitmap: Bitmap;
}

const decoded = new Map<string, Glyph>();

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function glyphOf(font: FontName, ch: string): Glyph | null {
  const key = `${font}\u0000${ch}`;
  const cached = decoded.get(key);
  if (cached !== undefined) return cached;
  const data = FONT_DATA[font].glyphs[ch];
  if (data === undefined) return null;
  const [advance, dx, dy, width, height, rows] = data;
  const bitmap = { width, height, data: base64Bytes(rows) };
  if (bitmap.data.length !== strideOf(width) * height) throw new Error(`corrupt glyph '${ch}' in font ${font}`);
  const glyph = { advance, dx, dy, bitmap };
  decoded.set(key, glyph);
  return glyph;
}

export function fontMetrics(font: FontName): { readonly ascent: number; readonly descent: number; readonly lineHeight: number } {
  const { ascent, descent } = FONT_DATA[font];
  return { ascent, descent, lineHeight: ascent + descent };
}

/** Characters of `text` (after NFC) that the font cannot draw. */
export function missingGlyphs(font: FontName, text: string): string[] {
  return [...new Set([...text.normalize('NFC')].filter((ch) => glyphOf(font, ch) === null))];
}

function glyphsOf(font: FontName, text: string): Glyph[] {
  const fallback = glyphOf(font, '?') ?? glyphOf(font, '-');
  return [...text.normalize('NFC')].map((ch) => glyphOf(font, ch) ?? fallback).filter((g): g is Glyph => g !== null);
}

export function measureText(font: FontName, text: string): number {
  return glyphsOf(font, text).reduce((w, g) => w + g.advance, 0);
}

/**
 * Draws one line into a new bitmap `width` dots wide, `scale` times the font size, aligned as asked
 * within the line less `margin` dots on each side.
 */
export function renderTextLine(font: FontName, text: string, width: number, align: 'left' | 'center' | 'right', scale = 1, margin = 0): Bitmap {
  const { ascent, lineHeight } = fontMetrics(font);
  const out = createBitmap(width, lineHeight * scale);
  const outStride = strideOf(width);
  const inner = width - 2 * margin;
  const glyphs = glyphsOf(font, text);
  const textWidth = glyphs.reduce((w, g) => w + g.advance, 0) * scale;
  let pen = align === 'left' ? 0 : align === 'center' ? Math.floor((inner - textWidth) / 2) : inner - textWidth;
  pen = margin + Math.max(0, pen);
  for (const glyph of glyphs) {
    const { bitmap } = glyph;
    const stride = strideOf(bitmap.width);
    for (let y = 0; y < bitmap.height; y++) {
      const row = y * stride;
      for (let x = 0; x < bitmap.width; x++) {
        if (((bitmap.data[row + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
        const ox = pen + (glyph.dx + x) * scale;
        const oy = (ascent + glyph.dy + y) * scale;
        if (scale === 1) {
          if (ox >= 0 && ox < width && oy >= 0 && oy < out.height) out.data[oy * outStride + (ox >> 3)]! |= 0x80 >> (ox & 7);
        } else {
          for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) setDot(out, ox + sx, oy + sy);
        }
      }
    }
    pen += glyph.advance * scale;
  }
  return out;
}

/** Greedy word wrap to lines that fit `width` dots; a word longer than a line is split by characters. */
export function wrapText(font: FontName, text: string, width: number): string[] {
  const words = text
    .normalize('NFC')
    .split(/\s+/)
    .filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measureText(font, candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    let rest = word;
    while (measureText(font, rest) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && measureText(font, rest.slice(0, cut)) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '') lines.push(line);
  return lines;
}
