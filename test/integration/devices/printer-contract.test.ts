/**
 * One contract suite for the printer driver, run over the memory twin, a socat PTY and the TCP
 * capture: the same driver code a kiosk runs, against the simulator decoding real bytes.
 */
import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { PrinterDriver } from '../../../devices/printer/printer-driver.ts';
import { printerProfile } from '../../../devices/printer/printer-profile.ts';
import { encodeTicket } from '../../../devices/printer/ticket-job.ts';
import { LINKS, openPrinterLink, type PrinterLink } from '../../support/printer-links.ts';
import { VIETNAMESE_TICKET } from '../../support/ticket-jobs.ts';

const JOB = encodeTicket(VIETNAMESE_TICKET, printerProfile('epson-tm-t88'));
const REPLY_TIMEOUT_MS = 15_000;

for (const linkName of LINKS) {
  describe(`printer driver over ${linkName}`, () => {
    let link: PrinterLink | null = null;
    // Generous reply timeout: the simulator answers a status request only after the job bytes
    // queued before it (a real Epson answers DLE EOT at once), and on a loaded machine the PTY side
    // may take a while to work through a 40 KB job. A CI run that timed out here at 15 s had lost
    // a status answer in the simulator's host instead (one at 5 s may have too): printer-hosts.ts
    // now queues its answers, as printer-hosts.test.ts shows.
    const open = async () => {
      link = await openPrinterLink(linkName);
      // The Epson profile answers GS ( H: jobs are confirmed by process id, then by status.
      return {
        link,
        driver: new PrinterDriver(link.transport, { replyTimeoutMs: REPLY_TIMEOUT_MS, chunkBytes: 1024, processIdConfirm: true, jobTimeoutMs: 30_000 }),
      };
    };
    afterEach(async () => {
      await link?.close();
      link = null;
    });
    after(() => undefined);

    it('reads the status of a ready printer', async () => {
      const { driver } = await open();
      assert.deepEqual(await driver.status(), { ok: true, value: { online: true, paperNearEnd: false, paperOut: false, coverOpen: false } });
    });

    it('prints a ticket, confirmed after the job; the simulator decodes it without error and cuts once', async () => {
      const { link, driver } = await open();
      assert.deepEqual(await driver.print(JOB), { ok: true, value: null });
      assert.equal(link.simulator.cuts, 1);
      assert.equal(link.simulator.decodeErrors, 0);
      assert.ok(link.simulator.received.some((c) => c.op === 'qrStore'));
    });

    it('a printer without process id answers: confirmed by the status after the job', async () => {
      const { link } = await open();
      const driver = new PrinterDriver(link.transport, { replyTimeoutMs: REPLY_TIMEOUT_MS });
      assert.deepEqual(await driver.print(JOB), { ok: true, value: null });
      assert.equal(link.simulator.cuts, 1);
      assert.ok(!link.simulator.received.some((c) => c.op === 'processId'));
    });

    it('a printer that never confirms the job: timeout, not ok', async () => {
      const { link } = await open();
      link.simulator.answerProcessId = false;
      const driver = new PrinterDriver(link.transport, { replyTimeoutMs: 5000, processIdConfirm: true, jobTimeoutMs: 1000 });
      const result = await driver.print(JOB);
      assert.ok(!result.ok && result.fault === 'timeout', JSON.stringify(result));
    });

    it('prints with paper near end and reports it in the status', async () => {
      const { link, driver } = await open();
      link.simulator.setStatus({ paperNearEnd: true });
      assert.deepEqual(await driver.print(JOB), { ok: true, value: null });
      const status = await driver.status();
      assert.ok(status.ok && status.value.paperNearEnd);
    });

    it('paper out before printing: refused, the job is not sent, no ticket', async () => {
      const { link, driver } = await open();
      link.simulator.setStatus({ paperOut: true });
      const result = await driver.print(JOB);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.fault === 'paper_out');
      assert.equal(link.simulator.cuts, 0);
      assert.ok(!link.simulator.received.some((c) => c.op === 'raster'), 'no print data reached the printer');
    });

    it('cover opened mid-job: not confirmed (cover_open), no phantom ticket; prints again once closed', async () => {
      const { link, driver } = await open();
      link.simulator.openCoverAfter(Math.floor(JOB.length / 2));
      const result = await driver.print(JOB);
      assert.ok(!result.ok && result.fault === 'cover_open', JSON.stringify(result));
      assert.equal(link.simulator.cuts, 0);
      link.simulator.setStatus({ coverOpen: false });
      assert.deepEqual(await driver.print(JOB), { ok: true, value: null });
      assert.equal(link.simulator.cuts, 1);
    });

    it('printer unplugged mid-job: disconnected, no ticket confirmed', async () => {
      const { link } = await open();
      // A PTY (like an RS-232 line) does not tell the host that the far end went away: the driver
      // learns it when the printer stops answering. The only answer awaited before the drop is the
      // status before the job, with no job bytes queued ahead of it: a short reply timeout will do.
      const driver = new PrinterDriver(link.transport, { replyTimeoutMs: 2_000, chunkBytes: 1024, processIdConfirm: true, jobTimeoutMs: 30_000 });
      link.simulator.dropAfter(Math.floor(JOB.length / 3));
      const result = await driver.print(JOB);
      assert.ok(!result.ok && (result.fault === 'disconnected' || result.fault === 'timeout'), JSON.stringify(result));
      assert.equal(link.simulator.cuts, 0);
    });
  });
}
