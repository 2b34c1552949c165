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

export const MANAGED_KINDS = ['printer', 'keypad', 'scanner', 'cardReader', 'documentScanner'] as const;
export type ManagedKind = (typeof MANAGED_KINDS)[number];

const PROFILES: Readonly<Record<ManagedKind, Readonly<Record<string, unknown>>>> = {
  printer: PRINTER_PROFILES,
  keypad: KEYPAD_PROFILES,
  scanner: SCANNER_PROFILES,
  // A CCCD reader needs no profile: extended length is probed on the card.
  cardReader: {},
  documentScanner: DOCUMENT_SCANNER_PROFILES,
};

/** The `sim:<name>` that simulates each kind. */
export const SIMULATOR_NAMES: Readonly<Record<ManagedKind, string | null>> = {
  printer: 'printer',
  keypad: 'keypad',
  scanner: 'scanner',
  cardReader: 'card',
  documentScanner: null,
};

/** Why a URI cannot drive a kind, or null when it can. */
function uriMismatch(kind: ManagedKind, uri: string): string | null {
  let parsed;
  try {
    parsed = parseDeviceUri(uri);
  } catch {
    return null; // reported on the uri field itself
  }
  // A document scanner is a SANE device (sane:test is SANE's test backend); SANE names nothing else.
  if (kind === 'documentScanner') return parsed.scheme === 'sane' ? null : `a document scanner is wired as sane:<device>, e.g. sane:test, not '${uri}'`;
  if (parsed.scheme === 'sane') return `sane: URIs are for kind documentScanner, not ${kind}`;
  if (parsed.scheme === 'sim') return parsed.name === SIMULATOR_NAMES[kind] ? null : `'${uri}' does not simulate a ${kind}; use sim:${SIMULATOR_NAMES[kind]}`;
  if (kind === 'cardReader') return parsed.scheme === 'pcsc' ? null : `a card reader is wired as pcsc:<reader name> or sim:card, not '${uri}'`;
  return parsed.scheme === 'pcsc' ? `pcsc: names a smart-card reader; a ${kind} needs serial:, tcp://, usblp:, hid: or sim:${SIMULATOR_NAMES[kind]}` : null;
}

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
    const mismatch = uriMismatch(device.kind, device.uri);
    if (mismatch !== null) ctx.addIssue({ code: 'custom', path: ['uri'], message: mismatch });
    if (device.profile !== undefined && PROFILES[device.kind][device.profile] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['profile'],
        message: `unknown ${device.kind} profile '${device.profile}'; known: ${Object.keys(PROFILES[device.kind]).join(', ') || 'none (leave profile out)'}`,
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
