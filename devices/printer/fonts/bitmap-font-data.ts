/**
 * The shape of generated glyph data (bitmap-fonts.generated.ts), apart from the code that draws
 * it (bitmap-font.ts), so the generated file and its reader do not import each other.
 */

/** [advance, x offset, y offset from baseline (negative = above), width, height, base64 rows] */
export type GlyphData = readonly [number, number, number, number, number, string];

export interface BitmapFontData {
  readonly size: number;
  readonly ascent: number;
  readonly descent: number;
  readonly glyphs: Readonly<Record<string, GlyphData>>;
}
