/** The dashboard catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { dashboard as en } from '../en/dashboard.ts';
import { dashboard as vi } from '../vi/dashboard.ts';

export const DASHBOARD: CataloguePart = { vi, en };
