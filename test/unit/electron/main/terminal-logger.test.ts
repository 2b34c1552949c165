import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotatingFile } from '../../../../electron/main/rotating-file.ts';
import { createTerminalLogger, REDACTED_FIELDS } from '../../../../electron/main/terminal-logger.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'terminal-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rotating log file', () => {
  it('rotates before a line would overflow and keeps only the newest files', () => {
    const file = new RotatingFile({ dir, name: 'terminal.log', maxBytes: 100, keep: 2 });
    for (let i = 0; i < 10; i += 1) file.write(`${String(i).repeat(39)}\n`); // 40 bytes a line: two lines a file
    assert.deepEqual(readdirSync(dir).sort(), ['terminal.log', 'terminal.log.1', 'terminal.log.2']);
    assert.equal(readFileSync(join(dir, 'terminal.log'), 'utf8'), `${'8'.repeat(39)}\n${'9'.repeat(39)}\n`);
    assert.equal(readFileSync(join(dir, 'terminal.log.1'), 'utf8'), `${'6'.repeat(39)}\n${'7'.repeat(39)}\n`);
    assert.equal(readFileSync(join(dir, 'terminal.log.2'), 'utf8'), `${'4'.repeat(39)}\n${'5'.repeat(39)}\n`);
  });

  it('continues the existing file after a restart and never splits a line', () => {
    new RotatingFile({ dir, name: 'terminal.log', maxBytes: 100, keep: 1 }).write('a'.repeat(60));
    const again = new RotatingFile({ dir, name: 'terminal.log', maxBytes: 100, keep: 1 });
    again.write('b'.repeat(60));
    assert.equal(readFileSync(join(dir, 'terminal.log.1'), 'utf8'), 'a'.repeat(60));
    again.write('c'.repeat(500));
    assert.equal(readFileSync(join(dir, 'terminal.log'), 'utf8'), 'c'.repeat(500));
    assert.equal(existsSync(join(dir, 'terminal.log.2')), false);
  });

  it('refuses a size or count that cannot work', () => {
    assert.throws(() => new RotatingFile({ dir, name: 'x.log', maxBytes: 0, keep: 1 }), RangeError);
    assert.throws(() => new RotatingFile({ dir, name: 'x.log', maxBytes: 10, keep: 0 }), RangeError);
  });
});

describe('terminal logger', () => {
  it('writes JSON lines and redacts personal data wherever it appears', () => {
    const file = new RotatingFile({ dir, name: 'terminal.log', maxBytes: 1_000_000, keep: 1 });
    const log = createTerminalLogger(file, 'info', { role: 'kiosk' });
    // Redaction is the second line of defence: code logs ids and codes, never these fields. Every
    // redacted field name gets a marker (not data) at each of the three levels redaction covers.
    const marked = (level: string): Record<string, string> => Object.fromEntries(REDACTED_FIELDS.map((f) => [f, `marker-${level}-${f}`]));
    log.info({ ...marked('top'), card: marked('nested'), method: 'readCard' }, 'card read');
    log.child({ module: 'bridge' }).warn({ nested: { deep: marked('deep') } }, 'token');
    const text = readFileSync(join(dir, 'terminal.log'), 'utf8');
    assert.doesNotMatch(text, /marker-/, 'every marked field was redacted');
    const [first, second] = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(first?.msg, 'card read');
    assert.equal(first?.method, 'readCard');
    assert.equal(first?.role, 'kiosk');
    assert.equal(second?.module, 'bridge');
  });
});
