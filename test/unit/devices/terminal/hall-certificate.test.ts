/**
 * The terminal's certificate decision (hall-certificate.ts), as the Electron shell's verifier
 * applies it: only a chain that reaches the pinned hall CA through valid signatures, with a
 * server certificate valid now and naming the host, is trusted.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { groupedFingerprint, hallCertificateVerdict, normalizeFingerprint } from '../../../../devices/terminal/hall-certificate.ts';
import { ownHallTls, pemCertificates, type HallTls } from '../../../../electron/server/hall-tls.ts';
import { issueCertificate } from '../../../../electron/server/x509-der.ts';

const NAMES = ['127.0.0.1', 'hall.example', 'localhost'];

describe('hallCertificateVerdict', () => {
  let dir: string;
  let hall: HallTls;
  let other: HallTls;
  let pin: string;
  const now = new Date();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hall-cert-'));
    hall = await ownHallTls({ dir: join(dir, 'a'), names: NAMES, hallName: 'A' });
    other = await ownHallTls({ dir: join(dir, 'b'), names: NAMES, hallName: 'A' });
    pin = normalizeFingerprint(hall.caFingerprint) as string;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the hall’s chain is trusted for each name it covers', () => {
    for (const host of ['127.0.0.1', 'hall.example', 'localhost'])
      assert.deepEqual(hallCertificateVerdict({ host, chain: pemCertificates(hall.cert), pin, now }), { trusted: true });
  });

  it('refuses another CA’s chain, a self-signed certificate, a foreign leaf beside the real CA, a wrong host, an expired certificate', () => {
    const refused = (chain: readonly string[], host = 'hall.example', at = now) => {
      const v = hallCertificateVerdict({ host, chain, pin, now: at });
      assert.equal(v.trusted, false, JSON.stringify(v));
      return v.trusted ? '' : v.reason;
    };
    assert.match(refused(pemCertificates(other.cert)), /pinned/);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const self = issueCertificate({
      serial: Buffer.from([7]),
      issuerCn: 'x',
      subjectCn: 'x',
      notBefore: new Date(now.getTime() - 1000),
      notAfter: new Date(now.getTime() + 1e9),
      subjectSpki: spki,
      issuerSpki: spki,
      signingKey: privateKey,
      kind: { ca: false, names: NAMES },
    });
    assert.match(refused([self.toString('base64').replace(/^/, '-----BEGIN CERTIFICATE-----\n').concat('\n-----END CERTIFICATE-----\n')]), /pinned/);
    const foreignLeaf = pemCertificates(other.cert)[0] as string;
    assert.match(refused([foreignLeaf, hall.caPem]), /signed/);
    assert.match(refused(pemCertificates(hall.cert), 'evil.example'), /does not name/);
    assert.match(refused(pemCertificates(hall.cert), '10.9.9.9'), /does not name/);
    assert.match(refused(pemCertificates(hall.cert), 'hall.example', new Date(now.getTime() + 400 * 86_400_000)), /expired/);
    assert.match(refused([]), /no certificate/);
  });

  it('fingerprints: typed in any grouping, shown in colon pairs', () => {
    const hex = pin;
    assert.equal(normalizeFingerprint(hex.toUpperCase().match(/..../g)?.join(' ') ?? ''), hex);
    assert.equal(groupedFingerprint(hex), hall.caFingerprint);
    assert.equal(normalizeFingerprint('AB:CD'), null);
  });
});
