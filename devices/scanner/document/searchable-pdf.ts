/**
 * One paper as a two-layer PDF (pdf-lib): each page is the scanned image (JPEG) at its scanned
 * size, 1 px = 72/dpi pt, with the OCR words laid over it as invisible text (PDF 32000-1 §9.3.6,
 * text rendering mode 3: neither filled nor stroked) so a reader can search and select them. The
 * font is a TrueType font with Vietnamese glyphs (Noto Sans by default), embedded as a subset with
 * a ToUnicode map, so copied text comes out as the Unicode the OCR read (NFC).
 * Each word is placed on its box: the font size makes the font's height (ascender to descender)
 * the box height, the baseline sits a descent above the box bottom, and horizontal scaling (Tz)
 * stretches the word to the box width.
 */
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFFont,
  type PDFName,
  type PDFPage,
} from 'pdf-lib';
import { encodeJpeg } from './jpeg-encode.ts';
import type { OcrWord } from './ocr-engine.ts';
import type { RasterImage } from './pnm-codec.ts';

export interface PdfPageInput {
  readonly image: RasterImage;
  readonly dpi: number;
  readonly words: readonly OcrWord[];
}

export interface SearchablePdfOptions {
  /** TrueType/OpenType bytes of a font with Vietnamese glyphs. */
  readonly font: Uint8Array;
  /** Creation date written in the document information. */
  readonly createdAt: Date;
}

function drawInvisibleWords(page: PDFPage, font: PDFFont, fontKey: PDFName, words: readonly OcrWord[], scale: number): void {
  const pageHeight = page.getHeight();
  const unitHeight = font.heightAtSize(1, { descender: true });
  const unitAscent = font.heightAtSize(1, { descender: false });
  const ops = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const word of words) {
    const boxWidth = (word.x1 - word.x0) * scale;
    const boxHeight = (word.y1 - word.y0) * scale;
    if (boxWidth <= 0 || boxHeight <= 0) continue;
    let encoded: ReturnType<PDFFont['encodeText']>;
    try {
      encoded = font.encodeText(word.text);
    } catch {
      continue; // a character the font cannot encode: the word stays image-only
    }
    const size = boxHeight / unitHeight;
    const natural = font.widthOfTextAtSize(word.text, size);
    if (natural <= 0) continue;
    const baseline = pageHeight - word.y1 * scale + (unitHeight - unitAscent) * size;
    ops.push(setFontAndSize(fontKey, size), setCharacterSqueeze((boxWidth / natural) * 100), setTextMatrix(1, 0, 0, 1, word.x0 * scale, baseline));
    ops.push(showText(encoded));
  }
  ops.push(endText(), popGraphicsState());
  page.pushOperators(...ops);
}

/** The PDF bytes of one paper, pages in the given order. */
export async function writeSearchablePdf(pages: readonly PdfPageInput[], options: SearchablePdfOptions): Promise<Uint8Array> {
  if (pages.length === 0) throw new RangeError('a PDF needs at least one page');
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  pdf.setProducer('one-stop-hall document scanner');
  pdf.setCreator('one-stop-hall document scanner');
  pdf.setCreationDate(options.createdAt);
  pdf.setModificationDate(options.createdAt);
  const font = await pdf.embedFont(options.font, { subset: true });
  for (const input of pages) {
    const scale = 72 / input.dpi;
    const width = input.image.width * scale;
    const height = input.image.height * scale;
    const jpeg = await pdf.embedJpg(encodeJpeg(input.image));
    const page = pdf.addPage([width, height]);
    page.drawImage(jpeg, { x: 0, y: 0, width, height });
    const fontKey = page.node.newFontDictionary(font.name, font.ref);
    drawInvisibleWords(page, font, fontKey, input.words, scale);
  }
  return pdf.save({ useObjectStreams: false });
}
