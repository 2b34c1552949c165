/**
 * The hall server's limits on hostile or runaway input, in one place with safe defaults. Each is
 * an explicit number; `HallServerOptions.limits` overrides any of them (tests shorten them).
 * docs/security.md lists them with the attack each one stops.
 */
import { DEFAULT_PDF_LIMITS } from './pdf-check.ts';
import { DEFAULT_PDF_CHECKER, type PdfCheckerOptions } from './pdf-checker.ts';
import { DEFAULT_DEVICE_TOKEN_DAYS, DEFAULT_LOGIN_LIMITS, type LoginLimits } from './access.ts';
import { DEFAULT_PUBLIC_FEED_LIMITS, type PublicTicketFeedLimits } from './public-ticket-feed.ts';
import { DEFAULT_DRAFT_LIMITS, DEFAULT_ISSUE_LIMITS, type DraftLimits } from './device-flooding.ts';
import type { BucketPolicy } from '../core/token-bucket.ts';

export interface HallLimits {
  /** The document check of uploaded papers (pdf-check.ts, pdf-checker.ts). */
  readonly pdf: Required<PdfCheckerOptions>;
  /** Backoff and lockout of staff logins per account and per device (access.ts, core/login-guard.ts). */
  readonly login: LoginLimits;
  /**
   * Live streams of public ticket pages open at once, and their keep-alive (public-ticket-feed.ts).
   * The requests per address are the hall's `publicTicketPage.requestsPerMinute` (hall-config.ts).
   */
  readonly publicFeed: PublicTicketFeedLimits;
  /**
   * Tickets one device may issue: a burst, then one per refill time (device-flooding.ts says why
   * no real kiosk or counter reaches it). Test harnesses and benchmarks that issue faster than a
   * person opt in to a higher limit explicitly.
   */
  readonly issue: BucketPolicy;
  /** Open drafts and the bytes of their papers per device (device-flooding.ts). */
  readonly drafts: DraftLimits;
  /**
   * How long a device token from pairing (or `enroll --token`) is valid. A stolen terminal's token
   * works until it expires or is revoked (revokeDevice, `hall -- revoke-device`); a terminal whose
   * token expired is paired again. The dashboard's device list shows every token's expiry.
   */
  readonly deviceToken: { readonly validDays: number };
}

export const DEFAULT_HALL_LIMITS: HallLimits = {
  pdf: { limits: DEFAULT_PDF_LIMITS, ...DEFAULT_PDF_CHECKER },
  login: DEFAULT_LOGIN_LIMITS,
  publicFeed: DEFAULT_PUBLIC_FEED_LIMITS,
  issue: DEFAULT_ISSUE_LIMITS,
  drafts: DEFAULT_DRAFT_LIMITS,
  deviceToken: { validDays: DEFAULT_DEVICE_TOKEN_DAYS },
};

export type HallLimitOverrides = { readonly [K in keyof HallLimits]?: Partial<HallLimits[K]> };

export function hallLimits(overrides: HallLimitOverrides = {}): HallLimits {
  return {
    pdf: { ...DEFAULT_HALL_LIMITS.pdf, ...overrides.pdf },
    login: { ...DEFAULT_HALL_LIMITS.login, ...overrides.login },
    publicFeed: { ...DEFAULT_HALL_LIMITS.publicFeed, ...overrides.publicFeed },
    issue: { ...DEFAULT_HALL_LIMITS.issue, ...overrides.issue },
    drafts: { ...DEFAULT_HALL_LIMITS.drafts, ...overrides.drafts },
    deviceToken: { ...DEFAULT_HALL_LIMITS.deviceToken, ...overrides.deviceToken },
  };
}
