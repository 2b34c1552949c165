import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHex } from '../../../../devices/common/bytes.ts';
import { decodeCp1258, encodeCp1258 } from '../../../../devices/printer/escpos/cp1258.ts';

describe('Windows-1258 (Vietnamese code page)', () => {
  it('encodes vowel letters as one byte and tones as a following combining byte', () => {
    // ộ = ô (0xf4) + dot below (0xf2); ế = ê (0xea) + acute (0xec); Đ = 0xd0; ư = 0xfd
    assert.equal(toHex(encodeCp1258('ộ').bytes), 'f4 f2');
    assert.equal(toHex(encodeCp1258('ế').bytes), 'ea ec');
    assert.equal(toHex(encodeCp1258('Đư').bytes), 'd0 fd');
    assert.equal(toHex(encodeCp1258('ẵ').bytes), 'e3 de');
  });

  it('gives the same bytes for NFC and NFD input', () => {
    const text = 'Trung tâm Phục vụ hành chính công – Ưu tiên';
    assert.deepEqual(encodeCp1258(text.normalize('NFD')).bytes, encodeCp1258(text.normalize('NFC')).bytes);
  });

  it('round-trips every Vietnamese letter through the decoder', () => {
    const letters = 'aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ';
    for (const text of [letters, letters.toUpperCase()]) {
      const { bytes, unmappable } = encodeCp1258(text);
      assert.deepEqual(unmappable, []);
      assert.equal(decodeCp1258(bytes), text.normalize('NFC'));
    }
  });

  it('replaces and reports characters outside the page', () => {
    const { bytes, unmappable } = encodeCp1258('A★B');
    assert.equal(toHex(bytes), '41 3f 42');
    assert.deepEqual(unmappable, ['★']);
  });

  it('decodes bytes the page does not define as U+FFFD', () => {
    assert.equal(decodeCp1258(Uint8Array.of(0x41, 0x81, 0x42)), 'A\ufffdB');
  });
});
