/**
 * The e-form values as the screens edit them: immutable updates, the dd/mm/yyyy mask, the kiosk
 * keypad per field type, read-only texts, the card marker, and every problem path of validateForm
 * pointing at an element id the form renders.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prefillForm, validateForm } from '../../../../electron/common/eform.ts';
import { eformSchema } from '../../../../electron/common/eform-schema.ts';
import {
  addItem,
  displayValue,
  fieldDomId,
  groupItems,
  initialDraft,
  isFromCard,
  keypadOf,
  maskDmy,
  problemsByPath,
  removeItem,
  sameDraft,
  setItemValue,
  setValue,
} from '../../../../renderer/shared/eform-values.ts';

const form = eformSchema.parse({
  id: 'to-khai-thu',
  title: { vi: 'Tờ khai thử', en: 'Test form' },
  sections: [
    {
      title: { vi: 'Người yêu cầu', en: 'Applicant' },
      fields: [
        { id: 'fullName', type: 'text', label: { vi: 'Họ, chữ đệm, tên', en: 'Full name' }, required: true, prefill: 'fullName' },
        { id: 'idNumber', type: 'idNumber', label: { vi: 'Số định danh cá nhân', en: 'ID number' }, required: true, prefill: 'idNumber' },
        { id: 'residence', type: 'address', label: { vi: 'Nơi cư trú', en: 'Residence' }, required: true, prefill: 'placeOfResidence' },
        {
          id: 'relation',
          type: 'select',
          label: { vi: 'Quan hệ', en: 'Relation' },
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
          label: { vi: 'Con', en: 'Child' },
          minItems: 1,
          fields: [{ id: 'born', type: 'date', label: { vi: 'Ngày sinh', en: 'Born' }, required: true }],
        },
      ],
    },
  ],
});

describe('e-form draft updates', () => {
  it('never mutates the draft it was given', () => {
    const a = initialDraft(form, {});
    assert.deepEqual(a, { children: [{}] }, 'a group starts with its minimum of items');
    const b = setValue(a, 'fullName', 'An');
    const c = setItemValue(b, 'children', 0, 'born', '01/02/2026');
    const d = addItem(c, 'children');
    const e = removeItem(d, 'children', 0);
    assert.deepEqual(a, { children: [{}] });
    assert.deepEqual(groupItems(c, 'children'), [{ born: '01/02/2026' }]);
    assert.equal(groupItems(d, 'children').length, 2);
    assert.deepEqual(groupItems(e, 'children'), [{}]);
    assert.deepEqual(groupItems({ children: 'x' }, 'children'), []);
  });

  it('masks numeric-pad digits as dd/mm/yyyy while typing, at most 8 digits', () => {
    assert.equal(maskDmy(''), '');
    assert.equal(maskDmy('05'), '05');
    assert.equal(maskDmy('0509'), '05/09');
    assert.equal(maskDmy('05092'), '05/09/2');
    assert.equal(maskDmy('05/09/2024'), '05/09/2024');
    assert.equal(maskDmy('050920241'), '05/09/2024');
  });

  it('gives numeric fields the numeric pad and text the Telex keyboard', () => {
    const byId = Object.fromEntries(form.sections[0]!.fields.map((f) => [f.id, f]));
    const leaf = (id: string) => byId[id] as Parameters<typeof keypadOf>[0];
    assert.deepEqual(keypadOf(leaf('idNumber')), { kind: 'digits', maxLength: 12 });
    assert.equal(keypadOf(leaf('fullName')).kind, 'telex');
    assert.deepEqual(keypadOf({ ...leaf('fullName'), type: 'email' } as Parameters<typeof keypadOf>[0]).kind, 'email');
  });

  it('compares drafts whatever the order of their keys', () => {
    assert.equal(sameDraft({ a: '1', b: { y: '2', x: '3' } }, { b: { x: '3', y: '2' }, a: '1' }), true);
    assert.equal(sameDraft({ a: '1' }, { a: '2' }), false);
    assert.equal(sameDraft({ c: [{ n: '1' }] }, { c: [{ n: '1' }, {}] }), false);
  });
});

describe('e-form rendering helpers', () => {
  it('shows option labels and joined addresses in the read-only form', () => {
    const [, , residence, relation] = form.sections[0]!.fields;
    assert.equal(displayValue(relation!, 'cha', 'vi'), 'Cha');
    assert.equal(displayValue(relation!, 'cha', 'en'), 'Father');
    assert.equal(
      displayValue(residence!, { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1' }, 'vi'),
      'Số 1, Phường Hoàn Kiếm, Thành phố Hà Nội',
    );
    assert.equal(displayValue(residence!, undefined, 'vi'), '');
  });

  it('marks a field as from the card only while it still holds the card value', () => {
    const prefill = prefillForm(form, { fullName: 'Nguyễn Văn An', placeOfResidence: 'Số 1, Phường Hoàn Kiếm, Thành phố Hà Nội' });
    assert.equal(isFromCard(prefill, 'fullName', 'Nguyễn Văn An'), true);
    assert.equal(isFromCard(prefill, 'fullName', 'Nguyễn Văn Anh'), false);
    assert.equal(isFromCard(prefill, 'residence', { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1' }), true);
    assert.equal(isFromCard(prefill, 'idNumber', '001200012345'), false, 'not read from the card');
  });

  it('maps every problem path of validateForm to an element id the form renders, first problem first', () => {
    const draft = setValue(setValue(initialDraft(form, {}), 'relation', 'khac'), 'idNumber', '12');
    const checked = validateForm(form, draft, { today: '23/11/2026' });
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    const paths = checked.problems.map((p) => p.path);
    assert.deepEqual(paths, ['fullName', 'idNumber', 'residence', 'relationOther', 'children.0.born']);
    assert.deepEqual(paths.map(fieldDomId), ['ef-fullName', 'ef-idNumber', 'ef-residence', 'ef-relationOther', 'ef-children-0-born']);
    assert.equal(problemsByPath(checked.problems).get('idNumber')?.message.vi, 'Số định danh cá nhân phải gồm đúng 12 chữ số.');
  });
});
