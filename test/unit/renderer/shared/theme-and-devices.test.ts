import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeviceHostConnection } from '../../../../renderer/shared/device-client.ts';
import { roleApiOver } from '../../../../renderer/shared/device-client.ts';
import { applyBrand, brandTokens } from '../../../../renderer/shared/theme.ts';

describe('theme tokens from the brand config', () => {
  it('maps the brand colours to custom properties', () => {
    assert.deepEqual(brandTokens({ primaryColor: '#0d47a1', accentColor: '#ffca28' }), { '--brand': '#0d47a1', '--accent': '#ffca28' });
  });
  it('applies them to the element it is given', () => {
    const set: [string, string][] = [];
    applyBrand({ primaryColor: '#0d47a1', accentColor: '#ffca28' }, { style: { setProperty: (n, v) => void set.push([n, v]) } });
    assert.deepEqual(set, [
      ['--brand', '#0d47a1'],
      ['--accent', '#ffca28'],
    ]);
  });
  it('ignores values that are not #rrggbb, keeping the defaults', () => {
    assert.deepEqual(brandTokens({ primaryColor: 'red; background: url(x)', accentColor: '#ffca28' }), { '--accent': '#ffca28' });
  });
});

describe('role API over the device host envelope', () => {
  function fakeConnection() {
    const calls: { method: string; args: readonly unknown[] }[] = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const connection: DeviceHostConnection = {
      call: async (method, args) => {
        calls.push({ method, args });
        return { ok: true, value: null };
      },
      on: (name, listener) => {
        listeners.set(name, listener);
        return () => listeners.delete(name);
      },
      close: () => {},
    };
    return { connection, calls, listeners };
  }

  it('turns members into calls with their arguments', async () => {
    const f = fakeConnection();
    const kiosk = roleApiOver<'kiosk'>(f.connection);
    assert.deepEqual(await kiosk.printerStatus(), { ok: true, value: null });
    await kiosk.readCard({ key: { kind: 'can', can: '123456' }, dataGroups: [1] });
    assert.deepEqual(
      f.calls.map((c) => c.method),
      ['printerStatus', 'readCard'],
    );
    assert.deepEqual(f.calls[1]?.args, [{ key: { kind: 'can', can: '123456' }, dataGroups: [1] }]);
  });
  it('turns onX members into subscriptions to event x, and is not a thenable', async () => {
    const f = fakeConnection();
    const counter = roleApiOver<'counter'>(f.connection);
    const presses: unknown[] = [];
    const off = counter.onRating((p) => presses.push(p));
    f.listeners.get('rating')?.({ at: 1 });
    assert.deepEqual(presses, [{ at: 1 }]);
    off();
    assert.equal(f.listeners.has('rating'), false);
    assert.equal((counter as unknown as { then?: unknown }).then, undefined);
    assert.equal(await Promise.resolve(counter), counter);
  });
});
