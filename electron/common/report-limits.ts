/**
 * Limits of the report routes that the dashboard applies on the page too, so a range it sends is
 * one the hall takes. No zod here: the dashboard's bundle takes this module.
 */

/** Longest range of one KPI or dossier export, in days with both ends counted (a leap year fits). */
export const MAX_KPI_SPAN_DAYS = 366;
