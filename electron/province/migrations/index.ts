/** The hub's migrations in order; each is applied once, in its own transaction (migrate.ts). */
import * as m0001 from './0001-initial.ts';

export const MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly up: string }[] = [{ version: 1, name: 'initial', up: m0001.up }];
