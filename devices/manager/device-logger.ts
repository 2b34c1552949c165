/**
 * Structured logging of the device side (pino), one namespaced child per module. Health changes and
 * job outcomes only: never scanned text, card data or anything else a citizen handed over.
 */
import { pino } from 'pino';

export type DeviceLogger = pino.Logger;

export function createDeviceLogger(level: string = process.env.HALL_LOG_LEVEL ?? 'info'): DeviceLogger {
  return pino({ level, base: { app: 'device-host' }, timestamp: pino.stdTimeFunctions.isoTime });
}
