/**
 * Citizen ratings (rating API): only a device of role `rating` bound to the counter may submit;
 * officers (counter devices, staff sessions) never can. The window rules are in core/rating.ts.
 */
import { submitRatingResponse } from '../../common/hall-responses.ts';
import { submitRatingRequest, type SubmitRatingResponse } from '../../common/wire.ts';
import { submitRating } from '../../core/rating.ts';
import { route, type Route } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

export function ratingRoutes(deps: RouteDeps): Route[] {
  const { hall } = deps;
  return [
    route({
      method: 'POST',
      path: '/api/v1/counters/:counterId/ratings',
      operationId: 'submitRating',
      tag: 'ratings',
      logs: ['ticket.rated'],
      summary:
        'Rate the service just finished at this counter, within policy.ratingWindowSeconds of its finish. ' +
        'Body { level, reason?, pressedMsAgo? } (reason ≤ 200 characters, only with dissatisfied / very_dissatisfied; ' +
        'pressedMsAgo: a keypad rating retried after a fault says how long ago the key was pressed, ≤ 90 s, and counts when the press fell inside the window). ' +
        '201 { ticketId, level }; 409 rating_window_closed when no window is open, already_rated when the ticket has a rating.',
      access: { devices: ['rating'], boundCounter: true },
      success: { status: 201, body: submitRatingResponse },
      body: submitRatingRequest,
      handler: ({ params, body }) => {
        const counterId = params.counterId ?? '';
        const [stored] = hall.execute((c, s, ctx) =>
          submitRating(
            c,
            s,
            counterId,
            { level: body.level, reason: body.reason ?? null, ...(body.pressedMsAgo !== undefined ? { pressedAt: ctx.now - body.pressedMsAgo } : {}) },
            ctx,
          ),
        );
        const result: SubmitRatingResponse = { ticketId: stored?.ticketId ?? '', level: body.level };
        return { status: 201, body: result };
      },
    }),
  ];
}
