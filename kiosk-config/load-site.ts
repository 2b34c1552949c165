/**
 * Loads a hall site folder (kiosk-config/sites/<hall>/): hall.json, services.json, counters.json,
 * and the optional catalogue.json and forms.json (e-forms), merged and validated with the hall schema. Errors name the file, the field
 * path and the fix, and loading fails before anything starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { hallConfigSchema, type HallConfig } from '../electron/common/hall-config.ts';

export const SITE_FILES = ['hall.json', 'services.json', 'counters.json', 'catalogue.json', 'forms.json'] as const;
/** Files a site may leave out. */
const OPTIONAL_FILES: ReadonlySet<string> = new Set(['catalogue.json', 'forms.json']);

export class SiteConfigError extends Error {
  readonly problems: readonly string[];
  constructor(dir: string, problems: readonly string[]) {
    super(`The hall configuration in ${dir} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SiteConfigError';
    this.problems = problems;
  }
}

/** Which file holds each top-level key, so an error can name the file to edit. */
const FILE_OF_KEY: Record<string, string> = {
  hall: 'hall.json',
  schedule: 'hall.json',
  policy: 'hall.json',
  targets: 'hall.json',
  calendar: 'hall.json',
  services: 'services.json',
  counters: 'counters.json',
  fields: 'catalogue.json',
  procedures: 'catalogue.json',
  forms: 'forms.json',
};

export function loadSite(dir: string): HallConfig {
  const merged: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const file of SITE_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      if (!OPTIONAL_FILES.has(file)) problems.push(`${file}: missing; every site needs ${SITE_FILES.slice(0, 3).join(', ')}`);
      continue;
    }
    try {
      const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${file}: must hold a JSON object`);
        continue;
      }
      Object.assign(merged, value);
    } catch (error) {
      problems.push(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (typeof merged.calendar === 'string') {
    const loaded = readCalendar(merged.calendar);
    if (typeof loaded === 'string') problems.push(`hall.json: calendar: ${loaded}`);
    else merged.calendar = loaded;
  }
  if (problems.length > 0) throw new SiteConfigError(dir, problems);
  const result = hallConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new SiteConfigError(
      dir,
      result.error.issues.map((issue) => {
        const top = String(issue.path[0] ?? '');
        const file = FILE_OF_KEY[top] ?? 'hall.json';
        const path = issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '');
        return `${file}: ${path || '(top level)'}: ${issue.message}`;
      }),
    );
  }
  const logoProblem = result.data.hall.brand.logo === null ? null : checkLogo(join(dir, result.data.hall.brand.logo));
  if (logoProblem !== null) throw new SiteConfigError(dir, [`hall.json: hall.brand.logo: ${logoProblem}`]);
  return result.data;
}

/** Largest logo file accepted: it travels to every terminal and with every ticket printed. */
export const MAX_LOGO_BYTES = 256 * 1024;
const MAX_LOGO_SIDE = 2048;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The problem with a logo file, in words, or null when it is a PNG of an acceptable size. */
function checkLogo(path: string): string | null {
  if (!existsSync(path)) return `no file ${path}; put the PNG beside hall.json or set the logo to null`;
  const bytes = readFileSync(path);
  if (bytes.length > MAX_LOGO_BYTES) return `${path} has ${bytes.length} bytes; use a PNG of at most ${MAX_LOGO_BYTES / 1024} KiB (a 240 px square is plenty)`;
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return `${path} is not a PNG file; export the logo as PNG`;
  try {
    // Decoded once here, so no terminal or printer ever meets a logo it cannot read.
    const image = PNG.sync.read(bytes);
    if (image.width > MAX_LOGO_SIDE || image.height > MAX_LOGO_SIDE)
      return `${path} is ${image.width}×${image.height} px; use at most ${MAX_LOGO_SIDE} px a side`;
  } catch (error) {
    return `${path} is not a readable PNG (${error instanceof Error ? error.message : String(error)}); export it again`;
  }
  return null;
}

/** The site's logo bytes (checked by loadSite), or null when it has none. */
export function readSiteLogo(dir: string, config: HallConfig): Uint8Array | null {
  return config.hall.brand.logo === null ? null : new Uint8Array(readFileSync(join(dir, config.hall.brand.logo)));
}

/** Shared working calendars (national holidays, compensating days), named by id from hall.json. */
export const CALENDARS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'calendars');

/** The calendar file's JSON, or the problem in words. */
function readCalendar(id: string): unknown {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return `"${id}" is not a calendar id; use the name of a file in kiosk-config/calendars without .json`;
  const path = join(CALENDARS_DIR, `${id}.json`);
  if (!existsSync(path)) return `no calendar "${id}" in kiosk-config/calendars`;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    return `kiosk-config/calendars/${id}.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * The same hall with every day a working day from 00:00 to 23:59 and no holidays: for the demo
 * (`npm start` outside office hours) and for tests that run on the real clock.
 */
export function withOpenAllHours(config: HallConfig): HallConfig {
  const allDay = [{ from: '00:00', to: '23:59' }];
  return {
    ...config,
    schedule: {
      ...config.schedule,
      weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      holidays: [],
      extraWorkingDays: [],
      issueOpensMinutesBefore: 0,
      issueCutoffMinutesBeforeClose: 0,
      issueDuringBreaks: true,
    },
  };
}
