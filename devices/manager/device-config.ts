/**
 * A terminal's device list: `{ id, kind, uri, profile? }[]`, validated once at startup so a bad
 * entry fails loudly with the field, the value and the fix.
 */
import { z } from 'zod';
import { parseDeviceUri } from '../common/device-uri.ts';
import { KEYPAD_PROFILES } from '../keypad/keypad-profile.ts';
import { PRINTER_PROFILES } from '../printer/printer-profile.ts';
import { DOCUMENT_SCANNER_PROFILES } from '../scanner/document/document-scanner-profiles.ts';
import { SCANNER_PROFILES } from '../scanner/scanner-profiles.ts';

export const MANAGED_KINDS = ['printer', 'keypad', 'scanner', 'documentScanner'] as const;
export type ManagedKind = (typeof MANAGED_KINDS)[number];

const PROFILES: Readonly<Record<ManagedKind, Readonly<Record<string, unknown>>>> = {
  printer: PRINTER_PROFILES,
  keypad: KEYPAD_PROFILES,
  scanner: SCANNER_PROFILES,
  documentScanner: DOCUMENT_SCANNER_PROFILES,
};

export const deviceConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'use 1–40 lower-case letters, digits and dashes'),
    kind: z.enum(MANAGED_KINDS),
    uri: z.string().superRefine((uri, ctx) => {
      try {
        parseDeviceUri(uri);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
    profile: z.string().optional(),
  })
  .superRefine((device, ctx) => {
    // A document scanner is a SANE device (sane:test is SANE's test backend); SANE names nothing else.
    if ((device.kind === 'documentScanner') !== device.uri.startsWith('sane:')) {
      const fix = device.kind === 'documentScanner' ? 'use sane:<device>, e.g. sane:test' : `sane: URIs are for kind documentScanner`;
      ctx.addIssue({ code: 'custom', path: ['uri'], message: `'${device.uri}' does not fit kind ${device.kind}: ${fix}` });
    }
    if (device.profile !== undefined && PROFILES[device.kind][device.profile] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['profile'],
        message: `unknown ${device.kind} profile '${device.profile}'; known: ${Object.keys(PROFILES[device.kind]).join(', ')}`,
      });
    }
  });
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

export const deviceListSchema = z.array(deviceConfigSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const [i, device] of list.entries()) {
    if (seen.has(device.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate device id '${device.id}'` });
    seen.add(device.id);
  }
});

/** Parses a device list, throwing one error that names every bad field. */
export function parseDeviceList(value: unknown): DeviceConfig[] {
  const result = deviceListSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `devices${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`,
  );
  throw new Error(`invalid device list:\n  ${lines.join('\n  ')}`);
}
