/**
 * The argument list of one `scanimage` batch (sane-utils; scanimage(1)). Always batch mode: each
 * capture is its own PNM file, and scanimage's exit status is the SANE status that ended the batch
 * (0 good, 7 no documents, 8 cover open, …), which a single-page scan to stdout does not report
 * (it can hang after a read error). Pure; the driver runs it without a shell.
 */
import type { DocumentScannerProfile } from './document-scanner-profiles.ts';

export interface ScanBatchArgs {
  readonly device: string;
  readonly dpi: number;
  readonly profile: DocumentScannerProfile;
  /** Files the batch writes, with one `%d`-style counter, e.g. `/tmp/x/page-%04d.pnm`. */
  readonly filePattern: string;
  /** Captures to ask for: the batch stops after this many (or when a feeder runs empty). */
  readonly count: number;
}

export function scanimageBatchArgs(a: ScanBatchArgs): string[] {
  const args = ['--device-name', a.device, '--format', 'pnm', `--batch=${a.filePattern}`, `--batch-count=${a.count}`];
  if (a.profile.colourMode !== null) args.push('--mode', a.profile.colourMode);
  args.push('--resolution', String(a.dpi));
  if (a.profile.source !== null) args.push('--source', a.profile.source);
  if (a.profile.areaMm !== null) args.push('-x', String(a.profile.areaMm.width), '-y', String(a.profile.areaMm.height));
  return [...args, ...a.profile.backendOptions];
}

/** `scanimage -d DEVICE -A`: opens the device and lists its options; exit 0 when it is there. */
export function scanimageProbeArgs(device: string): string[] {
  return ['--device-name', device, '--all-options'];
}
