// OCR of the card back with tesseract.js, offline (local English model), on a generated image of the demo card.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ocrMrz } from '../../../devices/card-reader/mrz/ocr.ts';
import { CCCD_FIXTURES } from '../../support/virtual-cccd.fixture.ts';

describe('MRZ OCR', () => {
  it('reads the three MRZ lines of the card back with all check digits right', async () => {
    const r = await ocrMrz(join(CCCD_FIXTURES, 'mrz-back.jpg'));
    assert.deepEqual(r.td1.lines, ['IDVNM2000123457001200012345<<8', '0005153M2505152VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<']);
    assert.deepEqual(r.td1.failedChecks, []);
    assert.equal(r.td1.idNumber, '001200012345');
  });
});
