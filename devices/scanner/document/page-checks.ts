/**
 * Quality checks of one scanned page, on a grey copy downscaled to at most 600 px (about 50 dpi for
 * A4): enough to see text lines, cheap enough for every page. Pure.
 * - blank_page: almost no pixel stands out from the page's background (the median grey): a white
 *   sheet, an empty glass, a solid black lid. Threshold: fewer than 0.3 % "ink" pixels, ink being
 *   a pixel more than 48 grey levels away from the median.
 * - skewed: the text lines are tilted by 1° or more. Estimated by projection profiles: the ink is
 *   projected onto the vertical axis of the page turned by each candidate angle (−8° … 8°, 0.25°
 *   steps); the angle whose profile has the largest sum of squared row counts (sharpest lines)
 *   wins. Digitisation guidance asks for skew checks (docs/devices.md, Document scanner).
 */
import type { ScanPageWarning } from '../../../electron/common/device-contract.ts';
import type { RasterImage } from './pnm-codec.ts';
import { downscale, toGrey } from './raster-ops.ts';

export interface PageCheck {
  readonly warnings: readonly ScanPageWarning[];
  /** Share of ink pixels, 0–1. */
  readonly inkRatio: number;
  /** Estimated tilt of the text lines in degrees (positive: counter-clockwise); 0 for a blank page. */
  readonly skewDeg: number;
}

const CHECK_SIDE = 600;
const INK_DISTANCE = 48;
const BLANK_INK_RATIO = 0.003;
const SKEW_LIMIT_DEG = 1;
const MAX_ANGLE_DEG = 8;
const STEP_DEG = 0.25;

function median(data: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (const v of data) histogram[v]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen * 2 >= data.length) return v;
  }
  return 255;
}

/** Coordinates of the ink pixels, relative to the image centre. */
function inkPoints(grey: RasterImage, background: number): { xs: Float64Array; ys: Float64Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  const cx = grey.width / 2;
  const cy = grey.height / 2;
  for (let y = 0; y < grey.height; y++) {
    for (let x = 0; x < grey.width; x++) {
      if (Math.abs(grey.data[y * grey.width + x]! - background) > INK_DISTANCE) {
        xs.push(x - cx);
        ys.push(y - cy);
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/** Sharpness of the horizontal projection of the points after turning them by -angle. */
function profileScore(xs: Float64Array, ys: Float64Array, angleDeg: number, rows: number): number {
  const a = (angleDeg * Math.PI) / 180;
  const sin = Math.sin(a);
  const cos = Math.cos(a);
  const half = rows / 2;
  const counts = new Float64Array(rows);
  for (let i = 0; i < xs.length; i++) {
    const row = Math.floor(ys[i]! * cos + xs[i]! * sin + half);
    if (row >= 0 && row < rows) counts[row]!++;
  }
  let score = 0;
  for (const c of counts) score += c * c;
  return score;
}

/** The tilt of the ink's lines in degrees, by projection profiles. */
export function estimateSkew(grey: RasterImage, background: number): number {
  const { xs, ys } = inkPoints(grey, background);
  if (xs.length === 0) return 0;
  const rows = Math.ceil(Math.hypot(grey.width, grey.height)) + 2;
  let best = 0;
  let bestScore = -1;
  for (let angle = -MAX_ANGLE_DEG; angle <= MAX_ANGLE_DEG + 1e-9; angle += STEP_DEG) {
    const score = profileScore(xs, ys, angle, rows);
    // Ties keep the angle nearest to 0 (the loop visits −8 … 8; prefer the smaller magnitude).
    if (score > bestScore || (score === bestScore && Math.abs(angle) < Math.abs(best))) {
      best = angle;
      bestScore = score;
    }
  }
  return Math.round(best * 100) / 100;
}

export function checkPage(image: RasterImage): PageCheck {
  const grey = downscale(toGrey(image), CHECK_SIDE);
  const background = median(grey.data);
  let ink = 0;
  for (const v of grey.data) if (Math.abs(v - background) > INK_DISTANCE) ink++;
  const inkRatio = ink / grey.data.length;
  if (inkRatio < BLANK_INK_RATIO) return { warnings: ['blank_page'], inkRatio, skewDeg: 0 };
  const skewDeg = estimateSkew(grey, background);
  return { warnings: Math.abs(skewDeg) >= SKEW_LIMIT_DEG ? ['skewed'] : [], inkRatio, skewDeg };
}
