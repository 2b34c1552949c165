/** Kiosk journeys shared by the e2e tests, the benchmark and the screenshots, through the screen as a citizen taps it. */
import type { Locator, Page } from '@playwright/test';

/** The kiosk's start screen (a new session): its greeting. */
export function kioskHome(kiosk: Page): Locator {
  return kiosk.getByRole('heading', { name: 'Xin chào quý công dân' });
}

/** From the start screen (or an identified citizen's home): the search, typed into its box. */
export async function searchProcedure(kiosk: Page, text: string): Promise<void> {
  await kiosk.getByRole('button', { name: 'Tìm thủ tục' }).click();
  await kiosk.getByLabel('Tìm thủ tục').fill(text);
}

/**
 * The quick path: a field tile, then its "Lấy số thứ tự" (two taps). Resolves when the tap is made;
 * the ticket shows on `[data-testid="ticket-number"]`.
 */
export async function quickTicket(kiosk: Page, field: string): Promise<void> {
  await kiosk.getByRole('button', { name: field, exact: true }).click();
  await kiosk.getByTestId('quick-take-number').click();
}

/**
 * From the start screen to the priority step without identification: by a search (typed into
 * the search box) and the procedure's exact name, or by a field tile and its first procedure.
 */
export async function kioskToPriorityStep(
  kiosk: Page,
  choice: { readonly search: string; readonly procedure: string } | { readonly field: string },
): Promise<void> {
  if ('field' in choice) {
    await kiosk.getByRole('button', { name: choice.field, exact: true }).click();
    await kiosk.locator('ul.list button').first().click();
  } else {
    await searchProcedure(kiosk, choice.search);
    await kiosk.getByRole('button', { name: choice.procedure, exact: true }).click();
  }
  await kiosk.getByRole('button', { name: 'Lấy số thứ tự' }).click();
  await kiosk.getByTestId('take-number').waitFor();
}

/**
 * Counts the citizen's taps in the page from now on (pointer presses on buttons; presses on the
 * numeric pad's digits are counted apart, as typing). Read with `read()`.
 */
export async function countTaps(kiosk: Page): Promise<{ read: () => Promise<{ taps: number; digits: number }> }> {
  await kiosk.evaluate(`(() => {
    if (window.__tapListener) document.removeEventListener('pointerdown', window.__tapListener, true);
    window.__taps = { taps: 0, digits: 0 };
    window.__tapListener = (e) => {
      const button = e.target && e.target.closest ? e.target.closest('button') : null;
      if (!button) return;
      if (button.closest('[role="group"][aria-label="0-9"]')) window.__taps.digits += 1;
      else window.__taps.taps += 1;
    };
    document.addEventListener('pointerdown', window.__tapListener, true);
  })()`);
  return { read: () => kiosk.evaluate<{ taps: number; digits: number }>('({ ...window.__taps })') };
}
