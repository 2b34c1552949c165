import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../../../../electron/common/errors.ts';
import { errorMessage, registerCatalogues, translate } from '../../../../renderer/shared/i18n.ts';
import { ALL_CATALOGUES } from '../../../../renderer/shared/i18n/catalogues.ts';

const vi: Record<string, string> = Object.assign({}, ...ALL_CATALOGUES.map((c) => c.vi));
const en: Record<string, string> = Object.assign({}, ...ALL_CATALOGUES.map((c) => c.en));

describe('i18n catalogues', () => {
  it('both catalogues have the same keys and no empty text', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(vi).sort());
    for (const [k, v] of [...Object.entries(vi), ...Object.entries(en)]) assert.ok(v.trim().length > 0, k);
  });
  it('Vietnamese text is NFC', () => {
    for (const [k, v] of Object.entries(vi)) assert.equal(v, v.normalize('NFC'), k);
  });
  it('every server error code has a message in both languages, different from the fallback', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      assert.ok(errorMessage(code, 'vi').length > 0);
      assert.ok(errorMessage(code, 'en').length > 0);
    }
    assert.equal(errorMessage('INVALID_CREDENTIALS', 'vi'), 'Tên đăng nhập hoặc mã PIN không đúng.');
    assert.equal(errorMessage('already_rated', 'vi'), 'Lượt phục vụ này đã được đánh giá.');
    assert.equal(errorMessage('SOMETHING_NEW', 'vi'), ERROR_CODES.INTERNAL.vi);
  });
  it('no two parts define the same key', () => {
    const count = ALL_CATALOGUES.reduce((n, c) => n + Object.keys(c.vi).length, 0);
    assert.equal(Object.keys(vi).length, count);
  });
  it('a key of a part the app did not register shows as the key, reported once', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      assert.equal(translate('vi', 'rating.idle'), 'rating.idle');
      assert.equal(translate('en', 'rating.idle'), 'rating.idle');
    } finally {
      console.error = original;
    }
    assert.equal(errors.length, 1);
  });
  it('fills parameters and leaves unknown ones visible', () => {
    registerCatalogues(...ALL_CATALOGUES);
    assert.equal(translate('vi', 'display.announcement', { number: 'A015', counter: 3 }), 'Mời công dân có số A015 đến quầy số 3');
    assert.equal(translate('en', 'kiosk.peopleAhead', {}), 'People ahead of you: {n}');
  });
});
