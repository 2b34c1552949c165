/**
 * Keypad ratings leave the counter terminal from its device side (rating-sender.ts):
 * - against a scripted loopback server: what is sent, which answers are retried (no answer, 5xx),
 *   which are final (4xx), the deadline, and close();
 * - end to end: a counter device host with the simulated keypad and a rating token, and the real
 *   hall server: the window opened on the device, a key pressed, the finished ticket rated with
 *   that level; a second press on a rated ticket refused and logged; a keypad without a token
 *   said at start.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DeviceHost } from '../../../devices/terminal/device-host.ts';
import { checkKeypadLevels, RatingSender } from '../../../devices/terminal/rating-sender.ts';
import { api, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';
import { collectingLogger, openRatingWindow, serveToFinish, startKeypadHost, until, type HallCall } from '../../support/keypad-rating-steps.ts';

interface Received {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** A loopback server answering each request with the next scripted answer ('hang' never answers). */
async function scriptedServer(answers: readonly (readonly [number, unknown] | 'hang')[]) {
  const received: Received[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      const answer = answers[Math.min(received.length, answers.length) - 1] ?? [500, {}];
      if (answer === 'hang') return void hanging.push(res);
      res.writeHead(answer[0], { 'content-type': 'application/json' }).end(JSON.stringify(answer[1]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const TOKEN = 'rating-token-0123456789abcdef';
const fast = { retryBaseMs: 10, retryMaxMs: 40 } as const;

describe('the keypad against the hall’s rating levels (scripted hall server)', () => {
  const lines = () => {
    const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      info: (fields: Record<string, unknown>, message: string) => void logged.push({ level: 'info', fields, message }),
      warn: (fields: Record<string, unknown>, message: string) => void logged.push({ level: 'warn', fields, message }),
    };
    return { logged, log };
  };
  const FIVE_KEYS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;

  it('a 5-key keypad in a 3-level hall: the two keys the hall refuses are named in a warning', async () => {
    const hall = await scriptedServer([[200, { policy: { ratingLevels: 3 } }]]);
    try {
      const { logged, log } = lines();
      const refused = await checkKeypadLevels({ hallUrl: hall.url, ratingToken: TOKEN, keypadLevels: FIVE_KEYS, counterId: 'quay-1', log });
      assert.deepEqual(refused, ['neutral', 'very_dissatisfied']);
      assert.deepEqual(
        hall.received.map((r) => [r.method, r.path, r.authorization]),
        [['GET', '/api/v1/hall/config', `Bearer ${TOKEN}`]],
      );
      assert.equal(logged.length, 1);
      assert.equal(logged[0]?.level, 'warn');
      assert.match(logged[0]?.message ?? '', /keys for neutral, very_dissatisfied, which this hall \(3 levels\) does not use.*profile with 3 keys/);
    } finally {
      await hall.close();
    }
  });

  it('a keypad that fits says nothing; a hall that cannot be asked is said at info level', async () => {
    const fits = await scriptedServer([[200, { policy: { ratingLevels: 5 } }]]);
    try {
      const { logged, log } = lines();
      assert.deepEqual(await checkKeypadLevels({ hallUrl: fits.url, ratingToken: TOKEN, keypadLevels: FIVE_KEYS, counterId: 'quay-1', log }), []);
      assert.deepEqual(logged, []);
    } finally {
      await fits.close();
    }
    const older = await scriptedServer([[200, { hall: {} }]]);
    try {
      const { logged, log } = lines();
      assert.equal(await checkKeypadLevels({ hallUrl: older.url, ratingToken: TOKEN, keypadLevels: FIVE_KEYS, counterId: 'quay-1', log }), null);
      assert.deepEqual(
        logged.map((l) => l.level),
        ['info'],
      );
    } finally {
      await older.close();
    }
  });
});

describe('rating sender (scripted hall server)', () => {
  it('posts the level and the press’s age with the rating token to the counter’s ratings path; a 201 is sent', async () => {
    const hall = await scriptedServer([[201, { ticketId: 't-1', level: 'satisfied' }]]);
    try {
      const sender = new RatingSender({ hallUrl: `${hall.url}/ignored/path`, counterId: 'quay-2', ratingToken: TOKEN, now: () => 1_250 });
      assert.deepEqual(await sender.submit({ level: 'satisfied', at: 1_000 }), { kind: 'sent', attempts: 1, ticketId: 't-1' });
      assert.deepEqual(hall.received, [
        { method: 'POST', path: '/api/v1/counters/quay-2/ratings', authorization: `Bearer ${TOKEN}`, body: '{"level":"satisfied","pressedMsAgo":250}' },
      ]);
    } finally {
      await hall.close();
    }
  });

  it('retries a 503 and an unanswered request, then sends', async () => {
    const hall = await scriptedServer([[503, { error: { code: 'unavailable' } }], 'hang', [201, { ticketId: 't-2' }]]);
    try {
      const outcomes: string[] = [];
      const sender = new RatingSender({
        hallUrl: hall.url,
        counterId: 'quay-1',
        ratingToken: TOKEN,
        requestTimeoutMs: 200,
        ...fast,
        onOutcome: (o) => outcomes.push(o.kind),
      });
      assert.deepEqual(await sender.submit({ level: 'very_satisfied', at: Date.now() }), { kind: 'sent', attempts: 3, ticketId: 't-2' });
      assert.deepEqual(outcomes, ['sent']);
      assert.equal(hall.received.length, 3);
      const ages = hall.received.map((r) => (JSON.parse(r.body) as { pressedMsAgo: number }).pressedMsAgo);
      assert.ok(ages[2]! >= ages[0]! + 200, `each retry says how long ago the key was pressed: ${ages.join(', ')} ms`);
    } finally {
      await hall.close();
    }
  });

  it('a 409 or a 401 is final: refused with the server’s code, not retried', async () => {
    for (const [status, code] of [
      [409, 'already_rated'],
      [401, 'unauthorized'],
    ] as const) {
      const hall = await scriptedServer([[status, { error: { code, message: '…' } }]]);
      try {
        const sender = new RatingSender({ hallUrl: hall.url, counterId: 'quay-1', ratingToken: TOKEN, ...fast });
        assert.deepEqual(await sender.submit({ level: 'dissatisfied', at: 1 }), { kind: 'refused', attempts: 1, status, code });
        assert.equal(hall.received.length, 1);
      } finally {
        await hall.close();
      }
    }
  });

  it('a hall server that cannot be reached: retried until the deadline, then gave_up saying why', async () => {
    const gone = await scriptedServer([]);
    await gone.close(); // nothing listens on this port any more
    const sender = new RatingSender({ hallUrl: gone.url, counterId: 'quay-1', ratingToken: TOKEN, deadlineMs: 150, ...fast });
    const outcome = await sender.submit({ level: 'satisfied', at: 1 });
    assert.equal(outcome.kind, 'gave_up');
    assert.ok(outcome.attempts >= 2, `retried (${outcome.attempts} attempts)`);
    assert.match(outcome.kind === 'gave_up' ? outcome.detail : '', /not reachable/);
  });

  it('close() stops the retries of a delivery under way', async () => {
    const hall = await scriptedServer([[503, {}]]);
    try {
      const sender = new RatingSender({ hallUrl: hall.url, counterId: 'quay-1', ratingToken: TOKEN, deadlineMs: 60_000, retryBaseMs: 50, retryMaxMs: 50 });
      const delivery = sender.submit({ level: 'satisfied', at: 1 });
      while (hall.received.length === 0) await new Promise((r) => setTimeout(r, 5));
      await sender.close();
      const outcome = await delivery;
      assert.equal(outcome.kind, 'gave_up');
      assert.ok(hall.received.length <= 2, `stopped after ${hall.received.length} attempts`);
    } finally {
      await hall.close();
    }
  });
});

describe('keypad rating, device host to hall server', () => {
  let now = Date.parse('2026-03-02T01:00:00Z'); // 08:00 in Hanoi, a Monday
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let host: DeviceHost | null = null;
  const logLines: Record<string, unknown>[] = [];
  const logger = collectingLogger(logLines);
  const call: HallCall = (method, path, as, body) => api(hall.url, method, path, { ...as, body });

  before(async () => {
    tmp = tempDir('keypad-rating-');
    hall = await startTestHall({ clock: () => now, dbPath: join(tmp.dir, 'hall.db') });
  });
  after(async () => {
    await host?.close();
    await hall.close();
    tmp.cleanup();
  });

  it('the press inside the window rates the finished ticket with the keypad’s level; a second press is refused and logged', async () => {
    host = await startKeypadHost({ counterId: 'quay-1', hallUrl: hall.url, ratingToken: hall.device('rating', 'quay-1'), logger });
    const ticketId = await serveToFinish({
      call,
      counterId: 'quay-1',
      officer: await hall.officerAt('quay-1'),
      kiosk: hall.device('kiosk'),
      advance: (ms) => (now += ms),
    });

    // The counter page opens the window on the device side, as it does after a finish.
    const page = await openRatingWindow(host);
    try {
      const keypad = host.manager.simulators.keypad;
      assert.ok(keypad?.ledsOn, 'the keypad lights up');
      keypad.press('dissatisfied');
      await until(() => hall.server.hall.ticket(ticketId)?.rating === 'dissatisfied', 'the ticket to be rated');
      await page.waitForEvent('rating'); // the page learns a key was pressed; it sends nothing

      // A second window on the device (the hall's window is still open, its ticket rated); past
      // the keypad's debounce, so the press counts on the device side.
      await new Promise((r) => setTimeout(r, keypad.profile.debounceMs + 50));
      await page.call('openRatingWindow', 30);
      keypad.press('very_satisfied');
      await until(() => logLines.some((l) => l.msg === 'hall server refused the keypad rating'), 'the refusal to be logged');
      assert.equal(hall.server.hall.ticket(ticketId)?.rating, 'dissatisfied', 'the first rating stands');
      const refusal = logLines.find((l) => l.msg === 'hall server refused the keypad rating');
      assert.equal(refusal?.status, 409);
      assert.equal(refusal?.code, 'already_rated');
      assert.equal(refusal?.counterId, 'quay-1');
      assert.ok(logLines.some((l) => l.msg === 'keypad rating sent to the hall server' && l.module === 'keypad-ratings'));
    } finally {
      await page.close();
    }
  });

  it('a keypad without a rating token is said in the log at start: its ratings would not reach the hall', async () => {
    await host?.close();
    logLines.length = 0;
    host = await startKeypadHost({ counterId: 'quay-2', hallUrl: hall.url, logger });
    const warning = logLines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('rating keypad configured without a rating token'));
    assert.ok(warning, JSON.stringify(logLines));
    assert.match(String(warning?.msg), /enroll --role rating --counter quay-2/);
  });
});
