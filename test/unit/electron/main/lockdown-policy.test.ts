import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentSecurityPolicy,
  navigationDecision,
  originOf,
  permissionDecision,
  roleUrl,
  secureWebPreferences,
} from '../../../../electron/main/lockdown-policy.ts';
import { HALL } from './fakes.ts';

describe('lockdown policy', () => {
  it('web preferences isolate, sandbox and strip Node from every renderer', () => {
    const prefs = secureWebPreferences('/app/preload/kiosk.cjs', true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.preload, '/app/preload/kiosk.cjs');
    assert.equal('enableBlinkFeatures' in prefs, false);
  });

  it('DevTools exist only in development builds', () => {
    assert.equal(secureWebPreferences('p', true).devTools, false);
    assert.equal(secureWebPreferences('p', false).devTools, true);
  });

  it('each role loads its own app from the hall server', () => {
    assert.equal(roleUrl(HALL, 'kiosk'), 'http://192.168.1.10:8080/kiosk/');
    assert.equal(roleUrl('https://hall.example', 'display'), 'https://hall.example/display/');
  });

  const table: [url: string, allowed: boolean][] = [
    ['http://192.168.1.10:8080/kiosk/', true],
    ['http://192.168.1.10:8080/kiosk/services?field=ho-tich', true],
    ['HTTP://192.168.1.10:8080/kiosk/#/ticket', true],
    ['http://192.168.1.10:8080/kiosk', false],
    ['http://192.168.1.10:8080/counter/', false],
    ['http://192.168.1.10:8080/kiosk/../counter/', false],
    ['http://192.168.1.10:8080/kioskx/', false],
    // Encoded traversal: the raw path starts with /kiosk/, the decoded one names the counter's app.
    ['http://192.168.1.10:8080/kiosk/..%2fcounter/', false],
    ['http://192.168.1.10:8080/kiosk/..%2Fcounter/index.html', false],
    ['http://192.168.1.10:8080/kiosk/%2e%2e/counter/', false],
    ['http://192.168.1.10:8080/kiosk/..%5ccounter/', false],
    ['http://192.168.1.10:8080/kiosk/%E0%A4%A/', false],
    ['http://192.168.1.10:8080/kiosk/Ph%C6%B0%E1%BB%9Dng/', true],
    ['http://192.168.1.10:8080.evil.example/kiosk/', false],
    ['http://192.168.1.10:8080@evil.example/kiosk/', false],
    ['http://user:pw@192.168.1.10:8080/kiosk/', false],
    ['http://192.168.1.10:8081/kiosk/', false],
    ['https://192.168.1.10:8080/kiosk/', false],
    ['http://192.168.1.100:8080/kiosk/', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<h1>x</h1>', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['not a url', false],
  ];
  for (const [url, allowed] of table) {
    it(`kiosk navigation to ${url} is ${allowed ? 'allowed' : 'refused'}`, () => {
      assert.equal(navigationDecision(url, HALL, 'kiosk').allow, allowed);
    });
  }

  it('a refusal says why without echoing the path', () => {
    const decision = navigationDecision('http://192.168.1.10:8080/counter/079123456789', HALL, 'kiosk');
    assert.equal(decision.allow, false);
    assert.ok(!decision.allow && decision.reason === 'path outside /kiosk/');
  });

  it('permissions: only the role list, only for the hall origin', () => {
    assert.equal(permissionDecision('kiosk', 'fullscreen', `${HALL}/kiosk/`, HALL), true);
    assert.equal(permissionDecision('display', 'fullscreen', `${HALL}/display/`, HALL), true);
    assert.equal(permissionDecision('counter', 'clipboard-sanitized-write', `${HALL}/counter/`, HALL), true);
    assert.equal(permissionDecision('counter', 'fullscreen', `${HALL}/counter/`, HALL), false);
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'openExternal', 'clipboard-read', 'display-capture']) {
      for (const role of ['kiosk', 'counter', 'display'] as const) {
        assert.equal(permissionDecision(role, permission, `${HALL}/${role}/`, HALL), false, `${role} ${permission}`);
      }
    }
    assert.equal(permissionDecision('kiosk', 'fullscreen', 'https://evil.example/kiosk/', HALL), false);
    assert.equal(permissionDecision('kiosk', 'fullscreen', '', HALL), false);
  });

  it('the CSP keeps scripts and connections on the hall server', () => {
    const csp = contentSecurityPolicy(HALL);
    assert.match(csp, /(^|; )default-src 'self'(;|$)/);
    assert.match(csp, /(^|; )script-src 'self'(;|$)/);
    assert.match(csp, /connect-src 'self' ws:\/\/192\.168\.1\.10:8080/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(contentSecurityPolicy('https://hall.example'), /connect-src 'self' wss:\/\/hall\.example/);
    assert.doesNotMatch(csp, /127\.0\.0\.1/, 'the shell reaches its devices through the preload');
  });

  it('the static pages may also reach a device host on loopback, and nothing else', () => {
    const connect = /connect-src ([^;]*)/.exec(contentSecurityPolicy(HALL, { loopbackDeviceHost: true }))?.[1];
    assert.equal(connect, "'self' ws://192.168.1.10:8080 ws://127.0.0.1:* ws://localhost:* ws://[::1]:*");
  });

  it('originOf refuses opaque origins', () => {
    assert.equal(originOf('data:text/html,x'), null);
    assert.equal(originOf('nonsense'), null);
    assert.equal(originOf('http://h:1/x?y'), 'http://h:1');
  });
});
