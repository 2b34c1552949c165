/**
 * scripts/tap-failures.ts: after a failed `npm test`, the failed tests are printed again with their
 * suites and diagnostics, the suites that failed only because of them are left out, and the
 * summary comes last.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

const REPORT = `TAP version 13
# Subtest: queue
    # Subtest: issues a ticket
    ok 1 - issues a ticket
      ---
      duration_ms: 1.2
      ...
    # Subtest: calls the next ticket
    not ok 2 - calls the next ticket
      ---
      duration_ms: 3.4
      failureType: 'testCodeFailure'
      error: 'Expected values to be strictly equal'
      ...
    1..2
not ok 1 - queue
  ---
  duration_ms: 5
  type: 'suite'
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  ...
# Subtest: a file that did not load
not ok 2 - a file that did not load
  ---
  failureType: 'testCodeFailure'
  error: 'Cannot find module'
  ...
1..2
# tests 3
# suites 1
# pass 1
# fail 2
# cancelled 0
# skipped 0
# todo 0
# duration_ms 12.5
`;

function run(input: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/tap-failures.ts'], { input, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('tap-failures', () => {
  test('names each failed test with its suites and keeps its diagnostics; a suite failed by its tests is not repeated', () => {
    const out = run(REPORT);
    assert.match(out, /^not ok: queue › calls the next ticket\n {6}---\n[\s\S]*error: 'Expected values to be strictly equal'/);
    assert.match(out, /not ok: a file that did not load\n[\s\S]*error: 'Cannot find module'/);
    assert.doesNotMatch(out, /not ok: queue\n/, 'the suite itself is not listed');
    assert.doesNotMatch(out, /issues a ticket/, 'passed tests are not listed');
  });

  test('the summary is the last output', () => {
    const lines = run(REPORT).trimEnd().split('\n');
    assert.deepEqual(lines.slice(-8), ['# tests 3', '# suites 1', '# pass 1', '# fail 2', '# cancelled 0', '# skipped 0', '# todo 0', '# duration_ms 12.5']);
  });

  test('a report without failures prints only its summary', () => {
    assert.equal(run('TAP version 13\nok 1 - fine\n1..1\n# tests 1\n# pass 1\n# fail 0\n'), '# tests 1\n# pass 1\n# fail 0\n');
  });
});
