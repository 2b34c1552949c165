/**
 * Pairing-code guessing (the public pairDevice route), as an attacker on the hall LAN does it: a
 * loop of wrong codes from one address. Before, every guess was checked (4,115 guesses/s against
 * 8-digit codes valid 15 minutes). Now wrong codes are counted per client address: after 3 each try
 * must wait, doubling, and the 10th locks the address for an hour; a refused try is not checked,
 * even with the right code. Another address (the installer's tablet) is not affected. Every
 * failure and refusal is logged, without the code.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHallServer, type HallServer } from '../../../electron/server/hall-server.ts';
import { capturedLog } from '../../support/captured-log.ts';
import { openDemoHall, tempDir } from '../../support/hall-server.ts';

describe('pairing codes cannot be guessed', () => {
  const tmp = tempDir('hall-pairing-');
  const log = capturedLog();
  let now = Date.parse('2026-03-02T02:00:00Z');
  let server: HallServer;
  let code = '';

  before(async () => {
    server = createHallServer({ dbPath: join(tmp.dir, 'hall.db'), config: openDemoHall(), clock: () => now, log: log.log, provincial: { env: {} } });
    await server.app.ready();
    code = server.access.createPairing({ id: 'kiosk-new', role: 'kiosk', name: 'Kiosk sảnh', counterId: null, validMinutes: 15 });
  });
  after(async () => {
    await server.close();
    tmp.cleanup();
  });

  const pair = (guess: string, remoteAddress: string) =>
    server.app.inject({ method: 'POST', url: '/api/v1/devices/pair', remoteAddress, payload: { code: guess } });
  const wrong = (i: number) => String((Number(code.replace('-', '')) + 1 + i) % 100_000_000).padStart(8, '0');

  test('a guessing loop from one address: of 200 tries in a minute at most 10 are checked, the rest refused with the wait', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      statuses.push((await pair(wrong(i), '10.0.0.66')).statusCode);
      now += 250; // 4 guesses a second, a minute in all
    }
    const checked = statuses.filter((s) => s === 401).length;
    assert.ok(checked <= 10, `${checked} guesses were checked`); // 3 free, then waits of 1, 2, 4, 8, 16, 32 s
    assert.ok(statuses.filter((s) => s === 429).length >= 190);
    const refused = await pair(wrong(999), '10.0.0.66');
    assert.equal(refused.json().error.code, 'TOO_MANY_ATTEMPTS');
    assert.ok(refused.json().error.details.retryAfterMs > 0);
  });

  test('at the 10th wrong code the address is locked for an hour: even the right code is refused, unchecked', async () => {
    for (let i = 0; i < 40; i++) {
      now += 61_000; // past any backoff: only the lockout can refuse now
      const r = await pair(wrong(1_000 + i), '10.0.0.66');
      if (r.json().error?.code === 'TOO_MANY_ATTEMPTS' && r.json().error.details.retryAfterMs > 60_000) break;
    }
    const right = await pair(code, '10.0.0.66');
    assert.equal(right.statusCode, 429, 'the right code from a locked address is not even checked');
    assert.ok(right.json().error.details.retryAfterMs > 50 * 60_000);
  });

  test('the installer at another address pairs at once; the code is never in the log', async () => {
    const ok = await pair(code, '10.0.0.20');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().device.id, 'kiosk-new');
    const lines = log.lines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('device pairing'));
    assert.ok(lines.some((l) => l.msg === 'device pairing failed' && l.reason === 'unknown'));
    assert.ok(lines.some((l) => l.msg === 'device pairing refused before the code was checked'));
    assert.doesNotMatch(log.text(), new RegExp(`${code}|${code.replace('-', '')}`));
  });
});
