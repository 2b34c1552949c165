/**
 * E-form definitions, validation and prefill: every field type's line, conditional fields, repeated
 * groups, the ID number's structure, and prefill from the card.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { prefillForm, splitAddress, validateForm, type EFormDefinition } from '../../../../electron/common/eform.ts';
import { eformSchema } from '../../../../electron/common/eform-schema.ts';
import { checkIdNumber } from '../../../../electron/common/id-number.ts';

const ctx = { today: '23/11/2026' };

const form: EFormDefinition = eformSchema.parse({
  id: 'test-form',
  title: { vi: 'Tờ khai thử', en: 'Test form' },
  sections: [
    {
      title: { vi: 'Người yêu cầu', en: 'Applicant' },
      fields: [
        { id: 'fullName', type: 'text', label: { vi: 'Họ, chữ đệm, tên', en: 'Full name' }, required: true, prefill: 'fullName', maxLength: 20 },
        { id: 'idNumber', type: 'idNumber', label: { vi: 'Số định danh cá nhân', en: 'ID number' }, required: true, prefill: 'idNumber' },
        { id: 'dateOfBirth', type: 'date', label: { vi: 'Ngày sinh', en: 'Date of birth' }, prefill: 'dateOfBirth' },
        { id: 'residence', type: 'address', label: { vi: 'Nơi cư trú', en: 'Residence' }, required: true, prefill: 'placeOfResidence' },
        { id: 'phone', type: 'phone', label: { vi: 'Số điện thoại', en: 'Phone' } },
        { id: 'email', type: 'email', label: { vi: 'Thư điện tử', en: 'Email' } },
        {
          id: 'relation',
          type: 'select',
          label: { vi: 'Quan hệ với người được khai sinh', en: 'Relation' },
          required: true,
          options: [
            { value: 'cha', label: { vi: 'Cha', en: 'Father' } },
            { value: 'khac', label: { vi: 'Khác', en: 'Other' } },
          ],
        },
        {
          id: 'relationOther',
          type: 'text',
          label: { vi: 'Quan hệ khác', en: 'Other relation' },
          required: true,
          showIf: { field: 'relation', equals: 'khac' },
        },
        {
          id: 'children',
          type: 'group',
          label: { vi: 'Con', en: 'Children' },
          minItems: 1,
          maxItems: 2,
          fields: [
            { id: 'name', type: 'text', label: { vi: 'Họ tên con', en: 'Name' }, required: true },
            { id: 'born', type: 'date', label: { vi: 'Ngày sinh của con', en: 'Born' }, required: true },
          ],
        },
      ],
    },
  ],
});

const good = {
  fullName: '  Nguyễn   Văn An ',
  idNumber: '001200012345',
  dateOfBirth: '01/01/2000',
  residence: { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1 phố Tràng Tiền' },
  phone: '+84 912 345 678',
  email: 'An@Example.vn',
  relation: 'cha',
  relationOther: 'ignored: hidden',
  children: [{ name: 'Nguyễn Văn Bình', born: '02/02/2026' }],
  extra: 'dropped',
};

describe('e-form validation', () => {
  test('cleans a good declaration: NFC, spaces, phone and email normalised, hidden and unknown fields dropped', () => {
    const r = validateForm(form, good, ctx);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.equal(r.value.fullName, 'Nguyễn Văn An');
    assert.equal(r.value.phone, '0912345678');
    assert.equal(r.value.email, 'an@example.vn');
    assert.equal('relationOther' in r.value, false);
    assert.equal('extra' in r.value, false);
    assert.deepEqual(r.value.children, [{ name: 'Nguyễn Văn Bình', born: '02/02/2026' }]);
  });

  test('decomposed Vietnamese input is stored in NFC', () => {
    const r = validateForm(form, { ...good, fullName: 'Nguyễn Văn An'.normalize('NFD') }, ctx);
    assert.ok(r.ok);
    assert.equal(r.value.fullName, 'Nguyễn Văn An'.normalize('NFC'));
  });

  test('a shown conditional field is validated', () => {
    const r = validateForm(form, { ...good, relation: 'khac', relationOther: '' }, ctx);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.path, p.code]),
      [['relationOther', 'required']],
    );
    assert.equal(r.problems[0]?.message.vi, 'Vui lòng nhập quan hệ khác.');
  });

  test('reports every problem at once, with paths into groups and Vietnamese messages', () => {
    const r = validateForm(
      form,
      {
        ...good,
        fullName: 'x'.repeat(21),
        idNumber: '001200O12345',
        dateOfBirth: '31/02/2000',
        residence: { province: 'Hà Nội', ward: '', street: '' },
        phone: '12345',
        email: 'an@',
        relation: 'chú',
        children: [{ name: '', born: '01/01/2027' }],
      },
      ctx,
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.path, p.code]),
      [
        ['fullName', 'too_long'],
        ['idNumber', 'invalid_id_number'],
        ['dateOfBirth', 'invalid_date'],
        ['residence', 'invalid_address'],
        ['phone', 'invalid_phone'],
        ['email', 'invalid_email'],
        ['relation', 'invalid_option'],
        ['children.0.name', 'required'],
        ['children.0.born', 'future_date'],
      ],
    );
    assert.equal(r.problems[1]?.message.vi, 'Số định danh cá nhân phải gồm đúng 12 chữ số.');
  });

  test('groups: too few and too many items', () => {
    const none = validateForm(form, { ...good, children: [] }, ctx);
    assert.ok(!none.ok);
    assert.deepEqual(
      none.problems.map((p) => p.code),
      ['too_few_items'],
    );
    const many = validateForm(form, { ...good, children: [good.children[0], good.children[0], good.children[0]] }, ctx);
    assert.ok(!many.ok);
    assert.deepEqual(
      many.problems.map((p) => p.code),
      ['too_many_items'],
    );
  });

  test('wrong JSON types are problems, not crashes', () => {
    const r = validateForm(form, { ...good, fullName: 42, residence: 'Hà Nội', children: {} }, ctx);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.path, p.code]),
      [
        ['fullName', 'wrong_type'],
        ['residence', 'wrong_type'],
        ['children', 'wrong_type'],
      ],
    );
    assert.ok(!validateForm(form, null, ctx).ok);
  });

  test('a definition whose showIf names an unknown field, or repeats an id, is refused', () => {
    const bad = {
      id: 'x',
      title: { vi: 'x', en: 'x' },
      sections: [
        {
          title: { vi: 'x', en: 'x' },
          fields: [
            { id: 'a', type: 'text', label: { vi: 'a', en: 'a' }, showIf: { field: 'zzz', equals: '1' } },
            { id: 'a', type: 'phone', label: { vi: 'a', en: 'a' } },
          ],
        },
      ],
    };
    const r = eformSchema.safeParse(bad);
    assert.ok(!r.success);
    assert.deepEqual(r.error.issues.map((i) => i.message).sort(), ['duplicate field id a', 'showIf names unknown field zzz']);
  });
});

describe('ID number', () => {
  test('reads province, sex and birth year', () => {
    assert.deepEqual(checkIdNumber('001200012345', 2026), { ok: true, facts: { provinceCode: '001', sex: 'Nam', birthYear: 2000 } });
    assert.deepEqual(checkIdNumber('079185001234', 2026), { ok: true, facts: { provinceCode: '079', sex: 'Nữ', birthYear: 1985 } });
  });

  test('refuses what cannot be an ID number', () => {
    assert.deepEqual(checkIdNumber('00120001234', 2026), { ok: false, problem: 'not_12_digits' });
    assert.deepEqual(checkIdNumber('003200012345', 2026), { ok: false, problem: 'unknown_province' });
    assert.deepEqual(checkIdNumber('001299012345', 2026), { ok: false, problem: 'born_in_future' });
    assert.deepEqual(checkIdNumber('001200012345', 2026, { birthYear: 1999 }), { ok: false, problem: 'birth_year_mismatch' });
    assert.deepEqual(checkIdNumber('001200012345', 2026, { sex: 'Nữ' }), { ok: false, problem: 'sex_mismatch' });
  });
});

describe('prefill from the card', () => {
  test('fills the top-level fields that name a card source; the residence is split into its parts', () => {
    const values = prefillForm(form, {
      fullName: 'Nguyễn Văn An',
      idNumber: '001200012345',
      dateOfBirth: '01/01/2000',
      placeOfResidence: 'Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội',
    });
    assert.deepEqual(values, {
      fullName: 'Nguyễn Văn An',
      idNumber: '001200012345',
      dateOfBirth: '01/01/2000',
      residence: { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1 phố Tràng Tiền' },
    });
    assert.ok(validateForm(form, { ...values, relation: 'cha', children: good.children }, ctx).ok);
  });

  test('an old three-level address keeps its district; an unknown province stays in the street', () => {
    assert.deepEqual(splitAddress('Thôn 3, Xã Tân Lập, Huyện Đan Phượng, Hà Nội'), {
      province: 'Thành phố Hà Nội',
      district: 'Huyện Đan Phượng',
      ward: 'Xã Tân Lập',
      street: 'Thôn 3',
    });
    assert.deepEqual(splitAddress('Tổ 5, Phường Minh Khai, Tỉnh Hà Giang'), { province: '', ward: 'Phường Minh Khai', street: 'Tổ 5, Tỉnh Hà Giang' });
  });
});
