/** Kiosk journeys shared by the e2e tests and the benchmark, through the screen as a citizen taps it. */
import type { Page } from '@playwright/test';

/**
 * From the welcome screen to the priority step without identification: by a search (typed into
 * the search box) and the procedure's exact name, or by a field tile and its first procedure.
 */
export async function kioskToPriorityStep(kiosk: Page, choice: { readonly search: string; readonly procedure: string } | { readonly field: string }): Promise<void> {
  await kiosk.getByRole('button', { name: 'Bắt đầu' }).click();
  await kiosk.getByRole('button', { name: 'Tiếp tục không cần xác định' }).click();
  if ('field' in choice) {
    await kiosk.getByRole('button', { name: choice.field, exact: true }).click();
    await kiosk.locator('ul.list button').first().click();
  } else {
    await kiosk.getByLabel('Tìm thủ tục').fill(choice.search);
    await kiosk.getByRole('button', { name: choice.procedure, exact: true }).click();
  }
  await kiosk.getByRole('button', { name: 'Lấy số thứ tự' }).click();
  await kiosk.getByTestId('take-number').waitFor();
}
