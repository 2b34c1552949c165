// `npm run cccd -- ocr-mrz IMAGE --json`: OCR of the card back with tesseract.js, offline (local
// English model), on a generated image of the demo card.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCccdCli } from '../../support/cccd-cli.ts';
import { CCCD_FIXTURES } from '../../support/virtual-cccd.fixture.ts';

describe('cccd ocr-mrz', () => {
  it('prints the MRZ with valid check digits, the BAC key and the CAN, marked unauthenticated', async () => {
    const r = await runCccdCli(['ocr-mrz', join(CCCD_FIXTURES, 'mrz-back.jpg'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { mrz: string[]; checksValid: boolean; bacKey: unknown; can: string; authenticity: string };
    assert.deepEqual(out.mrz, ['IDVNM2000123457001200012345<<8', '0005153M2505152VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<']);
    assert.equal(out.checksValid, true);
    assert.deepEqual(out.bacKey, { documentNumber: '200012345', dateOfBirth: '000515', dateOfExpiry: '250515' });
    assert.equal(out.can, '012345');
    assert.equal(out.authenticity, 'unauthenticated');
  });
  it('refuses bad usage with exit code 2', async () => {
    const r = await runCccdCli(['ocr-mrz']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /one image file/);
  });
});
