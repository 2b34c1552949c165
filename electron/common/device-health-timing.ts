/**
 * How often a terminal reports its devices' health, and when the dashboard calls it silent
 * (device-health-wire.ts). Apart from the wire schemas so the renderer reads them without zod.
 */
export const HEALTH_REPORT_EVERY_MS = 30_000;
/** Three missed reports. */
export const HEALTH_SILENT_AFTER_MS = 3 * HEALTH_REPORT_EVERY_MS;
