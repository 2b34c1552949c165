/**
 * A document scanner that scans a chosen image through the real `scanimage` and SANE: SANE's pnm
 * backend (in Debian's sane-backends, disabled in the system dll.conf) reads the PNM file named by
 * its --filename option as the scan. A temp SANE config folder enables it (plus the test backend);
 * SANE_CONFIG_DIR points scanimage there. Device `sane:pnm:0`, profile `sane-pnm`, and the
 * options below as the document scanner's options.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { DeviceConfig } from '../../devices/manager/device-config.ts';
import { CCCD_FIXTURES } from './virtual-cccd.fixture.ts';

export const PNM_SCANNER: DeviceConfig = { id: 'document-scanner', kind: 'documentScanner', uri: 'sane:pnm:0', profile: 'sane-pnm' };

export interface SanePnmScanner {
  /** The document scanner's options: scanimage reads `image` as the scan. */
  readonly options: { readonly backendOptions: readonly string[] };
  /** Puts another image under the scanner (what the next scan returns). */
  place(image: Uint8Array): Promise<void>;
  remove(): Promise<void>;
}

/** A JPEG as binary PGM (grey, the first channel), the format the pnm backend reads. */
export function jpegAsPgm(bytes: Uint8Array): Uint8Array {
  const image = jpeg.decode(bytes, { useTArray: true });
  const n = image.width * image.height;
  const grey = new Uint8Array(n);
  for (let p = 0; p < n; p++) grey[p] = image.data[p * 4]!;
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + n);
  out.set(header);
  out.set(grey, header.length);
  return out;
}

/** The back of the demo card (its MRZ opens the simulated demo card by BAC), as PGM. */
export function demoCardBackPgm(): Uint8Array {
  return jpegAsPgm(new Uint8Array(readFileSync(join(CCCD_FIXTURES, 'mrz-back.jpg'))));
}

/** Enables SANE's pnm backend for this process's scanimage runs (SANE_CONFIG_DIR) with `image` under it. */
export async function sanePnmScanner(image: Uint8Array): Promise<SanePnmScanner> {
  const dir = await mkdtemp(join(os.tmpdir(), 'sane-pnm-'));
  await writeFile(join(dir, 'dll.conf'), 'test\npnm\n');
  const file = join(dir, 'under-the-lid.pgm');
  await writeFile(file, image);
  const previous = process.env.SANE_CONFIG_DIR;
  process.env.SANE_CONFIG_DIR = dir;
  return {
    options: { backendOptions: ['--filename', file] },
    place: (next) => writeFile(file, next),
    async remove() {
      if (previous === undefined) delete process.env.SANE_CONFIG_DIR;
      else process.env.SANE_CONFIG_DIR = previous;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
