/** What a rating screen offers (rating API): the levels of the hall's policy and where a reason may go. */
import type { RatingLevel } from '../../electron/common/domain.ts';

/** The rating window when the hall's policy does not say (an older server). */
export const DEFAULT_RATING_WINDOW_SECONDS = 30;

/** The levels a rating screen offers, best first (rating API: 3 or 5 levels). */
export function ratingChoices(levels: 3 | 5 | undefined): readonly RatingLevel[] {
  return levels === 5 ? ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] : ['very_satisfied', 'satisfied', 'dissatisfied'];
}

/** A reason may accompany only the negative levels (rating API). */
export function ratingTakesReason(level: RatingLevel): boolean {
  return level === 'dissatisfied' || level === 'very_dissatisfied';
}
