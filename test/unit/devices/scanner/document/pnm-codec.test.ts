import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePnm, encodePnm, PnmError } from '../../../../../devices/scanner/document/pnm-codec.ts';

const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('PNM codec', () => {
  it('round-trips grey and colour images through encodePnm', () => {
    const grey = { width: 3, height: 2, channels: 1 as const, data: Uint8Array.of(0, 10, 20, 30, 40, 255) };
    const colour = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.of(255, 0, 0, 1, 2, 3) };
    assert.deepEqual(decodePnm(encodePnm(grey)), grey);
    assert.deepEqual(decodePnm(encodePnm(colour)), colour);
  });

  it('reads scanimage headers with a comment, and scales 16-bit and small maxval samples to 8 bits', () => {
    const sane = decodePnm(concat(ascii('P6\n# SANE data follows\n1 1\n255\n'), Uint8Array.of(9, 8, 7)));
    assert.deepEqual([...sane.data], [9, 8, 7]);
    const sixteen = decodePnm(concat(ascii('P5 2 1 65535\n'), Uint8Array.of(0xff, 0xff, 0x80, 0x00)));
    assert.deepEqual([...sixteen.data], [255, 128]);
    const small = decodePnm(concat(ascii('P5 2 1 15\n'), Uint8Array.of(15, 0)));
    assert.deepEqual([...small.data], [255, 0]);
  });

  const malformed: readonly (readonly [string, Uint8Array, RegExp])[] = [
    ['empty input', new Uint8Array(0), /not a PNM image/],
    ['ASCII PPM (P3)', ascii('P3 1 1 255\n1 2 3\n'), /unsupported image format 'P3'/],
    ['a TIFF', Uint8Array.of(0x49, 0x49, 0x2a, 0), /unsupported image format/],
    ['header cut after the width', ascii('P6\n630 '), /truncated PNM header/],
    ['no byte after maxval', ascii('P6 1 1 255'), /truncated PNM header/],
    ['zero width', ascii('P5 0 5 255\n'), /size 0×5 is out of range/],
    ['maxval 0', ascii('P5 1 1 0\n\0'), /maxval 0/],
    ['garbage in the header', ascii('P5 1 x 255\n'), /unexpected byte/],
    [
      'image data cut short',
      concat(ascii('P6\n4 2\n255\n'), new Uint8Array(20)),
      /truncated image data: the header announces 4×2 colour \(24 bytes\), only 20 arrived/,
    ],
  ];
  for (const [name, bytes, message] of malformed) {
    it(`refuses ${name}`, () =>
      assert.throws(
        () => decodePnm(bytes),
        (e: unknown) => e instanceof PnmError && message.test(e.message),
      ));
  }
});
