/**
 * Every screen-text catalogue part, for tests and tools. Apps never import this module: each
 * registers only the parts its screens use (parts/<name>.ts, in its main.ts), so no app bundles
 * another app's text (the kiosk's JavaScript budget is 100 KB gzipped).
 */
import type { CataloguePart } from '../i18n.ts';
import { COMMON } from './parts/common.ts';
import { COUNTER } from './parts/counter.ts';
import { DASHBOARD } from './parts/dashboard.ts';
import { DISPLAY } from './parts/display.ts';
import { EFORM } from './parts/eform.ts';
import { KIOSK } from './parts/kiosk.ts';
import { PROVINCE } from './parts/province.ts';
import { RATING } from './parts/rating.ts';

export const ALL_CATALOGUES: readonly CataloguePart[] = [COMMON, KIOSK, DISPLAY, COUNTER, RATING, DASHBOARD, EFORM, PROVINCE];
