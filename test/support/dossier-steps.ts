/**
 * Kiosk steps of the self-service dossier, shared by the dossier journey (test/e2e/dossier.test.ts)
 * and the screenshots (test/screens/screens.ts): through the screen as a citizen taps and types it.
 */
import type { Page } from '@playwright/test';
import { searchProcedure } from './kiosk-steps.ts';

const WAIT = { timeout: 10_000 };
/** A scan with OCR takes a few seconds here; the first one also starts the OCR worker. */
export const SCAN_WAIT = { timeout: 90_000 };

/** From the start screen: the card on the reader, the notice accepted, the CAN on the numeric pad. */
export async function identifyWithChip(kiosk: Page, can: string, fullName: string): Promise<void> {
  await kiosk.getByRole('button', { name: 'Đặt thẻ CCCD lên đầu đọc' }).click();
  await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
  await typeCan(kiosk, can);
  await kiosk.getByTestId('identified').filter({ hasText: fullName }).waitFor(WAIT);
}

/**
 * From an identified session to the birth-registration declaration, prefilled from the card. A
 * chip read for a ticket handed over the ID number, name and birth date only: the kiosk asks for
 * the card again, under the dossier's notice, and the CAN is typed again.
 */
export async function openBirthDeclaration(kiosk: Page, can: string): Promise<void> {
  await searchProcedure(kiosk, 'dang ky khai sinh');
  await kiosk.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
  await kiosk.getByRole('button', { name: 'Nộp hồ sơ tại đây' }).click();
  await kiosk.getByText('Để lập hồ sơ, kiosk cần đọc lại thẻ để lấy thông tin cho tờ khai.', { exact: false }).waitFor(WAIT);
  await kiosk.getByRole('button', { name: 'Đặt thẻ CCCD lên đầu đọc' }).click();
  await kiosk.getByRole('heading', { name: 'Đồng ý xử lý dữ liệu cá nhân để lập hồ sơ' }).waitFor(WAIT);
  await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
  await typeCan(kiosk, can);
  await kiosk.getByRole('region', { name: 'Người yêu cầu' }).waitFor(WAIT);
}

async function typeCan(kiosk: Page, can: string): Promise<void> {
  for (const digit of can) await kiosk.getByRole('group', { name: '0-9' }).getByRole('button', { name: digit, exact: true }).click();
  await kiosk.getByRole('button', { name: 'Xác nhận' }).click();
}

export interface BirthDeclaration {
  readonly child: string;
  readonly mother: string;
  readonly motherIdNumber: string;
  readonly father: { readonly fullName: string; readonly dateOfBirth: string };
}

/** Declares what the card cannot give: the relation, the child, the mother, the father, the copies. */
export async function declareBirth(kiosk: Page, d: BirthDeclaration): Promise<void> {
  await kiosk.getByLabel('Quan hệ với người được khai sinh').selectOption({ label: 'Cha' });
  const child = kiosk.getByRole('region', { name: 'Người được khai sinh' });
  await child.getByLabel('Họ, chữ đệm, tên').fill(d.child);
  await child.getByLabel('Ngày, tháng, năm sinh').fill('02/11/2026');
  await child
    .getByRole('group', { name: /Giới tính/ })
    .getByRole('button', { name: 'Nam', exact: true })
    .click();
  await child.getByLabel('Dân tộc').selectOption({ label: 'Kinh' });
  await child.getByLabel('Quốc tịch').fill('Việt Nam');
  await child.getByLabel('Nơi sinh').fill('Bệnh viện Phụ sản Hà Nội');
  await child.getByLabel('Quê quán').fill('Xã Kim Sơn, Tỉnh Ninh Bình');
  const parent = async (section: string, known: RegExp, fullNameLabel: string, fullName: string, dateOfBirth: string): Promise<void> => {
    const region = kiosk.getByRole('region', { name: section });
    await region.getByRole('group', { name: known }).getByRole('button', { name: 'Có', exact: true }).click();
    await region.getByLabel(fullNameLabel).fill(fullName);
    await region.getByLabel('Ngày, tháng, năm sinh').fill(dateOfBirth);
    await region.getByLabel('Dân tộc').selectOption({ label: 'Kinh' });
    await region.getByLabel('Quốc tịch').fill('Việt Nam');
    await region.getByLabel('Tỉnh, thành phố – Nơi cư trú').selectOption('Thành phố Hà Nội');
    await region.getByLabel('Xã, phường, đặc khu – Nơi cư trú').fill('Phường Hoàn Kiếm');
  };
  await parent('Thông tin người mẹ', /Đã xác định được người mẹ/, 'Họ, chữ đệm, tên người mẹ', d.mother, '20/08/1992');
  await kiosk.getByRole('region', { name: 'Thông tin người mẹ' }).getByLabel('Số định danh cá nhân').fill(d.motherIdNumber);
  await parent('Thông tin người cha', /Đã xác định được người cha/, 'Họ, chữ đệm, tên người cha', d.father.fullName, d.father.dateOfBirth);
  await kiosk
    .getByRole('group', { name: /Cha, mẹ đã đăng ký kết hôn/ })
    .getByRole('button', { name: 'Có', exact: true })
    .click();
  await kiosk.getByRole('region', { name: 'Đề nghị cấp bản sao' }).getByRole('group').getByRole('button', { name: '1', exact: true }).click();
}

/**
 * On the papers step: scans the first `count` papers the procedure asks for (one page each) and
 * leaves the others for the counter, until the review. `afterScan` runs on each scanned paper.
 * Returns how many papers were scanned.
 */
export async function scanPapers(
  kiosk: Page,
  count: number,
  afterScan: (paper: ReturnType<Page['getByTestId']>) => Promise<void> = async () => undefined,
): Promise<number> {
  const toReview = kiosk.getByRole('button', { name: 'Kiểm tra hồ sơ' });
  const review = kiosk.getByTestId('dossier-review');
  let scanned = 0;
  for (let step = 0; step < 12 && !(await toReview.isVisible()); step++) {
    const paper = kiosk.getByTestId('paper-scan');
    await paper.or(review).first().waitFor(WAIT);
    if (await review.isVisible()) break;
    if ((await paper.getAttribute('data-state')) === 'done') {
      await kiosk.getByRole('button', { name: 'Giấy tiếp theo' }).click();
    } else if (scanned < count) {
      await paper.getByRole('button', { name: '1 trang', exact: true }).click();
      await paper.getByRole('button', { name: 'Quét giấy này' }).click();
      await kiosk.locator('[data-testid="paper-scan"][data-state="done"]').waitFor(SCAN_WAIT);
      await afterScan(paper);
      scanned += 1;
    } else {
      await kiosk.getByRole('button', { name: 'Bỏ qua, nộp bản giấy tại quầy' }).click();
    }
  }
  if (await toReview.isVisible()) await toReview.click();
  await review.waitFor(WAIT);
  return scanned;
}
