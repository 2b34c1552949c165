/**
 * The hall's logo on the ticket (devices/printer/ticket-logo.ts, through the kiosk's print path in
 * devices/terminal/role-devices.ts): the demo hall's PNG, sent base64 with the job, comes out at
 * the top of the paper, at most a third of its width, dark pixels printed; a job without one prints
 * as before; a logo that is not one is refused with its field named.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { printerProfile } from '../../../../devices/printer/printer-profile.ts';
import { getDot } from '../../../../devices/printer/raster/bitmap.ts';
import { encodeTicket } from '../../../../devices/printer/ticket-job.ts';
import { ticketLogo } from '../../../../devices/printer/ticket-logo.ts';
import { PrinterSimulator } from '../../../../devices/simulators/printer.simulator.ts';
import { DEMO_SITE } from '../../../support/hall-server.ts';
import { printedTickets } from '../../../support/printed-tickets.ts';
import { VIETNAMESE_TICKET } from '../../../support/ticket-jobs.ts';

const LOGO = readFileSync(join(DEMO_SITE, 'logo.png')).toString('base64');

describe('the hall’s logo on the ticket', () => {
  it('a third of the paper at most, the red disc printed, the white building left blank', () => {
    const profile = printerProfile('epson-tm-t88');
    const logo = ticketLogo(LOGO, profile);
    assert.ok(logo);
    assert.ok(logo.width <= profile.dotsPerLine / 3 && logo.height <= 120, `${logo.width}×${logo.height}`);
    const mid = Math.floor(logo.width / 2);
    // The 240 px logo is square: its disc is dark (printed) near the edge, its door's column of
    // the building light (blank) above the door.
    assert.equal(getDot(logo, mid, Math.floor(logo.height * 0.1)), true, 'the disc prints');
    assert.equal(getDot(logo, mid, Math.floor(logo.height * 0.3)), false, 'the roof stays white');
    assert.equal(ticketLogo(LOGO, profile), logo, 'decoded once');
    assert.equal(ticketLogo(undefined, profile), null);
  });

  it('printed above the hall’s name: the paper starts with the logo, and without one it starts as before', async () => {
    const profile = printerProfile('epson-tm-t88');
    const printed = async (job: typeof VIETNAMESE_TICKET & { logoPng?: string }) => {
      const printer = new PrinterSimulator(profile);
      printer.receive(encodeTicket(job, profile, { logo: ticketLogo(job.logoPng, profile) }));
      const [ticket] = printedTickets(printer.roll);
      assert.ok(ticket);
      return ticket.paper;
    };
    const withLogo = await printed({ ...VIETNAMESE_TICKET, logoPng: LOGO });
    const without = await printed(VIETNAMESE_TICKET);
    const logo = ticketLogo(LOGO, profile);
    assert.ok(logo);
    assert.equal(withLogo.height, without.height + logo.height + 8, 'the logo and its space above the rest');
    const centre = Math.floor(profile.dotsPerLine / 2);
    assert.equal(getDot(withLogo, centre, Math.floor(logo.height * 0.1)), true);
  });

  it('a logo that is not base64 or not a PNG is refused, naming it', () => {
    const profile = printerProfile('generic-58');
    assert.throws(() => ticketLogo('not base64!', profile), /logoPng is not base64/);
    assert.throws(() => ticketLogo(Buffer.from('GIF89a').toString('base64'), profile), /logo is not a readable PNG/);
    // A small file that declares a huge image is refused from its header, before any decoding.
    const huge = Buffer.from(LOGO, 'base64');
    huge.writeUInt32BE(60_000, 16);
    huge.writeUInt32BE(60_000, 20);
    assert.throws(() => ticketLogo(huge.toString('base64'), profile), /logo is 60000×60000 px; at most 2048 px a side/);
  });
});
