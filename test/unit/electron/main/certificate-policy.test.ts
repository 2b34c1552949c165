/**
 * The Electron shell's TLS trust (certificate-policy.ts through lockSession's verify procedure):
 * the hall's chain to the CA pinned at pairing is trusted; a man in the middle with another CA's
 * certificate, a self-signed one, the right CA beside a foreign server certificate, or a
 * certificate for any other host is refused and logged; with no pin nothing is trusted.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { certificateDecision, REFUSE, TRUST, type ChainCertificate } from '../../../../electron/main/certificate-policy.ts';
import { lockSession } from '../../../../electron/main/lockdown.ts';
import { ownHallTls, pemCertificates, type HallTls } from '../../../../electron/server/hall-tls.ts';
import { FakeSession, memoryLogger } from './fakes.ts';

const ORIGIN = 'https://192.168.1.10:8443';

/** A chain as Electron gives it: the server certificate with its issuers linked. */
function electronChain(pems: readonly string[]): ChainCertificate {
  let cert: ChainCertificate | null = null;
  for (const data of [...pems].reverse()) cert = { data, issuerCert: cert };
  return cert as ChainCertificate;
}

describe('the Electron shell trusts only the pinned hall CA', () => {
  let dir: string;
  let hall: HallTls;
  let mitm: HallTls;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cert-policy-'));
    hall = await ownHallTls({ dir: join(dir, 'hall'), names: ['192.168.1.10', 'localhost'], hallName: 'Hall' });
    mitm = await ownHallTls({ dir: join(dir, 'mitm'), names: ['192.168.1.10', 'localhost'], hallName: 'Hall' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('certificateDecision: the hall chain trusted; every impostor refused', () => {
    const now = new Date();
    const pinned: { origin: string; caFingerprint: string | null } = { origin: ORIGIN, caFingerprint: hall.caFingerprint };
    const decide = (pems: readonly string[], hostname = '192.168.1.10', at = pinned) =>
      certificateDecision({ hostname, certificate: electronChain(pems) }, at, now).code;
    assert.equal(decide(pemCertificates(hall.cert)), TRUST);
    assert.equal(decide(pemCertificates(mitm.cert)), REFUSE, 'another CA');
    assert.equal(decide([pemCertificates(mitm.cert)[0] as string]), REFUSE, 'a server certificate alone');
    assert.equal(decide([mitm.caPem]), REFUSE, 'a self-signed certificate');
    assert.equal(decide([pemCertificates(mitm.cert)[0] as string, hall.caPem]), REFUSE, 'a foreign server certificate beside the real CA');
    assert.equal(decide(pemCertificates(hall.cert), 'localhost'), REFUSE, 'a host other than the hall’s');
    assert.equal(decide(pemCertificates(hall.cert), '192.168.1.10', { origin: ORIGIN, caFingerprint: null }), REFUSE, 'no pin');
    assert.equal(
      decide(pemCertificates(hall.cert), '192.168.1.10', { origin: 'http://192.168.1.10:8080', caFingerprint: hall.caFingerprint }),
      REFUSE,
      'an http hall has no certificate to trust',
    );
  });

  it('lockSession installs the decision as the session’s verify procedure and logs refusals', () => {
    const session = new FakeSession();
    const { log, lines } = memoryLogger();
    lockSession(session, { role: 'kiosk', hallOrigin: ORIGIN, hallCaFingerprint: hall.caFingerprint, production: true, log });
    const verify = (pems: readonly string[]): number => {
      let code: number | null = null;
      session.certificateVerify?.({ hostname: '192.168.1.10', certificate: electronChain(pems) }, (c) => {
        code = c;
      });
      assert.notEqual(code, null, 'the procedure answers at once');
      return code as unknown as number;
    };
    assert.equal(verify(pemCertificates(hall.cert)), TRUST);
    assert.equal(verify(pemCertificates(mitm.cert)), REFUSE);
    const refusal = lines().find((l) => l.msg === 'server certificate refused');
    assert.equal(refusal?.host, '192.168.1.10');
    assert.match(String(refusal?.reason), /pinned/);
  });
});
