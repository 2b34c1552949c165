/** Test support: a personalised virtual CCCD (the demo citizen) signed by the fixture document signer. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardFiles } from '../../devices/simulators/virtual-cccd/personalisation.ts';
import { personalise } from '../../devices/simulators/virtual-cccd/personalisation.ts';
import { type Citizen, DEMO_CITIZEN } from '../../devices/simulators/virtual-cccd/citizen.ts';
import { VirtualCccd, type VirtualCccdOptions } from '../../devices/simulators/virtual-cccd/virtual-cccd.ts';

export const CCCD_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cccd');
export const TRUST_STORE_DIR = join(CCCD_FIXTURES, 'trust-store');
export const OTHER_CSCA_DIR = join(CCCD_FIXTURES, 'other-csca');

export const DEMO_CAN = DEMO_CITIZEN.idNumber.slice(6);
export const DEMO_MRZ_KEY = { documentNumber: DEMO_CITIZEN.idNumber.slice(3), dateOfBirth: '000515', dateOfExpiry: '250515' };

export function fixturePhoto(): { jpeg: Uint8Array; width: number; height: number } {
  return { jpeg: new Uint8Array(readFileSync(join(CCCD_FIXTURES, 'face-240x320.jpg'))), width: 240, height: 320 };
}

export function demoCardFiles(citizen: Citizen = DEMO_CITIZEN, photo = fixturePhoto()): CardFiles {
  return personalise(citizen, {
    signer: { certificatePem: readFileSync(join(CCCD_FIXTURES, 'dsc.pem'), 'utf8'), privateKeyPem: readFileSync(join(CCCD_FIXTURES, 'dsc.key.pem'), 'utf8') },
    photo,
  });
}

export function demoCard(options: Partial<VirtualCccdOptions> = {}): VirtualCccd {
  return new VirtualCccd({ files: demoCardFiles(), can: DEMO_CAN, mrzKey: DEMO_MRZ_KEY, ...options });
}
