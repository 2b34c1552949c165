import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toHex } from '../../../../devices/common/bytes.ts';
import { KeypadReportError, decodeKeyReport, decodeLedReport, encodeKeyReport, encodeLedReport } from '../../../../devices/keypad/hid-report-codec.ts';
import { KEYPAD_PROFILES, keypadProfile, keypadProfileSchema } from '../../../../devices/keypad/keypad-profile.ts';
import { FrameError, FrameReader, decodeFrame, encodeFrame, type KeypadFrame } from '../../../../devices/keypad/serial-frame-codec.ts';

describe('keypad profiles', () => {
  it('map 3, 4 and 5 keys to rating levels', () => {
    assert.deepEqual(Object.values(keypadProfile('hid-3-key').keys), ['very_satisfied', 'satisfied', 'dissatisfied']);
    assert.equal(Object.keys(keypadProfile('hid-4-key').keys).length, 4);
    assert.equal(Object.keys(keypadProfile('hid-5-key').keys).length, 5);
    for (const profile of Object.values(KEYPAD_PROFILES)) keypadProfileSchema.parse(profile);
  });

  it('reject a HID profile without a report map and a 2-key keypad', () => {
    const base = keypadProfile('hid-3-key');
    assert.throws(() => keypadProfileSchema.parse({ ...base, report: null }), /report map/);
    assert.throws(() => keypadProfileSchema.parse({ ...base, keys: { 1: 'satisfied', 2: 'dissatisfied' } }), /3 to 5 keys/);
  });
});

describe('HID keypad reports', () => {
  const p3 = keypadProfile('hid-3-key');
  const p4 = keypadProfile('hid-4-key');
  it('golden: key 2 on a numbered report, key 4 on an unnumbered one, LED on', () => {
    assert.equal(toHex(encodeKeyReport(p3, 2)), '01 02 00 00 00 00 00 00');
    assert.equal(toHex(encodeKeyReport(p4, 4)), '00 00 04 00 00 00 00 00');
    assert.equal(toHex(encodeLedReport(p3, true)), '02 01');
    assert.equal(decodeKeyReport(p3, encodeKeyReport(p3, 2)), 2);
    assert.equal(decodeKeyReport(p4, encodeKeyReport(p4, 4)), 4);
    assert.equal(decodeLedReport(p3, encodeLedReport(p3, false)), false);
  });

  const malformed: readonly (readonly [string, Uint8Array, RegExp])[] = [
    ['another report id', Uint8Array.of(3, 1), /report id 3/],
    ['too short', Uint8Array.of(1), /no key byte/],
    ['unmapped key', Uint8Array.of(1, 7), /key code 7/],
  ];
  for (const [name, report, reason] of malformed) {
    it(`rejects a key report: ${name}`, () =>
      assert.throws(
        () => decodeKeyReport(p3, report),
        (e: unknown) => e instanceof KeypadReportError && reason.test(e.message),
      ));
  }
  it('rejects LED reports that are not', () => {
    for (const bad of [Uint8Array.of(2, 5), Uint8Array.of(1, 1), Uint8Array.of(2, 1, 0)]) assert.throws(() => decodeLedReport(p3, bad), KeypadReportError);
    assert.throws(() => encodeLedReport(p4, true), /has no LEDs/);
  });
});

describe('serial keypad frames', () => {
  it('golden: key 3 = 02 4b 33 78 03', () => {
    assert.equal(toHex(encodeFrame({ type: 'key', key: 3 })), '02 4b 33 78 03');
    assert.deepEqual(decodeFrame(encodeFrame({ type: 'led', on: true })), { type: 'led', on: true });
    assert.deepEqual(decodeFrame(encodeFrame({ type: 'ack', of: 'L' })), { type: 'ack', of: 'L' });
  });

  const malformed: readonly (readonly [string, string, RegExp])[] = [
    ['short', '02 4b 33 03', /4 bytes/],
    ['no STX', '01 4b 33 78 03', /STX/],
    ['no ETX', '02 4b 33 78 04', /ETX/],
    ['bad BCC', '02 4b 33 79 03', /BCC/],
    ['unknown type', '02 5a 33 69 03', /unknown frame type 'Z'/],
    ['key 0', '02 4b 30 7b 03', /unknown frame type 'K' with payload '0'/],
  ];
  for (const [name, hex, reason] of malformed) {
    it(`rejects ${name}`, () => {
      const bytes = Uint8Array.from(hex.split(' ').map((h) => Number.parseInt(h, 16)));
      assert.throws(
        () => decodeFrame(bytes),
        (e: unknown) => e instanceof FrameError && reason.test(e.message),
      );
    });
  }

  it('the reader finds frames in any chunking, skipping noise and corrupt frames (property)', () => {
    const frame = fc.oneof(
      fc.integer({ min: 1, max: 9 }).map((key): KeypadFrame => ({ type: 'key', key })),
      fc.boolean().map((on): KeypadFrame => ({ type: 'led', on })),
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 10 }), fc.integer({ min: 1, max: 7 }), (frames, chunk) => {
        const noise = Uint8Array.of(0xff, 0x00);
        const stream = [...noise, ...frames.flatMap((f) => [...encodeFrame(f), 0x55])];
        const reader = new FrameReader();
        const got: KeypadFrame[] = [];
        for (let i = 0; i < stream.length; i += chunk) got.push(...reader.push(Uint8Array.from(stream.slice(i, i + chunk))));
        assert.deepEqual(got, frames);
      }),
    );
  });
});
