/**
 * Reads a TAP report (node's test runner) on stdin and prints each failed test with the names of
 * the suites around it and its diagnostic block, then the report's closing summary (`# tests`,
 * `# pass`…). scripts/test.sh runs it after a failed run, so that the failures are in the tail of
 * a long log.
 */
import { readFileSync } from 'node:fs';

const lines = readFileSync(0, 'utf8').split('\n');
const indentOf = (line: string): number => line.length - line.trimStart().length;
/** The `# Subtest: name` lines open at each indent, so a failure can be named with its suites. */
const openSubtests: string[] = [];
const out: string[] = [];
for (let i = 0; i < lines.length; i += 1) {
  const line = lines[i] ?? '';
  const trimmed = line.trimStart();
  const depth = indentOf(line) / 4;
  if (trimmed.startsWith('# Subtest: ')) {
    openSubtests.length = depth;
    openSubtests[depth] = trimmed.slice('# Subtest: '.length);
    continue;
  }
  if (!trimmed.startsWith('not ok ')) continue;
  // A suite fails when a test inside it fails; the test itself is what to print.
  const block: string[] = [];
  let j = i + 1;
  if ((lines[j] ?? '').trim() === '---') {
    for (; j < lines.length; j += 1) {
      block.push(lines[j] ?? '');
      if ((lines[j] ?? '').trim() === '...') break;
    }
  }
  if (block.some((text) => text.includes("failureType: 'subtestsFailed'"))) continue;
  out.push(`not ok: ${openSubtests.slice(0, depth + 1).join(' › ')}`, ...block);
}
const summary = lines.filter((line) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
process.stdout.write(`${[...out, ...summary].join('\n')}\n`);
