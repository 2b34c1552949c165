/**
 * Debian's Chromium for the e2e tests and screenshots, driven by Playwright's library API
 * (never a downloaded browser). Flags from TOOLCHAIN.md, plus autoplay so the display's
 * announcements play without a user gesture, as on a wall display, and the test hall CA pinned
 * (the e2e hall serves HTTPS: e2e-hall.ts).
 */
import { chromium, type Browser } from '@playwright/test';
import { testHallTls } from './test-tls.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `lang` (e.g. vi-VN) sets the browser's own language, which native date fields are formatted in;
 * it needs that locale's file (Debian chromium-l10n), otherwise Chromium stays in en-US. On Linux
 * Chromium takes its language from the LANGUAGE environment variable; --lang is for the others.
 */
export async function launchChromium(options: { lang?: string } = {}): Promise<Browser> {
  // The hall's CA pinned by its public key: Chromium's own pinning switch (honoured only with a
  // user data dir, which Playwright always passes). A chain with a certificate of that key is
  // accepted; every other certificate error still stops the page.
  const pin = (await testHallTls()).caSpkiSha256;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      `--ignore-certificate-errors-spki-list=${pin}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
    ...(options.lang ? { env: { ...process.env, LANGUAGE: options.lang.replace('-', '_') } } : {}),
  });
}
