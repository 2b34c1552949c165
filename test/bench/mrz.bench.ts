/**
 * `npm run bench -- mrz [--cards N] [--seed S]`: MRZ recovery from damaged photos of the card back.
 * For each of N made-up cards (valid TD1 MRZ with the Vietnamese ID check digit) the three lines
 * are typeset in a monospace font (DejaVu Sans Mono) with pdfkit, rasterised at 300 dpi by
 * pdftoppm as grey PGM, and damaged four ways in code (seeded): noise (3 % black and 3 % white
 * specks plus grain), blur (two 5×5 box passes), glare (a bright ellipse washing out the middle of
 * the lines) and skew (1.5°). Each image is read by tesseract.js (offline English model, MRZ
 * whitelist) and the lines are parsed
 *   without repair  normalised lines only, then the TD1 parser;
 *   with repair     devices/card-reader/mrz/repair.ts (layout, then check-digit search).
 * Recovered = every check passes and lines 1–2 (document number, ID number, dates: the data the
 * BAC key and the identity come from) equal the card's; the name line is not checked by any digit
 * and the chip supplies it. False = every check passes yet lines 1–2 differ (the chip's BAC would
 * then refuse the key).
 * Prints recovered / total for both in the same run, per damage kind.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { createWorker } from 'tesseract.js';
import { checkDigit } from '../../devices/card-reader/mrz/check-digit.ts';
import { findMrzLines } from '../../devices/card-reader/mrz/ocr.ts';
import { repairCccdMrz } from '../../devices/card-reader/mrz/repair.ts';
import { parseTd1 } from '../../devices/card-reader/mrz/td1.ts';
import { seededRandom } from '../../electron/core/seeded-random.ts';

export const description = 'MRZ recovery on damaged card-back images (noise, blur, glare, skew): recovered / total with and without repair';

const run = promisify(execFile);
const MONO = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
/** An 8-bit grey image (PGM P5, as pdftoppm -gray writes it; tesseract reads it as is). */
interface Grey {
  readonly w: number;
  readonly h: number;
  readonly px: Uint8Array;
}

function parsePgm(buf: Buffer): Grey {
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.toString('latin1', 0, 64));
  if (!m) throw new Error('not an 8-bit PGM');
  return { w: Number(m[1]), h: Number(m[2]), px: new Uint8Array(buf.subarray(m[0].length)) };
}
const toPgm = (g: Grey): Buffer => Buffer.concat([Buffer.from(`P5\n${g.w} ${g.h}\n255\n`, 'latin1'), Buffer.from(g.px)]);
const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** The four damages, each a pure function of the image and the seeded generator. */
const DAMAGES = {
  noise: (g: Grey, next: () => number): Grey => {
    const px = g.px.map((p) => {
      const r = next();
      if (r < 0.03) return 0;
      if (r < 0.06) return 255;
      const gauss = (next() + next() + next() - 1.5) * 70;
      return clamp(p + gauss);
    });
    return { ...g, px };
  },
  blur: (g: Grey): Grey => {
    // Two passes of a 5×5 box blur (about a Gaussian of σ ≈ 2 px at 300 dpi).
    let src = g.px;
    for (let pass = 0; pass < 2; pass++) {
      const out = new Uint8Array(src.length);
      for (let y = 0; y < g.h; y++) {
        for (let x = 0; x < g.w; x++) {
          let sum = 0;
          let n = 0;
          for (let dy = -2; dy <= 2; dy++)
            for (let dx = -2; dx <= 2; dx++) {
              const yy = y + dy;
              const xx = x + dx;
              if (yy >= 0 && yy < g.h && xx >= 0 && xx < g.w) {
                sum += src[yy * g.w + xx]!;
                n++;
              }
            }
          out[y * g.w + x] = Math.round(sum / n);
        }
      }
      src = out;
    }
    return { ...g, px: src };
  },
  glare: (g: Grey): Grey => {
    // A bright ellipse over the middle of the lines: ink washed out towards its centre.
    const cx = g.w * 0.55;
    const cy = g.h / 2;
    const rx = g.w * 0.18;
    const ry = g.h * 0.5;
    const px = g.px.map((p, i) => {
      const x = i % g.w;
      const y = Math.floor(i / g.w);
      const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      const k = d >= 1 ? 0 : 0.7 * (1 - d);
      return clamp(p + (255 - p) * k);
    });
    return { ...g, px };
  },
  skew: (g: Grey): Grey => {
    // Rotated by 1.5° about the centre, nearest neighbour, white where the page ends.
    const a = (1.5 * Math.PI) / 180;
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    const px = new Uint8Array(g.px.length).fill(255);
    for (let y = 0; y < g.h; y++) {
      for (let x = 0; x < g.w; x++) {
        const dx = x - g.w / 2;
        const dy = y - g.h / 2;
        const sx = Math.round(cos * dx + sin * dy + g.w / 2);
        const sy = Math.round(-sin * dx + cos * dy + g.h / 2);
        if (sx >= 0 && sx < g.w && sy >= 0 && sy < g.h) px[y * g.w + x] = g.px[sy * g.w + sx]!;
      }
    }
    return { ...g, px };
  },
} as const;
type Damage = keyof typeof DAMAGES;

const SURNAMES = ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HOANG', 'VU', 'DANG', 'BUI', 'DO', 'HO'];
const GIVEN = ['VAN<AN', 'THI<HOA', 'MINH<DUC', 'THU<HA', 'QUOC<BAO', 'NGOC<LAN', 'HUU<PHUOC', 'KIM<CHI'];

/** A made-up card's TD1 MRZ with every check digit right. */
export function randomMrz(next: () => number): [string, string, string] {
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const date = (y0: number, span: number) => {
    const y = (y0 + Math.floor(next() * span)) % 100;
    return `${String(y).padStart(2, '0')}${String(1 + Math.floor(next() * 12)).padStart(2, '0')}${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  };
  const doc = digits(9);
  const id = `0${digits(11)}`;
  const l1 = `IDVNM${doc}${checkDigit(doc)}${id}<<${checkDigit(id)}`;
  const birth = date(50, 50);
  const expiry = date(30, 20);
  const l2a = `${birth}${checkDigit(birth)}${next() < 0.5 ? 'M' : 'F'}${expiry}${checkDigit(expiry)}VNM<<<<<<<<<<<`;
  const l2 = l2a + checkDigit(l1.slice(5, 30) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29));
  const l3 = `${pick(SURNAMES)}<<${pick(GIVEN)}`.padEnd(30, '<').slice(0, 30);
  return [l1, l2, l3];
}

async function renderPgm(lines: readonly string[], dir: string, name: string): Promise<string> {
  const doc = new PDFDocument({ size: [86 * 2.835, 24 * 2.835], margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(MONO).fontSize(10.5);
  lines.forEach((l, i) => doc.text(l, 10, 12 + i * 16, { lineBreak: false, characterSpacing: 1.2 }));
  doc.end();
  const pdf = join(dir, `${name}.pdf`);
  await writeFile(pdf, await done);
  await run('pdftoppm', ['-r', '300', '-gray', '-singlefile', pdf, join(dir, name)]);
  return join(dir, `${name}.pgm`);
}

type Outcome = 'recovered' | 'failed' | 'false';

function judge(lines: readonly [string, string, string] | null, truth: readonly string[], repair: boolean): Outcome {
  if (!lines) return 'failed';
  try {
    const td1 = repair ? repairCccdMrz(lines).td1 : parseTd1(lines.join(''));
    if (td1.failedChecks.length > 0) return 'failed';
    return td1.lines.slice(0, 2).join('') === truth.slice(0, 2).join('') ? 'recovered' : 'false';
  } catch {
    return 'failed';
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { cards: { type: 'string', default: '20' }, seed: { type: 'string', default: '2026' } } });
  const cards = Number(values.cards);
  const next = seededRandom(Number(values.seed));
  const dir = await mkdtemp(join(os.tmpdir(), 'mrz-bench-'));
  const require = createRequire(import.meta.url);
  const langPath = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  const worker = await createWorker('eng', 1, { langPath, cacheMethod: 'none', gzip: true });
  await worker.setParameters({ tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<' });
  const tally = new Map<string, Record<Outcome, number>>();
  const add = (key: string, o: Outcome) => {
    const t = tally.get(key) ?? { recovered: 0, failed: 0, false: 0 };
    t[o]++;
    tally.set(key, t);
  };
  const started = performance.now();
  try {
    for (let c = 0; c < cards; c++) {
      const truth = randomMrz(next);
      const clean = await renderPgm(truth, dir, `card-${c}`);
      for (const kind of Object.keys(DAMAGES) as Damage[]) {
        const damaged = toPgm(DAMAGES[kind](parsePgm(await readFile(clean)), next));
        const { data } = await worker.recognize(damaged);
        let lines: [string, string, string] | null = null;
        try {
          lines = findMrzLines(data.text);
        } catch {
          lines = null;
        }
        for (const repair of [false, true]) {
          const o = judge(lines, truth, repair);
          add(`${repair ? 'with' : 'without'} ${kind}`, o);
          add(`${repair ? 'with' : 'without'} all`, o);
        }
      }
    }
  } finally {
    await worker.terminate();
    await rm(dir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const line = (label: string, key: string) => {
    const t = tally.get(key) ?? { recovered: 0, failed: 0, false: 0 };
    const total = t.recovered + t.failed + t.false;
    return `${label.padEnd(8)} ${String(t.recovered).padStart(3)}/${total} recovered (${((100 * t.recovered) / Math.max(1, total)).toFixed(1)} %), false ${t.false}`;
  };
  process.stdout.write(
    `MRZ recovery: ${cards} cards × 4 damages, tesseract.js, ${seconds.toFixed(0)} s (machine ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)})\n`,
  );
  for (const kind of [...Object.keys(DAMAGES), 'all']) {
    process.stdout.write(`  ${kind.padEnd(6)} without repair: ${line('', `without ${kind}`)}   with repair: ${line('', `with ${kind}`)}\n`);
  }
  return 0;
}
