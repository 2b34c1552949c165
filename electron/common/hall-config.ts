/**
 * The hall's configuration as one zod schema: the site files under kiosk-config/sites/<hall>/
 * are validated with it at start, and the engine's config types are derived from it.
 */
import { z } from 'zod';
import { MAX_COUNTER_NUMBER } from './counter-numbers.ts';
import { eformSchema } from './eform-schema.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:mm, e.g. "07:30"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD, e.g. "2026-09-02"');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and hyphens');

export const localizedText = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedText>;

export const periodSchema = z.object({ from: clockTime, to: clockTime }).refine((p) => p.from < p.to, { message: '"from" must be earlier than "to"' });
export type Period = z.infer<typeof periodSchema>;

const dayPeriods = z.array(periodSchema).default([]);

export const scheduleSchema = z.object({
  timeZone: z.string().default('Asia/Ho_Chi_Minh'),
  /** Working periods per weekday; the gaps between periods are breaks. */
  weekly: z.object({
    mon: dayPeriods,
    tue: dayPeriods,
    wed: dayPeriods,
    thu: dayPeriods,
    fri: dayPeriods,
    sat: dayPeriods,
    sun: dayPeriods,
  }),
  /** Public holidays and closures (ngày nghỉ lễ, Tết). */
  holidays: z.array(isoDate).default([]),
  /** Make-up working days with their own periods (ngày làm bù). */
  extraWorkingDays: z.array(z.object({ date: isoDate, periods: z.array(periodSchema).min(1) })).default([]),
  /** Kiosks start issuing this many minutes before the first period. */
  issueOpensMinutesBefore: z.number().int().min(0).max(120).default(15),
  /** Kiosks stop issuing this many minutes before the last period ends. */
  issueCutoffMinutesBeforeClose: z.number().int().min(0).max(240).default(30),
  issueDuringBreaks: z.boolean().default(true),
  /** Open tickets are closed as end-of-day this many minutes after the last period ends. */
  endOfDayGraceMinutes: z.number().int().min(0).max(240).default(30),
});
export type ScheduleConfig = z.infer<typeof scheduleSchema>;

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const namedDate = z.object({ date: isoDate, name: z.string().min(1) });

/**
 * The working calendar that processing times count in (ngày làm việc): the civil service's working
 * weekdays, public holidays with their make-up days off, and compensating working days (ngày làm
 * bù). Separate from the opening schedule: a hall open on Saturday mornings still counts processing
 * time in Monday–Friday working days. Kept as data (kiosk-config/calendars/), covering a stated
 * range: a due date outside it is refused rather than guessed.
 */
export const workingCalendarSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    coversFrom: isoDate,
    coversTo: isoDate,
    workingWeekdays: z.array(weekday).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    holidays: z.array(namedDate).default([]),
    workingDays: z.array(namedDate).default([]),
    sources: z.array(z.string()).default([]),
  })
  .refine((c) => c.coversFrom <= c.coversTo, { message: '"coversFrom" must not be later than "coversTo"' });
export type WorkingCalendarConfig = z.infer<typeof workingCalendarSchema>;

const hhmm = clockTime;
/**
 * A procedure's processing time in machine-readable form (the catalogue's `processingTime` is the
 * published wording). `cutoff`: a dossier received at or after this local time counts as received
 * on the next working day (the "hồ sơ nhận sau 15 giờ" rule).
 */
export const processingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same-day'), cutoff: hhmm.optional() }),
  z.object({ kind: z.literal('working-days'), days: z.number().int().min(1).max(365), cutoff: hhmm.optional() }),
  z.object({ kind: z.literal('calendar-days'), days: z.number().int().min(1).max(365) }),
]);
export type ProcessingConfig = z.infer<typeof processingSchema>;

export const serviceSchema = z.object({
  id: slug,
  /** Letter prefix of the ticket number ("A" → A015). */
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'use one or two capital letters'),
  name: localizedText,
  numberRange: z
    .object({ from: z.number().int().min(0).default(1), to: z.number().int().max(9999).default(999) })
    .refine((r) => r.from <= r.to, { message: '"from" must not exceed "to"' })
    .default({ from: 1, to: 999 }),
  dailyQuota: z.number().int().positive().nullable().default(null),
  /** Used for wait estimates until real service times exist. */
  defaultServiceMinutes: z.number().positive().max(240).default(10),
});
export type ServiceConfig = z.infer<typeof serviceSchema>;

export const counterSchema = z.object({
  id: slug,
  number: z.number().int().positive().max(MAX_COUNTER_NUMBER, `counter numbers go up to ${MAX_COUNTER_NUMBER}, the numbers the voice pack speaks`),
  name: localizedText,
  /** Services this counter serves; weight > 0 shares the counter between queues. */
  services: z.array(z.object({ serviceId: slug, weight: z.number().positive().default(1) })).min(1),
  /** A priority counter always calls priority tickets first (quầy ưu tiên). */
  priorityFirst: z.boolean().default(false),
});
export type CounterConfig = z.infer<typeof counterSchema>;

export const policySchema = z.object({
  /** When both wait, call this many priority tickets per normal one (neither class starves). */
  priorityRatio: z.number().int().min(1).max(20).default(2),
  /** Appointment tickets become due this many minutes before their slot. */
  appointmentEarlyMinutes: z.number().int().min(0).max(120).default(5),
  /** Fairness: at most one open ticket per person (hashed ID number) per service. */
  onePerPersonPerService: z.boolean().default(false),
  /**
   * Proxy mode: a representative (người đại diện, người được ủy quyền) carrying several dossiers
   * takes one ticket for up to this many; 1 turns the mode off. The fairness rule still gives
   * them one open ticket per service.
   */
  maxDossiersPerTicket: z.number().int().min(1).max(20).default(1),
  /** How many recent services per queue feed the wait estimate. */
  recentServiceSample: z.number().int().min(1).max(500).default(20),
  /** Age from which the card holder is offered elderly priority. */
  elderlyAge: z.number().int().min(50).max(100).default(60),
  /** The rating window opens when a service finishes at a counter and lasts this many seconds. */
  ratingWindowSeconds: z.number().int().min(10).max(300).default(30),
  /** Rating choices offered: 3 (very satisfied / satisfied / dissatisfied) or all 5. */
  ratingLevels: z.union([z.literal(3), z.literal(5)]).default(3),
  /**
   * Days a submitted dossier's personal data (applicant, e-form, scanned papers) is kept on the hall
   * server after submission; the provincial system holds the dossier of record (NĐ 13/2023 Điều 16.7).
   */
  dossierRetentionDays: z.number().int().min(1).max(3650).default(90),
  /** Days an unsubmitted draft is kept before its personal data is deleted (an abandoned kiosk session). */
  draftRetentionDays: z.number().int().min(1).max(30).default(1),
  /** Minutes a counter may stay paused before supervisors are alerted, by pause reason (as the officer types it, case and accents as written). */
  pauseLimitMinutes: z.record(z.string().min(1), z.number().int().min(1).max(480)).default({}),
  /** The same for a reason not listed above. */
  defaultPauseMinutes: z.number().int().min(1).max(480).default(15),
  /** Minutes a terminal's device may stay in fault before supervisors are alerted. */
  deviceFaultMinutes: z.number().int().min(1).max(120).default(3),
});
export type PolicyConfig = z.infer<typeof policySchema>;

export const targetsSchema = z.object({
  waitMinutes: z.number().positive().default(15),
  serviceMinutes: z.number().positive().default(30),
  satisfactionPct: z.number().min(0).max(100).default(95),
  /** Hall level for the yearly dossiers-per-officer target of Quyết định 468. */
  level: z.enum(['ministry', 'central_city', 'province', 'rural', 'remote']).default('province'),
});
export type TargetsConfig = z.infer<typeof targetsSchema>;

export const hallInfoSchema = z.object({
  id: slug,
  name: localizedText,
  /** Mã định danh của cơ quan (TT 01/2018 Điều 19), prefix of dossier codes. */
  agencyCode: z.string().regex(/^[0-9A-Z.]+$/, 'use digits, capital letters and dots'),
  address: z.string().min(1),
  /**
   * The text the official forms (Mẫu 01–03) cite as their basis: printed forms in use still cite
   * TT 01/2018, newer ones NĐ 118/2025 and TT 03/2025 (regulations.md R0.1), so it is configuration.
   */
  formsLegalBasis: z.string().min(1).default('Thông tư số 01/2018/TT-VPCP'),
  /** The governing body printed above the hall's name on forms (cơ quan chủ quản), e.g. "UBND PHƯỜNG HÒA BÌNH". */
  parentAgency: z.string().min(1).nullable().default(null),
  /**
   * Địa danh: the place written before the date of a signed report or a receipt ("Hòa Bình, ngày
   * 05 tháng 4 năm 2026", NĐ 30/2020 on administrative documents); null leaves it out (a blank to
   * fill in by hand on the reports).
   */
  place: z.string().min(1).nullable().default(null),
  /** Phone number for questions, printed on Mẫu 02. */
  phone: z.string().min(1).nullable().default(null),
  /**
   * Origins (scheme://host[:port]) of pages served elsewhere that may call this hall's API from a
   * browser (CORS). The terminal apps are served by the hall server itself and need none; any other
   * web page on the LAN is refused by the browser (no wildcard, ever).
   */
  allowedOrigins: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin such as "https://hall.example:8443", without a path')).default([]),
  brand: z
    .object({
      primaryColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .default('#b71c1c'),
      accentColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .default('#f9a825'),
      /**
       * The hall's logo: a PNG file in the site folder (e.g. "logo.png"; kiosk-config/load-site.ts
       * checks it), shown on the terminals and printed on tickets; null for none. The terminals
       * see it as the URL the hall serves it at (getHallConfig).
       */
      logo: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.png$/, 'the name of a PNG file in the site folder, e.g. "logo.png"')
        .nullable()
        .default(null),
    })
    .default({ primaryColor: '#b71c1c', accentColor: '#f9a825', logo: null }),
});

export const paperSchema = z.object({
  name: z.string().min(1),
  /** Document-type code (mã loại giấy tờ); local codes until the national catalogue is published. */
  docTypeCode: z.string().min(1),
  copies: z.string().default('01 bản chính'),
  required: z.boolean().default(true),
  /**
   * Whether the paper is scanned into the dossier. Papers only shown at the counter ("Xuất trình bản
   * chính") are not copied: TT 03/2025 Điều 5.2.b.
   */
  digitise: z.boolean().default(true),
  /**
   * The paper is the declaration (tờ khai, đơn) that the procedure's e-form replaces: a dossier with
   * the e-form filled in does not miss it. A signed paper copy may still be scanned.
   */
  replacedByForm: z.boolean().default(false),
});

export const procedureSchema = z.object({
  id: slug,
  /** Mã TTHC from the national procedure database. */
  code: z.string().min(1),
  fieldId: slug,
  name: z.string().min(1),
  serviceId: slug,
  processingTime: z.string().min(1),
  /** The processing time the due date is computed from; without it no receipt gives a due date. */
  processing: processingSchema.optional(),
  fee: z.string().min(1),
  papers: z.array(paperSchema).default([]),
  /** The e-form (tờ khai) of the procedure, an id of `forms`; without one the dossier has papers only. */
  formId: z.string().min(1).optional(),
});
export type ProcedureConfig = z.infer<typeof procedureSchema>;

export const fieldSchema = z.object({ id: slug, code: z.string().min(1), name: localizedText });
export type FieldConfig = z.infer<typeof fieldSchema>;

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable, e.g. "PROVINCIAL_TOKEN"');

/**
 * The provincial one-stop system (Hệ thống thông tin giải quyết TTHC cấp tỉnh): where the outbox
 * delivers dossiers and queue statistics, where dossier status and appointments come from.
 * Secrets never live in this file: `auth` names the environment variable holding them (strict
 * objects, so a `token` or `password` written here is refused).
 */
export const provincialSchema = z.strictObject({
  baseUrl: z.string().regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'use an http(s) URL without query, e.g. "https://motcua.example.gov.vn/api"'),
  auth: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('bearer'), tokenEnv: envName }),
    z.strictObject({ kind: z.literal('basic'), username: z.string().min(1), passwordEnv: envName }),
  ]),
  /** Whole exchange of one delivery, connection to last byte. */
  timeoutMs: z.number().int().min(200).max(120_000).default(10_000),
  /** A status lookup at the kiosk: the citizen is waiting. */
  statusTimeoutMs: z.number().int().min(200).max(30_000).default(3_000),
  /** Attempts of one item before it becomes a dead letter (with the default backoff, 40 span about 2½ hours on average). */
  maxAttempts: z.number().int().min(1).max(1_000).default(40),
  /** Backoff with full jitter: attempt n waits a random time in [0, min(cap, base × 2^(n−1))). */
  retryBaseMs: z.number().int().min(100).max(60_000).default(1_000),
  retryCapMs: z.number().int().min(1_000).max(3_600_000).default(600_000),
  /** How often appointments of today and tomorrow are fetched. */
  appointmentSyncMinutes: z.number().int().min(1).max(1_440).default(10),
});
export type ProvincialConfig = z.infer<typeof provincialSchema>;

/**
 * The province hub (electron/province): where the hall's event log is delivered, in order, in
 * batches. The credential is the one `npm run province -- enroll-hall` printed, read from the
 * environment variable `tokenEnv` (never from this file).
 */
export const provinceHubSchema = z.strictObject({
  baseUrl: z.string().regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'use an http(s) URL without query, e.g. "https://tinh.example.gov.vn/hub"'),
  tokenEnv: envName,
  /** District (huyện/khu vực) code the hall reports under, for supervisors scoped to a district. */
  district: z.string().min(1).max(64).nullable().default(null),
  /** Events per delivery. */
  batchSize: z.number().int().min(1).max(5_000).default(500),
  timeoutMs: z.number().int().min(200).max(120_000).default(10_000),
});
export type ProvinceHubConfig = z.infer<typeof provinceHubSchema>;

/**
 * The citizens' ticket page behind the ticket's QR (renderer/ticket, getPublicTicket). Anyone who
 * reaches the hall server may ask it, so requests are limited per address: a phone opening its
 * page uses 2 (the data and the live stream) plus one per reconnection. Phones behind one NAT
 * address share the budget; a reverse proxy in `trustedProxies` has its X-Forwarded-For believed,
 * so each phone counts on its own (docs/operations.md).
 */
export const publicTicketPageSchema = z.strictObject({
  requestsPerMinute: z.number().int().min(6).max(1_200).default(60),
  trustedProxies: z
    .array(z.string().regex(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, 'an IP address or CIDR range, e.g. "10.0.0.2" or "10.0.0.0/24"'))
    .max(16)
    .default([]),
});
export type PublicTicketPageConfig = z.infer<typeof publicTicketPageSchema>;

export const hallConfigSchema = z
  .object({
    hall: hallInfoSchema,
    schedule: scheduleSchema,
    policy: policySchema.default(policySchema.parse({})),
    targets: targetsSchema.default(targetsSchema.parse({})),
    services: z.array(serviceSchema).min(1),
    counters: z.array(counterSchema).min(1),
    fields: z.array(fieldSchema).default([]),
    procedures: z.array(procedureSchema).default([]),
    provincial: provincialSchema.optional(),
    /** Working calendar for due dates (kiosk-config/calendars/<id>.json, named by hall.json's "calendar"). */
    calendar: workingCalendarSchema.optional(),
    provinceHub: provinceHubSchema.optional(),
    /**
     * The address citizens' phones reach the hall server at (the hall's guest Wi-Fi, or a reverse
     * proxy; docs/operations.md): scheme, host and port only, since the page loads /assets/… and
     * /api/v1/… from the same origin. With it the ticket's QR opens `${publicBaseUrl}/t/<token>`;
     * without it the QR carries only the ticket code.
     */
    publicBaseUrl: z
      .string()
      .regex(
        /^https?:\/\/[^\s/?#@]+$/,
        'use the origin only (scheme, host, optional port; no path or trailing slash), e.g. "https://xephang.hoabinh.example.gov.vn"',
      )
      .optional(),
    publicTicketPage: publicTicketPageSchema.default(publicTicketPageSchema.parse({})),
    /** E-form definitions (electron/common/eform.ts), referenced by procedures' formId. */
    forms: z.array(eformSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const unique = <T>(items: readonly T[], key: (item: T) => string | number, path: string, what: string): void => {
      const seen = new Set<string | number>();
      items.forEach((item, index) => {
        const k = key(item);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path, index], message: `duplicate ${what} ${String(k)}` });
        seen.add(k);
      });
    };
    unique(config.services, (s) => s.id, 'services', 'service id');
    unique(config.services, (s) => s.prefix, 'services', 'prefix');
    unique(config.counters, (c) => c.id, 'counters', 'counter id');
    unique(config.counters, (c) => c.number, 'counters', 'counter number');
    unique(config.fields, (f) => f.id, 'fields', 'field id');
    unique(config.procedures, (p) => p.id, 'procedures', 'procedure id');
    unique(config.forms, (f) => f.id, 'forms', 'form id');
    config.procedures.forEach((p, pi) => {
      const codes = new Set<string>();
      p.papers.forEach((paper, ri) => {
        if (codes.has(paper.docTypeCode))
          ctx.addIssue({ code: 'custom', path: ['procedures', pi, 'papers', ri, 'docTypeCode'], message: `duplicate docTypeCode ${paper.docTypeCode}` });
        codes.add(paper.docTypeCode);
      });
    });
    const serviceIds = new Set(config.services.map((s) => s.id));
    const known = [...serviceIds].join(', ');
    config.counters.forEach((counter, ci) =>
      counter.services.forEach((entry, si) => {
        if (!serviceIds.has(entry.serviceId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['counters', ci, 'services', si, 'serviceId'],
            message: `unknown service "${entry.serviceId}"; use one of: ${known}`,
          });
        }
      }),
    );
    config.services.forEach((service, si) => {
      if (!config.counters.some((c) => c.services.some((e) => e.serviceId === service.id))) {
        ctx.addIssue({ code: 'custom', path: ['services', si, 'id'], message: `no counter serves "${service.id}"; add it to a counter's services` });
      }
    });
    const fieldIds = new Set(config.fields.map((f) => f.id));
    const formIds = new Set(config.forms.map((f) => f.id));
    config.procedures.forEach((p, pi) => {
      if (!serviceIds.has(p.serviceId))
        ctx.addIssue({ code: 'custom', path: ['procedures', pi, 'serviceId'], message: `unknown service "${p.serviceId}"; use one of: ${known}` });
      if (!fieldIds.has(p.fieldId)) ctx.addIssue({ code: 'custom', path: ['procedures', pi, 'fieldId'], message: `unknown field "${p.fieldId}"` });
      if (p.formId !== undefined && !formIds.has(p.formId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['procedures', pi, 'formId'],
          message: `unknown form "${p.formId}"; add it to forms.json or use one of: ${[...formIds].join(', ')}`,
        });
      }
    });
  });

export type HallConfig = z.infer<typeof hallConfigSchema>;
