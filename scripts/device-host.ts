/**
 * `npm run device-host -- --config FILE` or `--role R [--counter ID] [--devices FILE] [--token T] [--token-file FILE] [--port N] [--csca DIR] [--hall URL --rating-token T [--hall-ca-fingerprint FP]]`:
 * the Node device host of browser mode (devices/terminal/device-host.ts). It listens on 127.0.0.1
 * and prints its URL, the value of the terminal page's `deviceHost` query parameter. With `sim:`
 * URIs it drives the simulators.
 *
 * The config file is JSON: { "role": "counter", "counterId": "quay-1", "devices": [{ "id": "keypad",
 * "kind": "keypad", "uri": "sim:keypad" }], "deviceToken": "…", "tokenFile": "…", "port": 7410 }; command-line
 * options win. A token saved through saveDeviceToken goes to the token file and wins over both.
 * --csca (or "csca") names the folder of CSCA certificates a `pcsc:` card reader verifies cards against.
 * --hall and --rating-token (or "hallUrl", "ratingToken"): a counter's keypad ratings are sent to that
 * hall server under the token of a rating device enrolled for the counter
 * (`npm run hall -- enroll --role rating --counter ID --name NAME --token`).
 * --hall-ca-fingerprint (or "hallCaFingerprint"): the SHA-256 fingerprint of the hall's CA that
 * `enroll` prints; required for an https hall, whose certificate must chain to that CA alone.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEVICE_HOST_QUERY_PARAM, type TerminalRole } from '../electron/common/device-contract.ts';
import { loadTrustStore } from '../devices/card-reader/passive-authentication.ts';
import { parseDeviceList } from '../devices/manager/device-config.ts';
import { createDeviceLogger } from '../devices/manager/device-logger.ts';
import { startDeviceHost } from '../devices/terminal/device-host.ts';

const ROLES: readonly TerminalRole[] = ['kiosk', 'counter', 'display'];

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      role: { type: 'string' },
      counter: { type: 'string' },
      devices: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      port: { type: 'string' },
      csca: { type: 'string' },
      hall: { type: 'string' },
      'rating-token': { type: 'string' },
      'hall-ca-fingerprint': { type: 'string' },
    },
  });
  const config = (values.config ? readJson(values.config, 'config') : {}) as Record<string, unknown>;
  const role = (values.role ?? config.role) as TerminalRole;
  if (!ROLES.includes(role)) throw new Error(`--role must be kiosk, counter or display, got '${String(role)}'`);
  const devices = parseDeviceList(values.devices ? readJson(values.devices, 'device list') : (config.devices ?? []));
  const port = Number(values.port ?? config.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got '${values.port}'`);
  const tokenFile = values['token-file'] ?? (config.tokenFile as string | undefined);
  const csca = values.csca ?? (config.csca as string | undefined);
  const hallUrl = values.hall ?? (config.hallUrl as string | undefined) ?? null;
  if (hallUrl !== null && !/^https?:\/\/[^/?#\s]+\/?$/.test(hallUrl))
    throw new Error(`--hall must be the hall server's origin, e.g. https://192.168.1.10:8080, got '${hallUrl}'`);
  const hallCaFingerprint = values['hall-ca-fingerprint'] ?? (config.hallCaFingerprint as string | undefined) ?? null;
  const host = await startDeviceHost({
    role,
    counterId: values.counter ?? (config.counterId as string | undefined) ?? null,
    deviceToken: values.token ?? (config.deviceToken as string | undefined) ?? null,
    hallUrl,
    ratingToken: values['rating-token'] ?? (config.ratingToken as string | undefined) ?? null,
    hallCaFingerprint,
    devices,
    port,
    logger: createDeviceLogger(),
    ...(tokenFile !== undefined ? { tokenFile } : {}),
    ...(csca !== undefined ? { cardTrustStore: loadTrustStore(csca) } : {}),
  });
  process.stdout.write(`device host for ${role}: ${host.url}\n  open the terminal page with ?${DEVICE_HOST_QUERY_PARAM}=${encodeURIComponent(host.url)}\n`);
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`device-host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
