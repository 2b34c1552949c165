import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lockContents, lockSession } from '../../../../electron/main/lockdown.ts';
import { FakeContents, FakeSession, HALL, fakeEvent, memoryLogger, silentLogger } from './fakes.ts';

const input = (production = true) => ({ role: 'kiosk' as const, hallOrigin: HALL, production, log: silentLogger() });

describe('lockdown applied to a window', () => {
  it('will-navigate and will-redirect keep the window inside its app', () => {
    const contents = new FakeContents();
    lockContents(contents, input());
    for (const event of ['will-navigate', 'will-redirect']) {
      const inside = fakeEvent();
      contents.emit(event, inside, `${HALL}/kiosk/ticket`);
      assert.equal(inside.defaultPrevented, false, event);
      const outside = fakeEvent();
      contents.emit(event, outside, 'https://evil.example/kiosk/');
      assert.equal(outside.defaultPrevented, true, event);
    }
  });

  it('window.open is denied, even for the hall origin', () => {
    const contents = new FakeContents();
    lockContents(contents, input());
    assert.deepEqual(contents.windowOpenHandler?.({ url: `${HALL}/kiosk/` }), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  });

  it('webviews are refused', () => {
    const contents = new FakeContents();
    lockContents(contents, input());
    const event = fakeEvent();
    contents.emit('will-attach-webview', event);
    assert.equal(event.defaultPrevented, true);
  });

  it('DevTools are closed in production and left alone in development', () => {
    const production = new FakeContents();
    lockContents(production, input(true));
    production.emit('devtools-opened');
    assert.equal(production.devToolsClosed, 1);
    const development = new FakeContents();
    lockContents(development, input(false));
    development.emit('devtools-opened');
    assert.equal(development.devToolsClosed, 0);
  });

  it('logs refused navigations without the URL path or query', () => {
    const { log, text } = memoryLogger();
    const contents = new FakeContents();
    lockContents(contents, { ...input(), log });
    contents.emit('will-navigate', fakeEvent(), `${HALL}/counter/?cccd=079123456789`);
    assert.match(text(), /navigation refused/);
    assert.doesNotMatch(text(), /079123456789/);
  });
});

describe('lockdown applied to the session', () => {
  it('permission requests: granted only for the role list from the hall origin', () => {
    const session = new FakeSession();
    lockSession(session, input());
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | null = null;
      session.permissionRequest?.(
        null,
        permission,
        (g) => {
          granted = g;
        },
        { requestingUrl },
      );
      return granted;
    };
    assert.equal(ask('fullscreen', `${HALL}/kiosk/`), true);
    assert.equal(ask('media', `${HALL}/kiosk/`), false);
    assert.equal(ask('fullscreen', 'https://evil.example/'), false);
    assert.equal(session.permissionCheck?.(null, 'fullscreen', HALL), true);
    assert.equal(session.permissionCheck?.(null, 'hid', HALL), false);
    assert.equal(session.devicePermission?.(), false);
  });

  it('page requests for HID, serial and USB devices are cancelled', () => {
    const session = new FakeSession();
    lockSession(session, input());
    const hid = fakeEvent();
    let hidChoice: unknown = 'unset';
    session.emit('select-hid-device', hid, {}, (id: unknown) => {
      hidChoice = id;
    });
    assert.equal(hid.defaultPrevented, true);
    assert.equal(hidChoice, null);
    const serial = fakeEvent();
    let port: unknown = 'unset';
    session.emit('select-serial-port', serial, [], null, (id: unknown) => {
      port = id;
    });
    assert.equal(serial.defaultPrevented, true);
    assert.equal(port, '');
    const usb = fakeEvent();
    let usbCalled = false;
    session.emit('select-usb-device', usb, {}, () => {
      usbCalled = true;
    });
    assert.equal(usb.defaultPrevented, true);
    assert.equal(usbCalled, true);
  });

  it('hall pages get the CSP header, replacing any the server sent; other responses are untouched', () => {
    const session = new FakeSession();
    lockSession(session, input());
    let response: { responseHeaders?: Record<string, string[]> } | null = null;
    session.headersListener?.(
      { url: `${HALL}/kiosk/`, responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (r) => {
        response = r;
      },
    );
    const headers = (response as { responseHeaders?: Record<string, string[]> } | null)?.responseHeaders ?? {};
    assert.deepEqual(Object.keys(headers).sort(), ['Content-Security-Policy', 'Content-Type']);
    assert.match(headers['Content-Security-Policy']?.[0] ?? '', /^default-src 'self'; script-src 'self'/);
    session.headersListener?.({ url: 'https://other.example/', responseHeaders: {} }, (r) => {
      response = r;
    });
    assert.deepEqual(response, {});
  });
});
