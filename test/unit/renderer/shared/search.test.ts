import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldVietnamese, matchesQuery } from '../../../../renderer/shared/search.ts';

describe('diacritic-insensitive search', () => {
  it('finds "Đăng ký khai sinh" from "dang ky khai sinh"', () => {
    assert.equal(matchesQuery('Thủ tục đăng ký khai sinh', 'dang ky khai sinh'), true);
    assert.equal(matchesQuery('Thủ tục Đăng ký khai sinh', 'DANG KY'), true);
  });
  it('matches every word, in any order, and rejects a missing word', () => {
    assert.equal(matchesQuery('Chứng thực bản sao từ bản chính', 'ban sao chung thuc'), true);
    assert.equal(matchesQuery('Chứng thực bản sao từ bản chính', 'khai tu'), false);
  });
  it('folds đ to d and works on decomposed (NFD) input', () => {
    assert.equal(foldVietnamese('Đất đai'), 'dat dai');
    assert.equal(foldVietnamese('Ho\u0302\u0323 ti\u0323ch'), 'ho tich');
  });
  it('an empty query matches everything', () => {
    assert.equal(matchesQuery('Hộ tịch', '   '), true);
  });
});
