import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ACCEPTED_FINDINGS, gate, type Finding } from '../../../../scripts/security/electronegativity-gate.ts';

const finding = (id: string, severity: string, file: string): Finding => ({ id, severity, confidence: 'CERTAIN', file, line: 1, sample: '' });

describe('electronegativity gate', () => {
  it('never accepts a high-severity finding, even one on the accepted list', () => {
    const result = gate([finding('DANGEROUS_FUNCTIONS_JS_CHECK', 'HIGH', 'main/terminal-app.ts')]);
    assert.equal(result.failures.length, 1);
    assert.match(result.failures[0]?.why ?? '', /high severity/);
  });

  it('accepts a listed lower finding only in its listed file', () => {
    const ok = gate([finding('DANGEROUS_FUNCTIONS_JS_CHECK', 'MEDIUM', 'main/terminal-app.ts')]);
    assert.equal(ok.failures.length, 0);
    assert.equal(ok.accepted.length, 1);
    const elsewhere = gate([finding('DANGEROUS_FUNCTIONS_JS_CHECK', 'MEDIUM', 'main/other.ts')]);
    assert.equal(elsewhere.failures.length, 1);
    assert.match(elsewhere.failures[0]?.why ?? '', /not in the accepted list/);
  });

  it('every accepted finding is documented in docs/security.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync('docs/security.md', 'utf8');
    for (const a of ACCEPTED_FINDINGS) {
      assert.ok(doc.includes(a.id), `${a.id} missing from docs/security.md`);
      assert.ok(doc.includes(a.file), `${a.file} missing from docs/security.md`);
    }
  });
});
