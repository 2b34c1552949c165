/**
 * Structured logging (pino), one namespaced child per module. Never log personal data:
 * log ticket ids and numbers, never ID numbers, names or card data.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createRootLogger(level: string = process.env.HALL_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'hall-server' }, timestamp: pino.stdTimeFunctions.isoTime });
}
