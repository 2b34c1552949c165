/**
 * TLS for the tests that run the hall over HTTPS: one hall CA and server certificate per test
 * process (made in a temp folder by the hall's own code, removed at exit), the CA trusted by the
 * tests' own requests (testFetch) and by Chromium through its SPKI pin (chromium.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownHallTls, wantedNames, type HallTls } from '../../electron/server/hall-tls.ts';

const trusted: string[] = [];

/** Adds a CA the tests' own https requests trust (never the system's CAs). */
export function trustTestCa(pem: string): void {
  if (!trusted.includes(pem)) trusted.push(pem);
}

let material: Promise<HallTls> | null = null;

/** The test process's hall CA and server certificate for 127.0.0.1 and localhost (trusted by testFetch). */
export function testHallTls(): Promise<HallTls> {
  material ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-test-tls-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const tls = await ownHallTls({ dir: join(dir, 'tls'), names: wantedNames([], [], 'localhost'), hallName: 'Test hall' });
    trustTestCa(tls.caPem);
    return tls;
  })();
  return material;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** fetch for tests: http as usual; https verified against the CAs of trustTestCa only. */
export async function testFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | undefined } = {},
): Promise<TestResponse> {
  if (!url.startsWith('https:')) return fetch(url, init);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ca: trusted }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', reject);
      res.once('end', () => {
        const body = Buffer.concat(chunks);
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        }
        resolve({
          status: res.statusCode ?? 0,
          headers,
          text: async () => body.toString('utf8'),
          arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
        });
      });
    });
    req.once('error', reject);
    req.end(init.body);
  });
}
