/**
 * The provincial section of the hall configuration and how its secret is found: only through the
 * environment variable it names, never in the file, never in a reason text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { provincialSchema } from '../../../../../electron/common/hall-config.ts';
import { resolveProvincial } from '../../../../../electron/server/sync/provincial-config.ts';

const BASE = { baseUrl: 'https://motcua.example.gov.vn/api', auth: { kind: 'bearer', tokenEnv: 'PROVINCIAL_TOKEN' } };

describe('provincial configuration', () => {
  test('defaults: 10 s deliveries, 3 s lookups, 40 attempts, backoff 1 s to 10 min', () => {
    const p = provincialSchema.parse(BASE);
    assert.deepEqual(
      [p.timeoutMs, p.statusTimeoutMs, p.maxAttempts, p.retryBaseMs, p.retryCapMs, p.appointmentSyncMinutes],
      [10_000, 3_000, 40, 1_000, 600_000, 10],
    );
  });

  test('a secret written in the file is refused; so is a URL with a query or another scheme', () => {
    const withToken = provincialSchema.safeParse({ ...BASE, auth: { kind: 'bearer', tokenEnv: 'PROVINCIAL_TOKEN', token: 'abc' } });
    assert.equal(withToken.success, false);
    const withPassword = provincialSchema.safeParse({ ...BASE, auth: { kind: 'basic', username: 'hall', passwordEnv: 'PW', password: 'x' } });
    assert.equal(withPassword.success, false);
    for (const baseUrl of ['ftp://x.example/api', 'https://x.example/api?key=1', 'motcua.example.gov.vn']) {
      assert.equal(provincialSchema.safeParse({ ...BASE, baseUrl }).success, false, baseUrl);
    }
    assert.equal(provincialSchema.safeParse({ ...BASE, auth: { kind: 'bearer', tokenEnv: 'lower-case' } }).success, false);
  });

  test('the secret comes from the named variable; a missing one names the variable, not a value', () => {
    const config = provincialSchema.parse(BASE);
    assert.deepEqual(resolveProvincial(undefined, {}), { state: 'not_configured', reason: 'the hall configuration has no "provincial" section' });
    const missing = resolveProvincial(config, { OTHER: 'x' });
    assert.equal(missing.state, 'missing_secret');
    assert.match(missing.state === 'missing_secret' ? missing.reason : '', /PROVINCIAL_TOKEN/);
    const ok = resolveProvincial(config, { PROVINCIAL_TOKEN: 's3cret' }, 'http://127.0.0.1:9999');
    assert.equal(ok.state, 'configured');
    if (ok.state !== 'configured') return;
    assert.deepEqual(ok.client, { baseUrl: 'http://127.0.0.1:9999', authorization: 'Bearer s3cret', timeoutMs: 10_000 });
    assert.ok(!JSON.stringify(ok.config).includes('s3cret'), 'the secret is only in the header value');
  });

  test('basic authentication', () => {
    const config = provincialSchema.parse({ ...BASE, auth: { kind: 'basic', username: 'hall-36', passwordEnv: 'PROVINCIAL_PASSWORD' } });
    const r = resolveProvincial(config, { PROVINCIAL_PASSWORD: 'mật-khẩu' });
    assert.equal(r.state === 'configured' ? r.client.authorization : '', `Basic ${Buffer.from('hall-36:mật-khẩu', 'utf8').toString('base64')}`);
  });
});
