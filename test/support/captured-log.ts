/** A real pino logger whose lines the test reads back (to check what is logged, and what never is). */
import { pino } from 'pino';
import type { Logger } from '../../electron/server/logger.ts';

export function capturedLog(): { log: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const log = pino({ level: 'info', base: { app: 'hall-server' } }, { write: (line: string) => void raw.push(line) });
  return { log, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>), text: () => raw.join('') };
}
