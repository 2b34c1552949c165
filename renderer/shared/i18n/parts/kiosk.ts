/** The kiosk catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { kiosk as en } from '../en/kiosk.ts';
import { kiosk as vi } from '../vi/kiosk.ts';

export const KIOSK: CataloguePart = { vi, en };
