/**
 * What the keypad rating journeys share (keypad-rating.test.ts over http, terminal/hall-tls.test.ts
 * over the pinned https client): a counter's device host with the simulated keypad whose log lines
 * the test reads, a ticket served to its finish at that counter, and the rating window opened from
 * the counter page as it does after a finish.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startDeviceHost, type DeviceHost } from '../../devices/terminal/device-host.ts';
import { connectDeviceHost, type DeviceHostClient } from './device-host-client.ts';

/** A pino logger for the device host, each line parsed into `lines` as it is written. */
export function collectingLogger(lines: Record<string, unknown>[]): pino.Logger {
  return pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
}

/** A counter's device host with one simulated keypad (`sim:keypad`), sending to `hallUrl`. */
export function startKeypadHost(options: {
  counterId: string;
  hallUrl: string;
  /** The hall CA pinned at pairing, for an https hall. */
  hallCaFingerprint?: string;
  /** Without it the keypad's ratings cannot reach the hall (said in the log at start). */
  ratingToken?: string;
  logger: pino.Logger;
}): Promise<DeviceHost> {
  return startDeviceHost({ role: 'counter', devices: [{ id: 'keypad', kind: 'keypad', uri: 'sim:keypad' }], ...options });
}

export interface Credentials {
  readonly token: string;
  readonly session?: string;
}

/** One request to the hall as the test makes it (its own client: plain, or pinned to the hall CA). */
export type HallCall = (method: string, path: string, as: Credentials, body?: unknown) => Promise<{ status: number; json: any }>;

/**
 * Opens the counter, issues a ticket at a kiosk, and calls, starts and finishes it a minute later;
 * then a few seconds pass, as before a citizen's press. `advance` moves the hall's clock. Returns
 * the ticket's id.
 */
export async function serveToFinish(options: {
  call: HallCall;
  counterId: string;
  officer: Credentials;
  kiosk: string;
  advance: (ms: number) => void;
}): Promise<string> {
  const { call, counterId, officer, advance } = options;
  const step = async (action: string, body?: unknown) => {
    const r = await call('POST', `/api/v1/counters/${counterId}/${action}`, officer, body);
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.json)}`);
  };
  await step('open');
  const issued = await call('POST', '/api/v1/tickets', { token: options.kiosk }, { serviceId: 'ho-tich' });
  assert.equal(issued.status, 201, JSON.stringify(issued.json));
  await step('call-next');
  await step('start');
  advance(60_000);
  await step('finish', { outcome: 'received_dossier' });
  // The citizen presses a few seconds after the finish. The hall's clock is frozen in these tests, and
  // the sender states the press's real age (`pressedMsAgo`); without this step a press that took a
  // millisecond to reach the hall would be dated before the window opened and refused.
  advance(3_000);
  return issued.json.ticket.id as string;
}

/** The counter page's side: connected to the device host, the rating window opened for 30 s. */
export async function openRatingWindow(host: DeviceHost): Promise<DeviceHostClient> {
  const page = await connectDeviceHost(host.url);
  try {
    await page.hello('counter');
    await page.call('openRatingWindow', 30);
    return page;
  } catch (e) {
    await page.close();
    throw e;
  }
}

/** Waits until `check` holds, polling every 10 ms; fails naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
