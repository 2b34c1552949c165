/**
 * The hall server's limits on hostile or runaway input, in one place with safe defaults. Each is
 * an explicit number; `HallServerOptions.limits` overrides any of them (tests shorten them).
 * docs/security.md lists them with the attack each one stops.
 */
import { DEFAULT_PDF_LIMITS } from './pdf-check.ts';
import { DEFAULT_PDF_CHECKER, type PdfCheckerOptions } from './pdf-checker.ts';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './access.ts';
import { DEFAULT_PUBLIC_FEED_LIMITS, type PublicTicketFeedLimits } from './public-ticket-feed.ts';

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
}

export const DEFAULT_HALL_LIMITS: HallLimits = {
  pdf: { limits: DEFAULT_PDF_LIMITS, ...DEFAULT_PDF_CHECKER },
  login: DEFAULT_LOGIN_LIMITS,
  publicFeed: DEFAULT_PUBLIC_FEED_LIMITS,
};

export type HallLimitOverrides = { readonly [K in keyof HallLimits]?: Partial<HallLimits[K]> };

export function hallLimits(overrides: HallLimitOverrides = {}): HallLimits {
  return {
    pdf: { ...DEFAULT_HALL_LIMITS.pdf, ...overrides.pdf },
    login: { ...DEFAULT_HALL_LIMITS.login, ...overrides.login },
    publicFeed: { ...DEFAULT_HALL_LIMITS.publicFeed, ...overrides.publicFeed },
  };
}
