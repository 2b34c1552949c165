/**
 * The hall's logo in its site folder (kiosk-config/load-site.ts): a PNG named in hall.json is
 * checked at load, before anything starts, and a missing, non-PNG or oversized file is refused
 * with the field and the fix named; the bytes are what the hall serves and the kiosk prints.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadSite, MAX_LOGO_BYTES, readSiteLogo, SiteConfigError } from '../../../kiosk-config/load-site.ts';
import { DEMO_SITE, tempDir } from '../../support/hall-server.ts';

/** A copy of the demo site whose hall.json names `logo`, with `files` written beside it. */
function siteWith(logo: unknown, files: Record<string, Uint8Array | string> = {}): { dir: string; cleanup: () => void } {
  const tmp = tempDir('site-logo-');
  cpSync(DEMO_SITE, tmp.dir, { recursive: true });
  const hallJson = JSON.parse(readFileSync(join(tmp.dir, 'hall.json'), 'utf8')) as { hall: { brand: Record<string, unknown> } };
  hallJson.hall.brand.logo = logo;
  writeFileSync(join(tmp.dir, 'hall.json'), JSON.stringify(hallJson));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tmp.dir, name), bytes);
  return tmp;
}

const refusedWith = (pattern: RegExp) => (e: unknown) => e instanceof SiteConfigError && e.problems.some((p) => pattern.test(p));

describe('the site’s logo', () => {
  test('the demo hall’s logo is a PNG, read as it is on disk', () => {
    const config = loadSite(DEMO_SITE);
    assert.equal(config.hall.brand.logo, 'logo.png');
    const bytes = readSiteLogo(DEMO_SITE, config);
    assert.deepEqual(Buffer.from(bytes ?? []).subarray(0, 4), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    assert.deepEqual(bytes, new Uint8Array(readFileSync(join(DEMO_SITE, 'logo.png'))));
  });

  test('none configured: no bytes', (t) => {
    const site = siteWith(null);
    t.after(site.cleanup);
    assert.equal(readSiteLogo(site.dir, loadSite(site.dir)), null);
  });

  test('a missing file, a file that is not a PNG, a truncated one, an oversized one and a path are refused at load, naming the field', (t) => {
    const missing = siteWith('nowhere.png');
    t.after(missing.cleanup);
    assert.throws(() => loadSite(missing.dir), refusedWith(/^hall\.json: hall\.brand\.logo: no file .*nowhere\.png/));

    const jpeg = siteWith('logo.png', { 'logo.png': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]) });
    t.after(jpeg.cleanup);
    assert.throws(() => loadSite(jpeg.dir), refusedWith(/is not a PNG file; export the logo as PNG/));

    const png = readFileSync(join(DEMO_SITE, 'logo.png'));
    const truncated = siteWith('logo.png', { 'logo.png': png.subarray(0, 100) });
    t.after(truncated.cleanup);
    assert.throws(() => loadSite(truncated.dir), refusedWith(/is not a readable PNG .*; export it again/));

    const huge = siteWith('logo.png', { 'logo.png': Buffer.concat([png, Buffer.alloc(MAX_LOGO_BYTES)]) });
    t.after(huge.cleanup);
    assert.throws(() => loadSite(huge.dir), refusedWith(/use a PNG of at most 256 KiB/));

    const outside = siteWith('../hall.db.png');
    t.after(outside.cleanup);
    assert.throws(() => loadSite(outside.dir), refusedWith(/hall\.brand\.logo: the name of a PNG file in the site folder/));
  });
});
