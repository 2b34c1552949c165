/**
 * The hall's TLS material (hall-tls.ts, tls-transport.ts): a CA and a server certificate made at
 * first start with private keys readable by the owner alone, reused on restart, the server
 * certificate issued again under the same CA when it nears its end or the names change; a given
 * certificate and key checked to belong together; which transport the serve flags give.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  RENEW_BEFORE_DAYS,
  SERVER_CERT_DAYS,
  certificateNames,
  givenHallTls,
  isLoopbackHost,
  ownHallTls,
  pemCertificates,
  wantedNames,
} from '../../../../electron/server/hall-tls.ts';
import { pinnedFingerprint, transportPlan } from '../../../../electron/server/tls-transport.ts';

const dir = mkdtempSync(join(tmpdir(), 'hall-tls-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the hall CA and server certificate', () => {
  const tlsDir = join(dir, 'tls');
  const names = wantedNames(['hall.example', '10.0.0.5'], ['192.168.1.20', 'fd00::2'], 'hall-pc');

  it('names: configured, LAN, machine, loopback; IPv6 written out as node shows it', () => {
    assert.deepEqual(names, ['0:0:0:0:0:0:0:1', '10.0.0.5', '127.0.0.1', '192.168.1.20', 'fd00:0:0:0:0:0:0:2', 'hall-pc', 'hall.example', 'localhost']);
  });

  it('first start: a CA (cA, pathLen 0) and a server certificate it signed, keys 0600', async () => {
    const tls = await ownHallTls({ dir: tlsDir, names, hallName: 'Ben Nghe' });
    assert.equal(tls.source, 'created');
    for (const key of ['ca.key', 'server.key']) assert.equal(statSync(join(tlsDir, key)).mode & 0o777, 0o600, key);
    const [leafPem, caPem] = pemCertificates(tls.cert);
    const ca = new X509Certificate(caPem as string);
    const leaf = new X509Certificate(leafPem as string);
    assert.equal(ca.ca, true);
    assert.ok(ca.verify(ca.publicKey), 'the CA is self-signed');
    assert.equal(leaf.ca, false);
    assert.ok(leaf.checkIssued(ca) && leaf.verify(ca.publicKey), 'the CA signed the server certificate');
    assert.deepEqual(certificateNames(leaf), names);
    assert.equal(tls.caFingerprint, ca.fingerprint256);
    assert.match(tls.caFingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const days = (new Date(leaf.validTo).getTime() - Date.now()) / 86_400_000;
    assert.ok(days > SERVER_CERT_DAYS - 2 && days <= SERVER_CERT_DAYS, String(days));
  });

  it('restart: the same files; new names or a near end: a new server certificate under the same CA', async () => {
    const first = await ownHallTls({ dir: tlsDir, names, hallName: 'Ben Nghe' });
    const again = await ownHallTls({ dir: tlsDir, names, hallName: 'Ben Nghe' });
    assert.equal(again.source, 'reused');
    assert.equal(again.cert, first.cert);
    const reasons: string[] = [];
    const moved = await ownHallTls({
      dir: tlsDir,
      names: wantedNames(['hall.example'], ['192.168.1.21'], 'hall-pc'),
      hallName: 'Ben Nghe',
      onIssued: (r) => reasons.push(r),
    });
    assert.equal(moved.source, 'issued');
    assert.equal(moved.caFingerprint, first.caFingerprint, 'the CA is kept: terminals keep their pin');
    assert.ok(moved.names.includes('192.168.1.21'));
    const late = new Date(Date.now() + (SERVER_CERT_DAYS - RENEW_BEFORE_DAYS + 1) * 86_400_000);
    const renewed = await ownHallTls({ dir: tlsDir, names: moved.names, hallName: 'Ben Nghe', now: late, onIssued: (r) => reasons.push(r) });
    assert.equal(renewed.source, 'issued');
    assert.deepEqual(reasons, ['names changed', 'expires soon']);
    assert.equal(pinnedFingerprint(join(dir, 'hall.db'), null), first.caFingerprint, 'enroll reads the CA next to the database');
  });

  it('a CA whose key is missing stops the start (never replaced silently)', async () => {
    const broken = join(dir, 'broken');
    await ownHallTls({ dir: broken, names, hallName: 'x' });
    rmSync(join(broken, 'ca.key'));
    await assert.rejects(ownHallTls({ dir: broken, names, hallName: 'x' }), /incomplete/);
  });

  it('a given certificate: its key must match; the top of the chain is what terminals pin', async () => {
    const tls = await ownHallTls({ dir: tlsDir, names, hallName: 'Ben Nghe' });
    const given = givenHallTls(tls.cert, tls.key);
    assert.equal(given.source, 'given');
    assert.equal(given.caFingerprint, tls.caFingerprint);
    const other = await ownHallTls({ dir: join(dir, 'other'), names, hallName: 'x' });
    assert.throws(() => givenHallTls(tls.cert, other.key), /not the private key/);
    writeFileSync(join(dir, 'chain.pem'), tls.cert);
    assert.equal(pinnedFingerprint(join(dir, 'nowhere', 'hall.db'), join(dir, 'chain.pem')), tls.caFingerprint);
    assert.equal(readFileSync(join(dir, 'chain.pem'), 'utf8'), tls.cert);
  });
});

describe('transportPlan (hall serve flags)', () => {
  const plan = (host: string, flags: Partial<{ tls: boolean; insecureHttp: boolean; cert: string | null; key: string | null }> = {}) =>
    transportPlan({ host, tls: false, insecureHttp: false, cert: null, key: null, ...flags });
  it('loopback is plain unless asked; any other address is TLS unless --insecure-http', () => {
    assert.deepEqual(plan('127.0.0.1'), { kind: 'plain' });
    assert.deepEqual(plan('::1'), { kind: 'plain' });
    assert.deepEqual(plan('127.0.0.1', { tls: true }), { kind: 'own' });
    assert.deepEqual(plan('0.0.0.0'), { kind: 'own' });
    assert.deepEqual(plan('192.168.1.10'), { kind: 'own' });
    assert.deepEqual(plan('0.0.0.0', { insecureHttp: true }), { kind: 'plain' });
    assert.deepEqual(plan('0.0.0.0', { cert: 'c.pem', key: 'k.pem' }), { kind: 'given', cert: 'c.pem', key: 'k.pem' });
  });
  it('contradictions are usage errors', () => {
    assert.throws(() => plan('0.0.0.0', { cert: 'c.pem' }), /go together/);
    assert.throws(() => plan('0.0.0.0', { insecureHttp: true, tls: true }), /contradicts/);
  });
  it('isLoopbackHost', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['0.0.0.0', '::', '192.168.1.1', 'hall.local']) assert.ok(!isLoopbackHost(h), h);
  });
});
