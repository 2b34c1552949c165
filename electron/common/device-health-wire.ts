/**
 * Wire contract of device health on the hall server: each terminal (kiosk, counter, display)
 * reports the health of its devices (reportDeviceHealth) when it changes and every
 * HEALTH_REPORT_EVERY_MS; the dashboard reads the board of every enrolled terminal
 * (getDevicesHealth). A terminal silent for longer than HEALTH_SILENT_AFTER_MS is shown as silent:
 * switched off, crashed, or off the hall's network.
 */
import { z } from 'zod';
import { DEVICE_FAULTS, DEVICE_KINDS, DEVICE_STATES, type DeviceHealth, type TerminalRole } from './device-contract.ts';

export { HEALTH_REPORT_EVERY_MS, HEALTH_SILENT_AFTER_MS } from './device-health-timing.ts';
/** A terminal has a handful of devices; more is a misconfiguration or abuse. */
export const MAX_REPORTED_DEVICES = 16;

export const deviceHealthSchema = z.strictObject({
  kind: z.enum(DEVICE_KINDS),
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'the device id of the terminal config, e.g. "printer"'),
  state: z.enum(DEVICE_STATES),
  fault: z.enum(DEVICE_FAULTS).nullable(),
  /** English, for the supervisor and the logs; never personal data. */
  detail: z.string().max(200).nullable(),
  since: z.number().int().nonnegative(),
});

export const reportDeviceHealthRequest = z
  .strictObject({
    devices: z.array(deviceHealthSchema).max(MAX_REPORTED_DEVICES),
  })
  .refine((b) => new Set(b.devices.map((d) => d.id)).size === b.devices.length, { message: 'each device id once', path: ['devices'] });
export type ReportDeviceHealthRequest = z.input<typeof reportDeviceHealthRequest>;

/** One enrolled terminal on the board. */
export interface TerminalHealth {
  readonly deviceId: string;
  readonly role: TerminalRole;
  readonly name: string;
  readonly counterId: string | null;
  /** When its last report arrived (server clock); null if it never reported since the server started. */
  readonly reportedAt: number | null;
  /** No report for HEALTH_SILENT_AFTER_MS (or none at all). */
  readonly silent: boolean;
  readonly devices: readonly DeviceHealth[];
}

export interface DevicesHealthResponse {
  readonly now: number;
  readonly terminals: readonly TerminalHealth[];
}
