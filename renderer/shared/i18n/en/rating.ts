/** English screen text. The rating tablet. Every key of the Vietnamese catalogue, no other (the type says so). */
import type { rating as vi } from '../vi/rating.ts';

export const rating: Record<keyof typeof vi, string> = {
  'rating.idle': 'Thank you for using our services',
  'rating.question': 'How satisfied are you with how your procedure was received and handled?',
  'rating.ticket': 'Ticket {number}',
  'rating.remaining': '{n} s left',
  'rating.reason': 'Why were you dissatisfied? (optional)',
  'rating.send': 'Send rating',
  'rating.thanks': 'Thank you for your rating!',
};
