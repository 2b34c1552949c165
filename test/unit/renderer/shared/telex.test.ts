import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { telexKey, telexType } from '../../../../renderer/shared/telex.ts';

describe('Telex input', () => {
  const cases: [string, string][] = [
    ['ddawng kys khai sinh', 'đăng ký khai sinh'],
    ['chuwngs thuwcj', 'chứng thực'],
    ['vieetj nam', 'việt nam'],
    ['nguowif', 'người'],
    ['DDaats ddai', 'Đất đai'],
    ['hoaf', 'hòa'],
    ['Hoaf Binhf', 'Hòa Bình'],
    ['khoer', 'khỏe'],
    ['thuyr', 'thủy'],
    ['Thanh Hoas', 'Thanh Hóa'],
    ['hoanf', 'hoàn'],
    ['thuyeen', 'thuyên'],
    ['quys', 'quý'],
    ['gias', 'giá'],
    ['cuar', 'của'],
    ['muwowjn', 'mượn'],
  ];
  for (const [keys, expected] of cases) {
    it(`${keys} → ${expected}`, () => assert.equal(telexType(keys), expected));
  }
  it('a doubled modifier undoes itself', () => {
    assert.equal(telexType('aaa'), 'aa');
    assert.equal(telexType('ddd'), 'dd');
  });
  it('z removes the tone; the same tone key twice types the letter', () => {
    assert.equal(telexType('asz'), 'a');
    assert.equal(telexType('ass'), 'as');
  });
  it('output is NFC', () => {
    const out = telexType('tieengs vieetj');
    assert.equal(out, out.normalize('NFC'));
  });
  it('keys after a space start a new word', () => {
    assert.equal(telexKey('đăng ', 's'), 'đăng s');
  });
});
