import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { announcementClips, announcementSpeech, numberWords, voiceClipTexts } from '../../../../renderer/shared/voice-phrases.ts';

describe('voice phrases', () => {
  it('reads A015 at counter 3 digit by digit', () => {
    assert.deepEqual(announcementClips('A015', 3), ['invite', 'letter-A', 'digit-0', 'digit-1', 'digit-5', 'to-counter', 'counter-3']);
    assert.equal(announcementSpeech('A015', 3), 'Mời công dân có số a không một năm đến quầy số ba');
  });
  it('reads counter numbers the Vietnamese way', () => {
    assert.equal(numberWords(10), 'mười');
    assert.equal(numberWords(15), 'mười lăm');
    assert.equal(numberWords(21), 'hai mươi mốt');
    assert.equal(numberWords(24), 'hai mươi tư');
    assert.throws(() => numberWords(100), RangeError);
  });
  it('the pack has a clip for every key any call at counters 1..99 needs', () => {
    const clips = voiceClipTexts();
    for (const prefix of ['A', 'B', 'Z', 'AB']) {
      for (let c = 1; c <= 99; c++) for (const k of announcementClips(`${prefix}0123456789`, c)) assert.ok(k in clips, k);
    }
  });
});
