import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hallReachable, isNetworkFailure } from '../../../../electron/main/hall-probe.ts';
import { offlinePageHtml, offlinePageUrl } from '../../../../electron/main/offline-page.ts';

describe('offline page', () => {
  it('speaks Vietnamese, names the hall, runs no script and escapes the name', () => {
    const html = offlinePageHtml('Bộ phận Một cửa <phường> "Bến Nghé"');
    assert.match(html, /Máy đang mất kết nối tới máy chủ/);
    assert.match(html, /Bộ phận Một cửa &lt;phường&gt; &quot;Bến Nghé&quot;/);
    assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(html, /<script/i);
  });

  it('writes the hall name in NFC', () => {
    const decomposed = 'Phường Bến Nghé'.normalize('NFD');
    assert.ok(offlinePageHtml(decomposed).includes('Phường Bến Nghé'.normalize('NFC')));
  });

  it('is a data: URL that decodes back to the page', () => {
    const url = offlinePageUrl('Phường 1');
    assert.ok(url.startsWith('data:text/html;charset=utf-8,'));
    assert.equal(decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length)), offlinePageHtml('Phường 1'));
  });
});

describe('hall reachability', () => {
  let server: Server;
  let origin = '';
  let status = 200;
  let hits: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(status).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks /healthz and accepts a 2xx answer', async () => {
    hits = [];
    status = 200;
    assert.equal(await hallReachable(origin, fetch), true);
    assert.deepEqual(hits, ['/healthz']);
  });

  it('a 5xx answer is not reachable', async () => {
    status = 503;
    assert.equal(await hallReachable(origin, fetch), false);
  });

  it('a closed port or a timeout is not reachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.equal(await hallReachable(`http://127.0.0.1:${port}`, fetch), false);
    const never = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<{ ok: boolean }>((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    assert.equal(await hallReachable(origin, never, 20), false);
  });

  it('classifies Chromium load errors', () => {
    for (const code of [-2, -7, -21, -100, -101, -102, -105, -106, -109, -118]) assert.equal(isNetworkFailure(code), true, String(code));
    for (const code of [0, -3, -20, -200, -300, -501]) assert.equal(isNetworkFailure(code), false, String(code));
  });
});
