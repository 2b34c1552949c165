/** The eform catalogue in both languages, one module so that only the apps registering it bundle it. */
import type { CataloguePart } from '../../i18n.ts';
import { eform as en } from '../en/eform.ts';
import { eform as vi } from '../vi/eform.ts';

export const EFORM: CataloguePart = { vi, en };
