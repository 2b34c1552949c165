/** Types of dependency-cruiser.config.mjs (a plain module, so dependency-cruiser's own CLI can load it). */
import type { IConfiguration } from 'dependency-cruiser';

/** One row of the dependency table; see the config file for the meaning of each field. */
export interface LayerRow {
  readonly layer: string;
  readonly may: readonly string[];
  readonly builtins: boolean;
  readonly packages: readonly string[];
  readonly why?: string;
}

export const LAYERS: readonly LayerRow[];
declare const config: IConfiguration;
export default config;
