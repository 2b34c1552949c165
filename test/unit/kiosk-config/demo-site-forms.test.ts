/**
 * The demo hall's catalogue and e-forms: every procedure has a form that parses, papers only shown
 * at the counter are not digitised, labels are NFC, the birth registration form follows the
 * official declaration, and a complete declaration prefilled from a card validates.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prefillForm, validateForm, visibleFields, type EFormDefinition, type EFormField } from '../../../electron/common/eform.ts';
import { eformSchema } from '../../../electron/common/eform-schema.ts';
import { loadSite, SiteConfigError } from '../../../kiosk-config/load-site.ts';
import { DEMO_SITE, tempDir } from '../../support/hall-server.ts';
import { cpSync, writeFileSync } from 'node:fs';
import { BIRTH_DECLARATION, CARD } from '../../support/dossier-fixture.ts';

const config = loadSite(DEMO_SITE);
const formOf = (id: string): EFormDefinition => {
  const f = config.forms.find((x) => x.id === id);
  assert.ok(f, `form ${id}`);
  return f;
};
const allFields = (form: EFormDefinition): EFormField[] => form.sections.flatMap((s) => s.fields);

describe('demo hall e-forms', () => {
  test('every one of the 21 procedures names a form, and every form of forms.json parses on its own', () => {
    assert.equal(config.procedures.length, 21);
    for (const p of config.procedures) assert.ok(p.formId && config.forms.some((f) => f.id === p.formId), `${p.id} has a form`);
    const raw = JSON.parse(readFileSync(join(DEMO_SITE, 'forms.json'), 'utf8')) as { forms: unknown[] };
    for (const f of raw.forms) {
      const r = eformSchema.safeParse(f);
      assert.ok(r.success, JSON.stringify(!r.success && r.error.issues));
    }
  });

  test('every form starts with the applicant, prefilled from the card', () => {
    for (const form of config.forms) {
      const prefilled = prefillForm(form, CARD);
      assert.equal(prefilled.applicantName, CARD.fullName, form.id);
      assert.equal(prefilled.applicantIdNumber, CARD.idNumber, form.id);
      assert.deepEqual(prefilled.applicantResidence, { province: 'Thành phố Hà Nội', ward: 'Phường Hoàn Kiếm', street: 'Số 1 phố Tràng Tiền' }, form.id);
    }
  });

  test('papers only shown ("Xuất trình bản chính") are not digitised; the others are', () => {
    for (const p of config.procedures) {
      for (const paper of p.papers) assert.equal(paper.digitise, !paper.copies.startsWith('Xuất trình'), `${p.id} ${paper.docTypeCode}`);
    }
  });

  test('every label is NFC Vietnamese, every select option distinct', () => {
    const text = readFileSync(join(DEMO_SITE, 'forms.json'), 'utf8');
    assert.equal(text, text.normalize('NFC'));
    for (const form of config.forms) {
      for (const f of [...allFields(form), ...allFields(form).flatMap((g) => (g.type === 'group' ? g.fields : []))]) {
        if (f.type === 'select') assert.equal(new Set(f.options.map((o) => o.value)).size, f.options.length, `${form.id}.${f.id}`);
      }
    }
  });

  test('the birth registration form has the fields of the official declaration, the parents conditional', () => {
    const form = formOf('to-khai-dang-ky-khai-sinh');
    const ids = allFields(form).map((f) => f.id);
    for (const id of [
      'relationToChild',
      'childFullName',
      'childDateOfBirth',
      'childSex',
      'childEthnicity',
      'childNationality',
      'childPlaceOfBirth',
      'childHomeTown',
      'motherKnown',
      'motherFullName',
      'motherDateOfBirth',
      'motherEthnicity',
      'motherNationality',
      'motherResidence',
      'motherIdNumber',
      'fatherKnown',
      'fatherFullName',
      'fatherIdNumber',
      'parentsMarried',
      'extractCopies',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    const ethnicity = allFields(form).find((f) => f.id === 'childEthnicity');
    assert.ok(ethnicity?.type === 'select' && ethnicity.options.length === 55, '54 ethnic groups and foreign nationals');
    const shown = visibleFields(allFields(form), { fatherKnown: 'khong', motherKnown: 'co' }).map((f) => f.id);
    assert.equal(shown.includes('fatherFullName'), false);
    assert.equal(shown.includes('motherFullName'), true);
  });

  test('a complete birth declaration validates; a wrong ID number of the mother names its field', () => {
    const form = formOf('to-khai-dang-ky-khai-sinh');
    const data = { ...prefillForm(form, CARD), ...BIRTH_DECLARATION };
    const r = validateForm(form, data, { today: '23/11/2026' });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const bad = validateForm(form, { ...data, motherIdNumber: '999190012345' }, { today: '23/11/2026' });
    assert.ok(!bad.ok);
    assert.deepEqual(
      bad.problems.map((p) => [p.path, p.code]),
      [['motherIdNumber', 'invalid_id_number']],
    );
  });

  test('a procedure naming a form that does not exist is refused at load, naming forms.json', (t) => {
    const tmp = tempDir('site-');
    t.after(tmp.cleanup);
    cpSync(DEMO_SITE, tmp.dir, { recursive: true });
    writeFileSync(join(tmp.dir, 'forms.json'), JSON.stringify({ forms: [] }));
    assert.throws(
      () => loadSite(tmp.dir),
      (e: unknown) =>
        e instanceof SiteConfigError && e.problems.some((p) => /catalogue\.json: procedures\[0\]\.formId: unknown form "to-khai-dang-ky-khai-sinh"/.test(p)),
    );
  });
});
