/** The rating catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { rating as en } from '../en/rating.ts';
import { rating as vi } from '../vi/rating.ts';

export const RATING: CataloguePart = { vi, en };
