/**
 * A PDF's text as poppler's pdftotext reads it (Debian poppler-utils), whitespace collapsed and
 * NFC: what a citizen or an auditor copying from the PDF would get.
 */
import { execFileSync } from 'node:child_process';

export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
}
