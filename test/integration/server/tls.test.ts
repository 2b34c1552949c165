/**
 * Finding "no TLS": the hall server on the LAN spoke plain HTTP, so device tokens, PINs, applicant
 * data and scans crossed the network in clear, and any machine could pose as the hall. Each attack
 * is performed here and shown refused:
 * - plain HTTP on a non-loopback address: the server refuses to listen (unless --insecure-http);
 * - an eavesdropper's view: a request in clear to the HTTPS hall gets no HTTP answer;
 * - a man in the middle with a self-signed certificate, with another CA's certificate, or with
 *   its own server certificate next to the real hall CA: the terminal's pinned client refuses
 *   each before sending a byte of its request (the impostor never sees the device token).
 * And the honest path: HTTPS and WSS to the hall with its CA pinned.
 */
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../../electron/common/wire.ts';
import { createHallServer, PlainHttpRefusedError } from '../../../electron/server/hall-server.ts';
import { ownHallTls, wantedNames, type HallTls } from '../../../electron/server/hall-tls.ts';
import { createRootLogger } from '../../../electron/server/logger.ts';
import { issueCertificate } from '../../../electron/server/x509-der.ts';
import { HallCertificateRefusedError, hallConnection } from '../../../devices/terminal/hall-connection.ts';
import { openDemoHall, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';

const NAMES = wantedNames([], [], 'hall-test');

/** A TLS server that records every request it receives: the impostor. */
async function impostor(tls: { key: string; cert: string }): Promise<{ url: string; requests: string[]; server: HttpsServer }> {
  const requests: string[] = [];
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

/** A self-signed server certificate naming the hall's names (what a laptop on the LAN would make in a minute). */
function selfSigned(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const der = issueCertificate({
    serial: Buffer.from([1, 2, 3]),
    issuerCn: 'hall-test',
    subjectCn: 'hall-test',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    subjectSpki: spki,
    issuerSpki: spki,
    signingKey: privateKey,
    kind: { ca: false, names: NAMES },
  });
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: new X509Certificate(der).toString() };
}

describe('no TLS (finding 2): the hall serves HTTPS, terminals pin its CA', () => {
  let tmp: ReturnType<typeof tempDir>;
  let tls: HallTls;
  let other: HallTls;
  let hall: TestHall;

  before(async () => {
    tmp = tempDir('hall-tls-');
    tls = await ownHallTls({ dir: join(tmp.dir, 'tls'), names: NAMES, hallName: 'Test hall' });
    other = await ownHallTls({ dir: join(tmp.dir, 'other-tls'), names: NAMES, hallName: 'Test hall' }); // same names, another CA
    hall = await startTestHall({ dbPath: join(tmp.dir, 'hall.db'), server: { tls } });
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  it('plain HTTP on a non-loopback address is refused at listen; loopback stays allowed', async () => {
    const plain = createHallServer({ dbPath: join(tmp.dir, 'plain.db'), config: openDemoHall(), log: createRootLogger('silent'), provincial: { env: {} } });
    try {
      await assert.rejects(plain.listen(0, '0.0.0.0'), PlainHttpRefusedError);
      assert.equal(plain.http.listening, false, 'nothing listens');
      assert.match(await plain.listen(0, '127.0.0.1'), /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await plain.close();
    }
  });

  it('the hall answers over HTTPS with its CA pinned, and its stream over WSS', async () => {
    assert.match(hall.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const connection = hallConnection({ origin: hall.url, caFingerprint: tls.caFingerprint });
    try {
      const res = await connection.fetch(`${hall.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 200);
      assert.equal(JSON.parse(await res.text()).status, 'ok');
    } finally {
      connection.close();
    }
    const socket = new WebSocket(`${hall.url.replace(/^https/, 'wss')}/api/v1/stream`, { ca: tls.caPem });
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: hall.device('display') })));
      socket.once('message', (data) => resolve(String(data)));
      socket.once('error', reject);
    });
    socket.close();
    assert.equal(JSON.parse(first).type, 'welcome', 'the stream welcomes the display over WSS');
  });

  it('an eavesdropper’s view: a request in clear to the hall gets no HTTP answer', async () => {
    const { port } = new URL(hall.url);
    const answer = await new Promise<string>((resolve) => {
      const socket = netConnect(Number(port), '127.0.0.1', () =>
        socket.end(`GET /healthz HTTP/1.1\r\nHost: hall\r\nAuthorization: Bearer ${hall.device('kiosk')}\r\n\r\n`),
      );
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
      });
      socket.on('close', () => resolve(got));
      socket.on('error', () => resolve(got));
    });
    assert.doesNotMatch(answer, /^HTTP\/1\.1 200/, 'no answer in clear');
    assert.doesNotMatch(answer, /"status":"ok"/);
  });

  for (const [name, certOf] of [
    ['a self-signed certificate for the hall’s names', selfSigned],
    [
      'another CA’s server certificate sent alone',
      (): { key: string; cert: string } => ({ key: other.key, cert: other.cert.split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n' }),
    ],
    ['another CA’s certificate for the same names', (): { key: string; cert: string } => ({ key: other.key, cert: other.cert })],
    [
      'its own server certificate sent with the real hall CA',
      (): { key: string; cert: string } => ({
        key: other.key,
        cert: other.cert.split('-----END CERTIFICATE-----')[0] + `-----END CERTIFICATE-----\n${tls.caPem}`,
      }),
    ],
  ] as const) {
    it(`a man in the middle with ${name} is refused before the request is sent`, async () => {
      const fake = await impostor(certOf());
      const connection = hallConnection({ origin: fake.url, caFingerprint: tls.caFingerprint });
      try {
        await assert.rejects(
          connection.fetch(`${fake.url}/api/v1/hall/config`, {
            headers: { authorization: 'Bearer dev_secret-token-of-the-terminal' },
            signal: AbortSignal.timeout(5000),
          }),
          HallCertificateRefusedError,
        );
        assert.deepEqual(fake.requests, [], 'the impostor received no request (no token)');
      } finally {
        connection.close();
        await new Promise<void>((resolve) => fake.server.close(() => resolve()));
      }
    });
  }

  it('an https hall without a pinned fingerprint is refused at start, not trusted blindly', () => {
    assert.throws(() => hallConnection({ origin: hall.url, caFingerprint: null }), /fingerprint/);
    assert.throws(() => hallConnection({ origin: hall.url, caFingerprint: 'AB:CD' }), /fingerprint/);
  });
});
