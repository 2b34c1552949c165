/**
 * Finding 10 of the hardening review, on the hall server's static files (the plain-browser apps):
 * encoded traversals (`/kiosk/..%2fcounter/`, an encoded backslash) reached the static server,
 * which refused the first but failed with 500 on the second; and the pages came without a
 * Content-Security-Policy. Now every path that does not decode to a plain one is 404 before the
 * static server sees it (page-policy.ts, the same check as the Electron shell's navigation
 * allow-list), and every page carries the shell's policy while the ticket page keeps its stricter one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../../electron/common/page-policy.ts';
import { startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';

describe('static pages of the hall server', () => {
  let hall: TestHall;
  const site = tempDir('static-');
  before(async () => {
    for (const app of ['kiosk', 'counter', 'dashboard', 'ticket']) {
      mkdirSync(join(site.dir, app));
      writeFileSync(join(site.dir, app, 'index.html'), `<!doctype html><title>${app}</title>`);
    }
    hall = await startTestHall({ server: { staticDir: site.dir } });
  });
  after(async () => {
    await hall.close();
    site.cleanup();
  });

  test('an encoded traversal out of an app is 404, not the other app', async () => {
    for (const path of [
      '/kiosk/..%2fcounter/',
      '/kiosk/..%2Fcounter/index.html',
      '/kiosk/..%5ccounter/index.html',
      '/kiosk/%2e%2e%2fcounter/index.html',
      '/kiosk/%00/',
    ]) {
      const res = await fetch(`${hall.url}${path}`);
      const text = await res.text();
      assert.equal(res.status, 404, `${path}: ${text}`);
      assert.ok(!text.includes('<title>counter</title>'), path);
    }
    const kiosk = await fetch(`${hall.url}/kiosk/`);
    assert.deepEqual([kiosk.status, (await kiosk.text()).includes('<title>kiosk</title>')], [200, true]);
  });

  test("every app page carries the Electron shell's Content-Security-Policy", async () => {
    for (const app of ['kiosk', 'counter', 'dashboard']) {
      const res = await fetch(`${hall.url}/${app}/`);
      assert.equal(res.headers.get('content-security-policy'), contentSecurityPolicy(hall.url, { loopbackDeviceHost: true }), app);
    }
    const ticket = await fetch(`${hall.url}/t/abc`);
    assert.match(ticket.headers.get('content-security-policy') ?? '', /form-action 'none'/, 'the ticket page keeps its own policy');
  });
});
