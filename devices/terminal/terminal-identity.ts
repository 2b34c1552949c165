/**
 * Who this terminal is (role, counter) and its device token. The token is kept by the device
 * side (main process or device host), never by the page: in memory, or in a JSON file that
 * survives restarts (written atomically: temp file, then rename).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TerminalInfo, TerminalRole } from '../../electron/common/device-contract.ts';

export interface TerminalIdentity {
  info(): TerminalInfo;
  saveToken(token: string): void;
}

export interface TerminalIdentityOptions {
  readonly role: TerminalRole;
  readonly counterId: string | null;
  readonly deviceToken: string | null;
  /** JSON file `{ "deviceToken": "…" }`; its token wins over deviceToken when present. */
  readonly tokenFile?: string;
}

const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,512}$/;

export function createTerminalIdentity(options: TerminalIdentityOptions): TerminalIdentity {
  if (options.role === 'counter' && options.counterId === null) throw new Error('a counter terminal needs its counterId');
  let token = options.deviceToken;
  if (options.tokenFile !== undefined) {
    try {
      const saved = JSON.parse(readFileSync(options.tokenFile, 'utf8')) as { deviceToken?: unknown };
      if (typeof saved.deviceToken === 'string') token = saved.deviceToken;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read token file: ${(error as Error).message}`);
    }
  }
  return {
    info: () => ({ role: options.role, counterId: options.role === 'counter' ? options.counterId : null, deviceToken: token }),
    saveToken: (next) => {
      if (!TOKEN_PATTERN.test(next)) throw new RangeError('device token must be 16–512 URL-safe characters');
      if (options.tokenFile !== undefined) {
        mkdirSync(dirname(options.tokenFile), { recursive: true });
        const temp = `${options.tokenFile}.tmp`;
        writeFileSync(temp, `${JSON.stringify({ deviceToken: next })}\n`, { mode: 0o600 });
        renameSync(temp, options.tokenFile);
      }
      token = next;
    },
  };
}
