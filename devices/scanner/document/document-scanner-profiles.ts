/**
 * Document-scanner profiles: how a SANE scanner is asked for a paper's captures. Backend quirks
 * (source names, test options) live here, named, not in the driver.
 * - feeder: the pages come through an automatic document feeder in one batch. The batch asks for
 *   one capture more than confirmed, so a feeder holding an extra page is noticed (and refused).
 * - flatbed: every capture is scanned from the glass, back to back in one batch; the screen has to
 *   make sure the right page lies there (papers of several pages belong on a feeder).
 * - cardAreaMm: what is scanned for "Chụp mặt sau thẻ" (the back of a CCCD, ID-1 85.6 × 54 mm,
 *   laid in the glass's origin corner, marked on the kiosk); null where the backend cannot crop.
 */
export interface DocumentScannerProfile {
  readonly feeder: boolean;
  /** Value of the backend's `--source` option; null leaves the backend's default. */
  readonly source: string | null;
  /** Value of `--mode` for colour (SANE's well-known name is "Color"); null for a backend without --mode. */
  readonly colourMode: string | null;
  /** Scan area in millimetres (`-x`/`-y`); null scans the backend's default area (the whole glass). */
  readonly areaMm: { readonly width: number; readonly height: number } | null;
  /** Further backend options, passed as they are. */
  readonly backendOptions: readonly string[];
  readonly cardAreaMm: { readonly width: number; readonly height: number } | null;
}

/** An ID-1 card (85.6 × 54 mm) with a few millimetres to spare for a card laid slightly off the mark. */
const CARD_AREA_MM = { width: 90, height: 60 } as const;

export const DOCUMENT_SCANNER_PROFILES: Readonly<Record<string, DocumentScannerProfile>> = {
  flatbed: { feeder: false, source: null, colourMode: 'Color', areaMm: null, backendOptions: [], cardAreaMm: CARD_AREA_MM },
  /** Most feeders (epson2, fujitsu, avision, …) name their source "ADF". */
  adf: { feeder: true, source: 'ADF', colourMode: 'Color', areaMm: null, backendOptions: [], cardAreaMm: CARD_AREA_MM },
  /** SANE's test backend as a flatbed: the colour test pattern on an 80 × 100 mm area (its default size). */
  'sane-test': {
    feeder: false,
    source: null,
    colourMode: 'Color',
    areaMm: { width: 80, height: 100 },
    backendOptions: ['--test-picture', 'Color pattern'],
    cardAreaMm: CARD_AREA_MM,
  },
  /** SANE's test backend feeder: it is empty after 10 sheets. */
  'sane-test-adf': {
    feeder: true,
    source: 'Automatic Document Feeder',
    colourMode: 'Color',
    areaMm: { width: 80, height: 100 },
    backendOptions: ['--test-picture', 'Color pattern'],
    cardAreaMm: CARD_AREA_MM,
  },
  /**
   * SANE's pnm backend (enabled by `pnm` in dll.conf): scans the PNM file named by its --filename
   * option (given in the scanner options' backendOptions), whole, with no mode or area options.
   * Tests and demos use it to put a chosen image under the real scanimage.
   */
  'sane-pnm': { feeder: false, source: null, colourMode: null, areaMm: null, backendOptions: [], cardAreaMm: null },
};

/** The profile a device gets when its configuration names none. */
export function defaultDocumentScannerProfile(saneDevice: string): string {
  if (saneDevice === 'pnm' || saneDevice.startsWith('pnm:')) return 'sane-pnm';
  return saneDevice === 'test' || saneDevice.startsWith('test:') ? 'sane-test' : 'flatbed';
}

export function documentScannerProfile(name: string): DocumentScannerProfile {
  const profile = DOCUMENT_SCANNER_PROFILES[name];
  if (profile === undefined) throw new Error(`unknown document scanner profile '${name}'; known: ${Object.keys(DOCUMENT_SCANNER_PROFILES).join(', ')}`);
  return profile;
}
