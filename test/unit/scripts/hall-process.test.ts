import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { HALL_NODE_FLAGS, HALL_SERVER_ARGS } from '../../../scripts/hall-process.ts';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

describe('how the hall server process is started', () => {
  it('npm run hall passes the same node flags as every spawn of the server', () => {
    assert.equal(packageJson.scripts.hall, `node ${HALL_SERVER_ARGS.join(' ')}`);
  });

  it('the flags are ones this node accepts (node refuses an unknown flag)', () => {
    const seen = execFileSync(process.execPath, [...HALL_NODE_FLAGS, '-e', 'process.stdout.write(JSON.stringify([typeof gc, process.execArgv]))'], {
      encoding: 'utf8',
    });
    const [gcType, execArgv] = JSON.parse(seen) as [string, string[]];
    assert.equal(gcType, 'function', '--expose-gc gives the idle collector its gc()');
    for (const flag of HALL_NODE_FLAGS) assert.ok(execArgv.includes(flag), `${flag} reached the process`);
  });
});
