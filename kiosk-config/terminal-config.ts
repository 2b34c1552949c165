/**
 * One terminal machine's configuration (kiosk, counter or display): which role it plays, where its
 * hall server is, which screen it uses and which devices are attached. Read once at start by the
 * Electron main process; a bad file stops the start with every problem listed, each naming the
 * field, the value found and the fix, in Vietnamese (for the installer on site) and English.
 *
 * Example files: kiosk-config/terminals/*.example.json.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEVICE_KINDS } from '../electron/common/device-contract.ts';

export const TERMINAL_ROLES = ['kiosk', 'counter', 'display'] as const;

/** Device URI schemes the device manager understands (ARCHITECTURE.md, Devices). */
export const DEVICE_URI_SCHEMES = ['serial', 'tcp', 'usblp', 'hid', 'pcsc', 'sane', 'sim'] as const;

const idSlug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and hyphens, e.g. "printer"');

const hallUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'use the hall server origin, e.g. "http://192.168.1.10:8080" (http or https, no path query or password)')
  .transform((value) => new URL(value).origin);

const deviceUri = z.string().refine(
  (value) => {
    const scheme = /^([a-z]+):/.exec(value)?.[1];
    return scheme !== undefined && (DEVICE_URI_SCHEMES as readonly string[]).includes(scheme) && value.length > scheme.length + 1;
  },
  `use a device URI starting with one of ${DEVICE_URI_SCHEMES.map((s) => `${s}:`).join(', ')}, e.g. "tcp://192.0.2.10:9100" or "sim:printer"`,
);

export const terminalDeviceSchema = z.strictObject({
  id: idSlug,
  kind: z.enum(DEVICE_KINDS, { message: `use one of ${DEVICE_KINDS.join(', ')}` }),
  uri: deviceUri,
  /** Printer or reader profile name (devices/<kind>/profiles); the driver's default when absent. */
  profile: z.string().min(1).optional(),
});
export type TerminalDevice = z.infer<typeof terminalDeviceSchema>;

export const brandSchema = z.strictObject({
  /** Name shown in the title bar and on the offline screen, e.g. "Bộ phận Một cửa phường Bến Nghé". */
  name: z.string().min(1, 'write the hall name shown on screen'),
  /** Folder of the replaceable asset pack (logo, palette, fonts), relative to kiosk-config. */
  assetPack: z.string().min(1).nullable().default(null),
});

export const terminalConfigSchema = z
  .strictObject({
    role: z.enum(TERMINAL_ROLES, { message: `use one of ${TERMINAL_ROLES.join(', ')}` }),
    hallUrl,
    /** The counter a counter terminal serves (the hall's counters.json id); null for other roles. */
    counterId: idSlug.nullable().default(null),
    /** Zero-based index into the screens the OS reports; 0 is the primary screen. */
    displayIndex: z.number().int('use a whole number').min(0, 'use 0 for the primary screen, 1 for the second, …').default(0),
    devices: z.array(terminalDeviceSchema).default([]),
    brand: brandSchema,
    /** Counter only: minutes without input before the window locks (officer logs in again). */
    idleLockMinutes: z.number().int('use a whole number of minutes').min(1).max(240).default(10),
    /** Where rotated logs go; relative paths are under the app's data folder. */
    logDir: z.string().min(1).default('logs'),
    /**
     * Counter with a rating keypad only: the device token of a `rating` device enrolled for this
     * counter (`npm run hall -- enroll --role rating --counter <id> --name … --token`). The main
     * process sends the keypad's ratings with it (devices/terminal/rating-sender.ts). It can only
     * rate this counter's last service; keep the file readable by the terminal's user alone.
     */
    /**
     * Kiosk with a CCCD reader: the folder of the CSCA certificates (PEM or DER files) the reader
     * verifies chips against (passive authentication), relative to this file's folder or absolute.
     * Without it real cards read `chain_untrusted` at best, never `verified`.
     */
    csca: z.string().min(1, 'write the folder of the CSCA certificates, e.g. "csca"').nullable().default(null),
    /**
     * The SHA-256 fingerprint of the hall's CA that `enroll` prints and the dashboard shows, copied
     * at pairing (any grouping: "AB:CD:…", spaces or none): an https hall is trusted only through
     * that certificate (devices/terminal/hall-certificate.ts). Required when hallUrl is https.
     */
    hallCaFingerprint: z
      .string()
      .refine((v) => /^[0-9a-f]{64}$/i.test(v.replace(/[\s:-]/g, '')), 'use the 64 hex digits of the hall CA fingerprint printed by enroll, e.g. "AB:CD:…"')
      .nullable()
      .default(null),
    /** Allows an http hallUrl off this machine (a hall started with --insecure-http): tokens then cross the LAN in clear. */
    insecureHttp: z.boolean().default(false),
    ratingToken: z
      .string()
      .regex(/^[A-Za-z0-9._~+/=-]{16,512}$/, 'use the token printed by enroll --token (16–512 URL-safe characters)')
      .nullable()
      .default(null),
  })
  .superRefine((config, ctx) => {
    if (config.role === 'counter' && config.counterId === null) {
      ctx.addIssue({ code: 'custom', path: ['counterId'], message: 'a counter terminal needs the id of its counter from counters.json, e.g. "quay-1"' });
    }
    if (config.role !== 'counter' && config.counterId !== null) {
      ctx.addIssue({ code: 'custom', path: ['counterId'], message: `only a counter terminal has a counterId; remove it for role "${config.role}"` });
    }
    if (config.role !== 'kiosk' && config.csca !== null) {
      ctx.addIssue({ code: 'custom', path: ['csca'], message: `only a kiosk reads CCCD chips and needs a CSCA folder; remove it for role "${config.role}"` });
    }
    if (config.role !== 'counter' && config.ratingToken !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['ratingToken'],
        message: `only a counter terminal (with a rating keypad) has a ratingToken; remove it for role "${config.role}"`,
      });
    }
    let hall: URL;
    try {
      hall = new URL(config.hallUrl);
    } catch {
      return; // hallUrl has its own problem
    }
    if (hall.protocol === 'https:' && config.hallCaFingerprint === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['hallCaFingerprint'],
        message: 'an https hall needs its CA fingerprint (printed by enroll, shown on the dashboard) to be trusted',
      });
    }
    if (hall.protocol === 'http:' && !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(hall.hostname) && !config.insecureHttp) {
      ctx.addIssue({
        code: 'custom',
        path: ['hallUrl'],
        message:
          'plain http off this machine sends the device token and applicants\' data in clear: use the hall\'s https address with hallCaFingerprint (or "insecureHttp": true for a hall started with --insecure-http)',
      });
    }
    const seen = new Set<string>();
    config.devices.forEach((device, index) => {
      if (seen.has(device.id))
        ctx.addIssue({ code: 'custom', path: ['devices', index, 'id'], message: `device id "${device.id}" is used twice; give each device its own id` });
      seen.add(device.id);
    });
  });
export type TerminalConfig = z.infer<typeof terminalConfigSchema>;
export type TerminalRoleName = TerminalConfig['role'];

/** One problem, with the field path, in both languages. */
export interface TerminalConfigProblem {
  readonly field: string;
  readonly en: string;
  readonly vi: string;
}

export class TerminalConfigError extends Error {
  readonly problems: readonly TerminalConfigProblem[];
  constructor(source: string, problems: readonly TerminalConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.field}: ${p.en}\n    (${p.vi})`);
    super(`The terminal configuration ${source} is not valid / Cấu hình máy trạm không hợp lệ:\n${lines.join('\n')}`);
    this.name = 'TerminalConfigError';
    this.problems = problems;
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return text === '' ? '(top level)' : text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Vietnamese fix per field (the last path segment), for the installer reading the screen on site. */
const VIETNAMESE_FIX: Record<string, string> = {
  role: `dùng một trong các giá trị ${TERMINAL_ROLES.join(', ')}`,
  hallUrl:
    'ghi địa chỉ máy chủ của Bộ phận Một cửa, ví dụ "https://192.168.1.10:8080" (không có đường dẫn, tham số hay mật khẩu; http chỉ dùng cho máy chủ trên chính máy này, hoặc kèm "insecureHttp": true)',
  counterId: 'máy tại quầy cần mã quầy trong counters.json, ví dụ "quay-1"; các vai trò khác bỏ trường này',
  displayIndex: 'ghi số nguyên: 0 là màn hình chính, 1 là màn hình thứ hai, …',
  idleLockMinutes: 'ghi số phút nguyên từ 1 đến 240',
  id: 'dùng chữ thường, chữ số và dấu gạch ngang, mỗi thiết bị một mã riêng, ví dụ "printer"',
  kind: `dùng một trong các loại ${DEVICE_KINDS.join(', ')}`,
  uri: `ghi địa chỉ thiết bị bắt đầu bằng ${DEVICE_URI_SCHEMES.map((x) => `${x}:`).join(', ')}, ví dụ "tcp://192.0.2.10:9100"`,
  name: 'ghi tên đơn vị hiển thị trên màn hình',
  csca: 'chỉ kiosk có đầu đọc thẻ CCCD dùng trường này: ghi thư mục chứa chứng thư CSCA (tệp PEM hoặc DER), tính từ thư mục của tệp cấu hình',
  hallCaFingerprint:
    'ghi mã vân tay SHA-256 của CA của Bộ phận Một cửa (64 chữ số hex) do lệnh enroll in ra hoặc hiển thị trên màn hình giám sát, ví dụ "AB:CD:…"',
  insecureHttp: 'ghi true hoặc false; chỉ ghi true khi máy chủ chạy với --insecure-http',
  ratingToken: 'chỉ máy tại quầy có bàn phím đánh giá dùng trường này: ghi mã thiết bị do lệnh enroll --role rating --token in ra',
};

/** Fields whose value is a secret: a problem report names the field but never shows the value. */
const SECRET_FIELDS = new Set(['ratingToken']);

function vietnamese(field: string, found: unknown, code: string, unknownKeys: readonly string[], secret: boolean): string {
  if (code === 'unrecognized_keys') return `Có trường không được hỗ trợ: ${unknownKeys.map((k) => `"${k}"`).join(', ')}; hãy xóa hoặc kiểm tra lại chính tả`;
  if (found === undefined) return `Thiếu trường "${field}"; hãy thêm trường này (xem các tệp mẫu kiosk-config/terminals/*.example.json)`;
  const last = /([A-Za-z]+)$/.exec(field)?.[1] ?? '';
  const fix = VIETNAMESE_FIX[last] ?? 'xem các tệp mẫu kiosk-config/terminals/*.example.json';
  const value = secret ? '(giá trị bí mật, không hiển thị)' : JSON.stringify(found);
  return `Trường "${field}" có giá trị ${value} không hợp lệ; cách sửa: ${fix}`;
}

/** Validates a parsed value; throws TerminalConfigError listing every problem. */
export function parseTerminalConfig(input: unknown, source = '(inline)'): TerminalConfig {
  const result = terminalConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    const secret = SECRET_FIELDS.has(String(issue.path.at(-1)));
    const found = valueAt(input, issue.path);
    let en = issue.message;
    if (issue.code === 'unrecognized_keys') en = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove them or check the spelling`;
    else if (found === undefined && issue.code === 'invalid_type') en = 'missing; add this field (see kiosk-config/terminals/*.example.json)';
    const shown = found === undefined ? '' : secret ? ' (the value is a secret and not shown)' : ` (found ${JSON.stringify(found)})`;
    return { field, en: `${en}${shown}`, vi: vietnamese(field, found, issue.code, issue.code === 'unrecognized_keys' ? issue.keys : [], secret) };
  });
  throw new TerminalConfigError(source, problems);
}

/** Reads and validates a terminal configuration file. */
export function loadTerminalConfig(path: string, readText: (path: string) => string = (p) => readFileSync(p, 'utf8')): TerminalConfig {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TerminalConfigError(path, [
      {
        field: '(file)',
        en: `cannot read the file (${reason}); pass the path of a terminal config with --terminal-config`,
        vi: `Không đọc được tệp cấu hình (${reason}); hãy chỉ đúng đường dẫn bằng --terminal-config`,
      },
    ]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TerminalConfigError(path, [
      {
        field: '(file)',
        en: `not valid JSON (${reason}); fix the syntax`,
        vi: `Tệp không phải JSON hợp lệ (${reason}); hãy sửa cú pháp`,
      },
    ]);
  }
  return parseTerminalConfig(input, path);
}
