/**
 * Document-scanner profiles: how a SANE scanner is asked for a paper's captures. Backend quirks
 * (source names, test options) live here, named, not in the driver.
 * - feeder: the pages come through an automatic document feeder in one batch. The batch asks for
 *   one capture more than confirmed, so a feeder holding an extra page is noticed (and refused).
 * - flatbed: every capture is scanned from the glass, back to back in one batch; the screen has to
 *   make sure the right page lies there (papers of several pages belong on a feeder).
 */
export interface DocumentScannerProfile {
  readonly feeder: boolean;
  /** Value of the backend's `--source` option; null leaves the backend's default. */
  readonly source: string | null;
  /** Value of `--mode` for colour (SANE's well-known name is "Color"). */
  readonly colourMode: string;
  /** Scan area in millimetres (`-x`/`-y`); null scans the backend's default area (the whole glass). */
  readonly areaMm: { readonly width: number; readonly height: number } | null;
  /** Further backend options, passed as they are. */
  readonly backendOptions: readonly string[];
}

export const DOCUMENT_SCANNER_PROFILES: Readonly<Record<string, DocumentScannerProfile>> = {
  flatbed: { feeder: false, source: null, colourMode: 'Color', areaMm: null, backendOptions: [] },
  /** Most feeders (epson2, fujitsu, avision, …) name their source "ADF". */
  adf: { feeder: true, source: 'ADF', colourMode: 'Color', areaMm: null, backendOptions: [] },
  /** SANE's test backend as a flatbed: the colour test pattern on an 80 × 100 mm area (its default size). */
  'sane-test': { feeder: false, source: null, colourMode: 'Color', areaMm: { width: 80, height: 100 }, backendOptions: ['--test-picture', 'Color pattern'] },
  /** SANE's test backend feeder: it is empty after 10 sheets. */
  'sane-test-adf': {
    feeder: true,
    source: 'Automatic Document Feeder',
    colourMode: 'Color',
    areaMm: { width: 80, height: 100 },
    backendOptions: ['--test-picture', 'Color pattern'],
  },
};

/** The profile a device gets when its configuration names none. */
export function defaultDocumentScannerProfile(saneDevice: string): string {
  return saneDevice === 'test' || saneDevice.startsWith('test:') ? 'sane-test' : 'flatbed';
}

export function documentScannerProfile(name: string): DocumentScannerProfile {
  const profile = DOCUMENT_SCANNER_PROFILES[name];
  if (profile === undefined) throw new Error(`unknown document scanner profile '${name}'; known: ${Object.keys(DOCUMENT_SCANNER_PROFILES).join(', ')}`);
  return profile;
}
