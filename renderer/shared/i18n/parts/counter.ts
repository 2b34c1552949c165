/** The counter catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { counter as en } from '../en/counter.ts';
import { counter as vi } from '../vi/counter.ts';

export const COUNTER: CataloguePart = { vi, en };
