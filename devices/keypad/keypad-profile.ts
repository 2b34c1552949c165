/**
 * Rating keypad profiles (JSON in profiles/): which key codes mean which rating level, where the
 * key sits in a HID input report, whether the keypad has LEDs for "rating window open".
 * HID report layout (input):  [reportId?] … key code at keyByte (0 = all keys released).
 * HID LED output report:      [ledReportId, 1 = on | 0 = off].
 */
import { z } from 'zod';
import { RATING_LEVELS } from '../../electron/common/domain.ts';
import hid3 from './profiles/hid-3-key.json' with { type: 'json' };
import hid4 from './profiles/hid-4-key.json' with { type: 'json' };
import hid5 from './profiles/hid-5-key.json' with { type: 'json' };
import serial5 from './profiles/serial-5-key.json' with { type: 'json' };

export const keypadProfileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    link: z.enum(['hid', 'serial']),
    report: z
      .strictObject({
        /** 0 = the device does not number its reports (no report id byte). */
        reportId: z.number().int().min(0).max(255),
        keyByte: z.number().int().min(0).max(63),
        ledReportId: z.number().int().min(1).max(255).nullable(),
      })
      .nullable(),
    /** Key code (decimal, as a string) → rating level. */
    keys: z.record(z.string().regex(/^[1-9]$/), z.enum(RATING_LEVELS)),
    leds: z.boolean(),
    debounceMs: z.number().int().min(0).max(5000),
  })
  .refine((p) => (p.link === 'hid') === (p.report !== null), { message: 'HID keypads need a report map; serial keypads have none' })
  .refine((p) => Object.keys(p.keys).length >= 3 && Object.keys(p.keys).length <= 5, { message: 'keypads have 3 to 5 keys' });
export type KeypadProfile = z.infer<typeof keypadProfileSchema>;

export const KEYPAD_PROFILES: Readonly<Record<string, KeypadProfile>> = Object.fromEntries(
  [hid3, hid4, hid5, serial5].map((json) => {
    const profile = keypadProfileSchema.parse(json);
    return [profile.id, profile];
  }),
);

/** The profile a keypad device uses: its configured one, else by transport (serial: 5 keys, HID: 3). */
export function keypadProfileOf(device: { readonly uri: string; readonly profile?: string | undefined }): KeypadProfile {
  return keypadProfile(device.profile ?? (device.uri.startsWith('serial:') ? 'serial-5-key' : 'hid-3-key'));
}

export function keypadProfile(id: string): KeypadProfile {
  const profile = KEYPAD_PROFILES[id];
  if (profile === undefined) throw new Error(`unknown keypad profile '${id}'; known: ${Object.keys(KEYPAD_PROFILES).join(', ')}`);
  return profile;
}
