/** The common catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { common as en } from '../en/common.ts';
import { common as vi } from '../vi/common.ts';

export const COMMON: CataloguePart = { vi, en };
