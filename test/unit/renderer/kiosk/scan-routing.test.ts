import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyScan } from '../../../../devices/scanner/scan-classifier.ts';
import { routeScan } from '../../../../renderer/kiosk/scan-routing.ts';

describe('kiosk scan routing', () => {
  it('identifies with a CCCD QR only on the screen waiting for it', () => {
    assert.deepEqual(routeScan({ kind: 'cccd_qr', text: ' 0012|x ' }, 'identify-qr'), { kind: 'identity', text: '0012|x' });
    for (const ctx of ['welcome', 'status', 'appointment', 'other'] as const)
      assert.deepEqual(routeScan({ kind: 'cccd_qr', text: '0012|x' }, ctx), { kind: 'ignore' });
  });

  it('looks a receipt up from the start screen or the lookup; never mid-declaration', () => {
    assert.deepEqual(routeScan({ kind: 'dossier_code', text: '000.00.00.H01-261123-0001' }, 'welcome'), { kind: 'status', code: '000.00.00.H01-261123-0001' });
    assert.deepEqual(routeScan({ kind: 'dossier_code', text: 'X-1' }, 'status'), { kind: 'status', code: 'X-1' });
    assert.deepEqual(routeScan({ kind: 'dossier_code', text: 'X-1' }, 'other'), { kind: 'ignore' });
    assert.deepEqual(routeScan({ kind: 'dossier_code', text: 'X-1' }, 'appointment'), { kind: 'ignore' });
  });

  it('checks an appointment in from the start screen or the check-in screen', () => {
    assert.deepEqual(routeScan({ kind: 'appointment_qr', text: 'HEN:AB12CD34' }, 'welcome'), { kind: 'appointment', code: 'HEN:AB12CD34' });
    assert.deepEqual(routeScan({ kind: 'appointment_qr', text: 'HEN:AB12CD34' }, 'appointment'), { kind: 'appointment', code: 'HEN:AB12CD34' });
    assert.deepEqual(routeScan({ kind: 'appointment_qr', text: 'HEN:AB12CD34' }, 'identify-qr'), { kind: 'ignore' });
  });

  it("leaves a printed ticket's own QR alone on every screen, page link or ticket code", () => {
    for (const text of ['VE:q3Xr0bYpT8mKzL2wVn5HcA', 'https://xephang.example.gov.vn/t/q3Xr0bYpT8mKzL2wVn5HcA']) {
      assert.equal(classifyScan(text), 'ticket_qr', text);
      for (const ctx of ['welcome', 'identify-qr', 'status', 'appointment', 'other'] as const) {
        assert.deepEqual(routeScan({ kind: classifyScan(text), text }, ctx), { kind: 'ignore' }, `${text} on ${ctx}`);
      }
    }
  });

  it('ignores empty, ticket and unknown codes', () => {
    assert.deepEqual(routeScan({ kind: 'dossier_code', text: '   ' }, 'welcome'), { kind: 'ignore' });
    assert.deepEqual(routeScan({ kind: 'ticket_qr', text: 'https://x/t/1' }, 'welcome'), { kind: 'ignore' });
    assert.deepEqual(routeScan({ kind: 'unknown', text: 'hello' }, 'status'), { kind: 'ignore' });
  });
});
