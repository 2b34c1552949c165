/** The display catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { display as en } from '../en/display.ts';
import { display as vi } from '../vi/display.ts';

export const DISPLAY: CataloguePart = { vi, en };
