/** Counter steps shared by the browser journeys and the screenshots, as an officer does them. */
import type { Page } from '@playwright/test';
import { OFFICER_PIN } from './e2e-hall.ts';

/** Fills the login form and submits it. */
export async function logIn(counter: Page, username: string, pin: string = OFFICER_PIN): Promise<void> {
  await counter.getByLabel('Tên đăng nhập').fill(username);
  await counter.getByLabel('Mã PIN').fill(pin);
  await counter.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Opens the counter and waits until the server says it is open. */
export async function openCounter(counter: Page): Promise<void> {
  await counter.getByRole('button', { name: 'Mở quầy' }).click();
  await counter.locator('[data-testid="counter-state"][data-state="open"]').waitFor({ timeout: 15_000 });
}
