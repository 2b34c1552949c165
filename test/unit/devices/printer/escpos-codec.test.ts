import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fromHex, toHex } from '../../../../devices/common/bytes.ts';
import { EscPosDecodeError, type EscPosCommand } from '../../../../devices/printer/escpos/command.ts';
import { decodeEscPos, decodeStream } from '../../../../devices/printer/escpos/decode.ts';
import { encodeCommand, encodeCommands } from '../../../../devices/printer/escpos/encode.ts';
import { decodeProcessIdReply, encodeProcessIdReply } from '../../../../devices/printer/escpos/process-id.ts';

/** Golden bytes of every encoder, from the ESC/POS command reference, and the command they decode to. */
const GOLDEN: readonly (readonly [EscPosCommand, string])[] = [
  [{ op: 'init' }, '1b 40'],
  [{ op: 'codePage', page: 52 }, '1b 74 34'],
  [{ op: 'align', align: 'center' }, '1b 61 01'],
  [{ op: 'align', align: 'right' }, '1b 61 02'],
  [{ op: 'emphasis', on: true }, '1b 45 01'],
  [{ op: 'textSize', width: 4, height: 4 }, '1d 21 33'],
  [{ op: 'textSize', width: 1, height: 2 }, '1d 21 01'],
  [{ op: 'text', bytes: fromHex('41 30 31 35') }, '41 30 31 35'],
  [{ op: 'lineFeed' }, '0a'],
  [{ op: 'feedLines', lines: 4 }, '1b 64 04'],
  [{ op: 'cut', mode: 'partial', feed: 0 }, '1d 56 42 00'],
  [{ op: 'cut', mode: 'full', feed: 3 }, '1d 56 41 03'],
  [{ op: 'raster', width: 16, height: 2, data: fromHex('ff 00 0f f0') }, '1d 76 30 00 02 00 02 00 ff 00 0f f0'],
  [{ op: 'qrModel', model: 2 }, '1d 28 6b 04 00 31 41 32 00'],
  [{ op: 'qrModuleSize', dots: 6 }, '1d 28 6b 03 00 31 43 06'],
  [{ op: 'qrErrorLevel', level: 'M' }, '1d 28 6b 03 00 31 45 31'],
  [{ op: 'qrStore', data: fromHex('41 42') }, '1d 28 6b 05 00 31 50 30 41 42'],
  [{ op: 'qrPrint' }, '1d 28 6b 03 00 31 51 30'],
  [{ op: 'statusRequest', kind: 1 }, '10 04 01'],
  [{ op: 'statusRequest', kind: 4 }, '10 04 04'],
  [{ op: 'processId', id: '0042' }, '1d 28 48 06 00 30 30 30 30 34 32'],
];

describe('ESC/POS encoders and decoder', () => {
  for (const [command, hex] of GOLDEN) {
    it(`${command.op} ${JSON.stringify(command, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v))} ⇄ ${hex}`, () => {
      assert.equal(toHex(encodeCommand(command)), hex);
      assert.deepEqual(decodeEscPos(fromHex(hex)), [command]);
    });
  }

  it('decodes a whole job back into the commands it was encoded from', () => {
    const commands = GOLDEN.map(([c]) => c);
    assert.deepEqual(decodeEscPos(encodeCommands(commands)), commands);
  });

  it('round-trips any sequence of valid commands (property)', () => {
    const command: fc.Arbitrary<EscPosCommand> = fc.oneof(
      fc.constant<EscPosCommand>({ op: 'init' }),
      fc.constantFrom<EscPosCommand>({ op: 'align', align: 'left' }, { op: 'align', align: 'center' }),
      fc.record({ op: fc.constant('feedLines' as const), lines: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('textSize' as const), width: fc.integer({ min: 1, max: 8 }), height: fc.integer({ min: 1, max: 8 }) }),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b): EscPosCommand => ({ op: 'text', bytes: b.map((x) => 0x20 + (x % 0xe0)) })),
      fc
        .record({ stride: fc.integer({ min: 1, max: 6 }), height: fc.integer({ min: 1, max: 5 }) })
        .chain(({ stride, height }) =>
          fc
            .uint8Array({ minLength: stride * height, maxLength: stride * height })
            .map((data): EscPosCommand => ({ op: 'raster', width: stride * 8, height, data })),
        ),
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((data): EscPosCommand => ({ op: 'qrStore', data })),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        // Adjacent text runs merge on the wire: compare by bytes after a second encode.
        const bytes = encodeCommands(commands);
        assert.deepEqual(encodeCommands(decodeEscPos(bytes)), bytes);
      }),
    );
  });

  it('refuses to encode values the wire cannot carry', () => {
    assert.throws(() => encodeCommand({ op: 'textSize', width: 9, height: 1 }), RangeError);
    assert.throws(() => encodeCommand({ op: 'text', bytes: fromHex('41 0a') }), /control byte/);
    assert.throws(() => encodeCommand({ op: 'raster', width: 16, height: 2, data: fromHex('ff') }), /expected 2×2/);
    assert.throws(() => encodeCommand({ op: 'qrModuleSize', dots: 0 }), RangeError);
    assert.throws(() => encodeCommand({ op: 'qrStore', data: new Uint8Array(0) }), RangeError);
    assert.throws(() => encodeCommand({ op: 'feedLines', lines: 256 }), RangeError);
    assert.throws(() => encodeCommand({ op: 'processId', id: '12345' }), /4 digits/);
  });
});

/** Malformed input, one row per decoder family: the bytes, whether more bytes could complete them, and the reason. */
const MALFORMED: readonly (readonly [family: string, hex: string, truncated: boolean, reason: RegExp])[] = [
  ['setup', '1b', true, /ESC command is cut short/],
  ['setup', '1b 74', true, /ESC t is cut short/],
  ['format', '1b 61 07', false, /justification 7/],
  ['format', '1b 61', true, /ESC a is cut short/],
  ['format', '1d 21 88', false, /exceeds 8×8/],
  ['paper', '1d 56 07', false, /cut mode 7/],
  ['paper', '1d 56 42', true, /GS V m n is cut short/],
  ['paper', '1b 64', true, /ESC d is cut short/],
  ['raster', '1d 76 31 00 01 00 01 00 ff', false, /expected '0'/],
  ['raster', '1d 76 30 02 01 00 01 00 ff', false, /scaled mode 2/],
  ['raster', '1d 76 30 00 00 00 01 00', false, /empty image/],
  ['raster', '1d 76 30 00 02 00 02 00 ff ff ff', true, /cut short \(3 of 4 bytes\)/],
  ['raster', '1d 76 30 00 02', true, /xH is cut short/],
  ['qr', '1d 28 6b 01 00 31', false, /shorter than cn fn/],
  ['qr', '1d 28 6b 03 00 30 43 06', false, /cn=48 is not QR/],
  ['qr', '1d 28 6b 03 00 31 43 11', false, /module size 17/],
  ['qr', '1d 28 6b 03 00 31 45 35', false, /error level/],
  ['qr', '1d 28 6b 04 00 31 41 33 00', false, /model must be/],
  ['qr', '1d 28 6b 03 00 31 50 30', false, /at least one data byte/],
  ['qr', '1d 28 6b 03 00 31 51 31', false, /print takes m=48/],
  ['qr', '1d 28 6b 03 00 31 7f 30', false, /unknown function/],
  ['qr', '1d 28 6b 09 00 31 50 30 41', true, /cut short/],
  ['status', '10 05 01', false, /not a supported real-time command/],
  ['status', '10 04 03', false, /status kind 3/],
  ['status', '10 04', true, /DLE EOT n is cut short/],
  ['process id', '1d 28 48 05 00 30 30 30 30 34', false, /length 5 is not 6/],
  ['process id', '1d 28 48 06 00 31 30 30 30 34 32', false, /only fn=48 m=48/],
  ['process id', '1d 28 48 06 00 30 30 30 41 34 32', false, /'0A42' is not 4 digits/],
  ['process id', '1d 28 48 06 00 30 30 30', true, /cut short/],
  ['unknown', '1b 7e 00', false, /unknown command starting 0x1b 0x7e/],
  ['unknown', '07', false, /unknown command starting 0x07/],
];

describe('ESC/POS decoder on malformed input', () => {
  for (const [family, hex, truncated, reason] of MALFORMED) {
    it(`${family}: ${hex} → ${truncated ? 'truncated' : 'malformed'}`, () => {
      assert.throws(
        () => decodeEscPos(fromHex(hex)),
        (error: unknown) => error instanceof EscPosDecodeError && error.truncated === truncated && reason.test(error.message) && error.offset === 0,
      );
    });
  }

  it('reports the offset of a malformed command inside a job', () => {
    assert.throws(
      () => decodeEscPos(fromHex('1b 40 0a 1b 61 09')),
      (e: unknown) => e instanceof EscPosDecodeError && e.offset === 3,
    );
  });

  it('stream decoding keeps a cut-short command for the next chunk and skips malformed bytes', () => {
    const first = decodeStream(fromHex('1b 40 07 1d 76 30 00 01 00 02 00 ff'));
    assert.deepEqual(first.commands, [{ op: 'init' }]);
    assert.equal(first.errors.length, 1);
    assert.equal(toHex(first.rest), '1d 76 30 00 01 00 02 00 ff');
    const second = decodeStream(fromHex(`${toHex(first.rest)} 80`));
    assert.deepEqual(second.commands, [{ op: 'raster', width: 8, height: 2, data: fromHex('ff 80') }]);
    assert.equal(second.rest.length, 0);
  });

  it('never throws on arbitrary bytes in stream mode (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const { rest } = decodeStream(bytes);
        assert.ok(rest.length <= bytes.length);
      }),
    );
  });
});

describe('process id answers', () => {
  it('decodes the answer the printer sends and rejects anything else', () => {
    assert.equal(toHex(encodeProcessIdReply('0042')), '37 22 30 30 34 32 00');
    assert.equal(decodeProcessIdReply(encodeProcessIdReply('9999')), '9999');
    for (const bad of ['37 22 30 30 34 32', '37 23 30 30 34 32 00', '37 22 30 30 34 32 01', '37 22 30 41 34 32 00', '12 22 30 30 34 32 00']) {
      assert.throws(() => decodeProcessIdReply(fromHex(bad)), EscPosDecodeError, bad);
    }
  });
});
