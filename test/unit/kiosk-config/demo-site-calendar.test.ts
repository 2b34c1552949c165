/**
 * The demo hall's working calendar and machine-readable processing times: hall.json names the
 * shared 2026–2027 calendar, every procedure has a `processing` that agrees with its published
 * wording, and a calendar name that does not exist is refused at load.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSite, SiteConfigError } from '../../../kiosk-config/load-site.ts';
import { DEMO_SITE, tempDir } from '../../support/hall-server.ts';

const config = loadSite(DEMO_SITE);

describe('demo hall calendar and processing times', () => {
  test('the calendar is the shared 2026–2027 one, Tết 2026 included', () => {
    assert.equal(config.calendar?.id, 'vn-2026-2027');
    assert.ok(config.calendar?.holidays.some((h) => h.date === '2026-02-17'));
    assert.ok(config.calendar?.workingDays.some((d) => d.date === '2026-01-10'));
  });

  test('every procedure has a processing time that agrees with its published wording', () => {
    for (const p of config.procedures) {
      const processing = p.processing;
      assert.ok(processing, `${p.id} has no processing`);
      const text = p.processingTime;
      if (processing.kind === 'same-day') {
        assert.match(text, /^(Ngay )?[Tt]rong ngày tiếp nhận/, p.id);
        assert.equal(processing.cutoff === '15:00', /sau 15 giờ/.test(text), `${p.id}: the 15:00 rule`);
      } else {
        const days = String(processing.days).padStart(2, '0');
        const unit = processing.kind === 'working-days' ? 'ngày làm việc' : 'ngày kể từ';
        assert.ok(text.includes(`${days} ${unit}`), `${p.id}: "${text}" should say ${days} ${unit}`);
      }
    }
  });

  test('a calendar that does not exist is refused at load, naming hall.json', (t) => {
    const tmp = tempDir('site-');
    t.after(tmp.cleanup);
    cpSync(DEMO_SITE, tmp.dir, { recursive: true });
    const hall = JSON.parse(readFileSync(join(tmp.dir, 'hall.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(tmp.dir, 'hall.json'), JSON.stringify({ ...hall, calendar: 'vn-1999' }));
    assert.throws(
      () => loadSite(tmp.dir),
      (e: unknown) => e instanceof SiteConfigError && e.problems.some((p) => /hall\.json: calendar: no calendar "vn-1999"/.test(p)),
    );
  });
});
