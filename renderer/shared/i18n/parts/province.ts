/** The province catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { province as en } from '../en/province.ts';
import { province as vi } from '../vi/province.ts';

export const PROVINCE: CataloguePart = { vi, en };
