/**
 * The hall's logo over HTTP (getHallLogo, getHallConfig logoUrl): served as the PNG on disk, in
 * public like the name on the hall's door, shown inline, kept by caches under a URL that carries its
 * version; a hall without a logo says so (logoUrl null, NOT_FOUND in the envelope).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { api, DEMO_SITE, openDemoHall, startTestHall, type TestHall } from '../../support/hall-server.ts';
import { testFetch } from '../../support/test-tls.ts';

const PNG = new Uint8Array(readFileSync(join(DEMO_SITE, 'logo.png')));

describe('the hall’s logo', () => {
  let hall: TestHall;
  let bare: TestHall;

  before(async () => {
    hall = await startTestHall();
    const config = openDemoHall();
    bare = await startTestHall({ config: { ...config, hall: { ...config.hall, brand: { ...config.hall.brand, logo: null } } } });
  });
  after(async () => {
    await hall.close();
    await bare.close();
  });

  test('the config names its URL with the version; the PNG comes back byte for byte, without a token, inline and cacheable', async () => {
    const config = await api(hall.url, 'GET', '/api/v1/hall/config', { token: hall.device('display') });
    const version = createHash('sha256').update(PNG).digest('hex').slice(0, 8);
    assert.equal(config.json.logoUrl, `/api/v1/hall/logo.png?v=${version}`);
    const res = await testFetch(hall.url + config.json.logoUrl);
    assert.equal(res.status, 200);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), PNG);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.match(res.headers.get('content-disposition') ?? '', /^inline;/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test('a version that is not one is refused', async () => {
    const res = await api(hall.url, 'GET', '/api/v1/hall/logo.png?v=../../etc');
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'VALIDATION_FAILED');
  });

  test('a hall without a logo: logoUrl null, and NOT_FOUND in the envelope', async () => {
    const config = await api(bare.url, 'GET', '/api/v1/hall/config', { token: bare.device('kiosk') });
    assert.equal(config.json.logoUrl, null);
    const res = await api(bare.url, 'GET', '/api/v1/hall/logo.png');
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'NOT_FOUND');
  });
});
