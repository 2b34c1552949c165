/**
 * The public ticket page's data (getPublicTicket, GET /api/v1/public/tickets/{token}, and its
 * event stream): what a citizen's phone may learn about one ticket from the token on its QR.
 * Nothing personal and nothing that names the ticket inside the hall: no ticket id, no person
 * hash, no priority class, no device, no officer. The response schema is strict: the server
 * refuses to send a field that is not listed here.
 */
import { z } from 'zod';
import { TICKET_TOKEN } from './ticket-link.ts';

export const publicTicketParams = z.strictObject({
  token: z.string().regex(TICKET_TOKEN, 'the 22-character code after /t/ on the ticket'),
});

/**
 * The page's states: the ticket's own (waiting, called, serving, held, done, no_show, cancelled),
 * or `expired` once its business day has ended (the hall's end-of-day closing, or midnight in the
 * hall's time zone): then nothing about the queue is shown and updates stop.
 */
export const PUBLIC_TICKET_STATES = ['waiting', 'called', 'serving', 'held', 'done', 'no_show', 'cancelled', 'expired'] as const;
export type PublicTicketState = (typeof PUBLIC_TICKET_STATES)[number];

export const publicTicketView = z
  .strictObject({
    /** Display number, e.g. "A015". */
    number: z.string(),
    service: z.strictObject({ vi: z.string(), en: z.string() }),
    hallName: z.strictObject({ vi: z.string(), en: z.string() }),
    state: z.enum(PUBLIC_TICKET_STATES),
    /** While waiting: tickets called before this one (of its queue, or of the counter it was transferred to). */
    peopleAhead: z.number().int().min(0).nullable(),
    /** While waiting: whole minutes. */
    estimatedWaitMinutes: z.number().int().min(0).nullable(),
    /** While called or being served: the counter's number ("đến quầy số …"). */
    counterNumber: z.number().int().min(1).nullable(),
    /** While waiting: the number of the counter the ticket was transferred to, which alone will call it; null otherwise. */
    transferredToCounter: z.number().int().min(1).nullable(),
    /** How many times it has been called (a recall alerts the page again). */
    callCount: z.number().int().min(0),
    /** The ticket's business day, dd/mm/yyyy. */
    businessDate: z.string(),
    /** Epoch ms at which the page stops updating (the end of the business day in the hall's time zone). */
    expiresAt: z.number().int(),
    /** The server's clock when this view was made (epoch ms): the page times its expiry with it, not the phone's clock. */
    now: z.number().int(),
    /** Whether the view can still change; false once final or expired (the stream ends then). */
    live: z.boolean(),
  })
  .meta({ id: 'PublicTicket', description: 'One ticket as its public page shows it: no ticket id, no personal data.' });
export type PublicTicketView = z.infer<typeof publicTicketView>;
