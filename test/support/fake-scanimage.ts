/**
 * Stand-ins for `scanimage` on a temp dir, for the faults SANE's test backend cannot make and for
 * pages with real text: small shell scripts that the document scanner runs instead of scanimage
 * (its `command` option). They read the `--batch=PATTERN` argument like scanimage does.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';

export interface FakeScanimage {
  readonly command: string;
  /** The folder holding the script (and what it writes beside it). */
  readonly dir: string;
  remove(): Promise<void>;
}

const BATCH_FILE = `pattern=""
for arg in "$@"; do case "$arg" in --batch=*) pattern="\${arg#--batch=}";; esac; done
[ -n "$pattern" ] || { echo "scanimage: no --batch" >&2; exit 4; }
`;

async function script(body: string, files: Record<string, Uint8Array> = {}): Promise<FakeScanimage> {
  const dir = await mkdtemp(join(os.tmpdir(), 'fake-scanimage-'));
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  const command = join(dir, 'scanimage');
  await writeFile(command, `#!/bin/sh\n${body.replaceAll('$DIR', dir)}`);
  await chmod(command, 0o755);
  return { command, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes the given PNM images as captures 1, 2, … and exits 0, like a good batch. */
export function fakeScanimageWriting(images: readonly Uint8Array[]): Promise<FakeScanimage> {
  const files = Object.fromEntries(images.map((bytes, i) => [`capture-${i + 1}.pnm`, bytes]));
  const copies = images.map((_, i) => `cp "$DIR/capture-${i + 1}.pnm" "$(printf "$pattern" ${i + 1})"`).join('\n');
  return script(`${BATCH_FILE}${copies}\nexit 0\n`, files);
}

/**
 * Ends the batch the way scanimage does when the backend reports a SANE status: its message on
 * stderr and the status as the exit code. (The test backend's --read-return-value makes the same
 * statuses, but its batch runs sometimes hang instead of ending, so tests use this stand-in.)
 */
export function fakeScanimageFailing(status: number, message: string): Promise<FakeScanimage> {
  return script(`${BATCH_FILE}echo "scanimage: sane_read: ${message}" >&2\nexit ${status}\n`);
}

/**
 * Never ends, like a scanner that hangs mid-batch: writes its process id to `pid` in its folder,
 * then sleeps in the same process (exec), so the driver's signal reaches the sleeping process.
 */
export function fakeScanimageHanging(): Promise<FakeScanimage> {
  return script(`${BATCH_FILE}echo $$ > "$DIR/pid"\nexec sleep 600\n`);
}

/**
 * For the tests' scanimage wrapper (test/support/bin/scanimage): its first `hangs` runs leave a
 * capture and a part-written one, write their process id to `hung-<run>` in its folder and hang;
 * the runs after that write "run <n>" as capture 1 and end as a feeder that ran empty (status 7).
 */
export function fakeScanimageHangingRuns(hangs: number): Promise<FakeScanimage> {
  return script(`${BATCH_FILE}n=$(($(cat "$DIR/runs" 2>/dev/null || echo 0) + 1))
echo $n > "$DIR/runs"
if [ $n -le ${hangs} ]; then
  echo "run $n" > "$(printf "$pattern" 1)"
  echo "half" > "$(printf "$pattern" 2).part"
  echo $$ > "$DIR/hung-$n"
  exec sleep 600
fi
echo "run $n" > "$(printf "$pattern" 1)"
echo "scanimage: sane_start: Document feeder out of documents" >&2
exit 7
`);
}
