/** English screen text. The e-form (kiosk and counter). Every key of the Vietnamese catalogue, no other (the type says so). */
import type { eform as vi } from '../vi/eform.ts';

export const eform: Record<keyof typeof vi, string> = {
  'eform.fromCard': 'From the ID card',
  'eform.addItem': 'Add {name}',
  'eform.removeItem': 'Remove {name}',
  'eform.item': '{name} no. {n}',
  'eform.province': 'Province or city',
  'eform.district': 'District (before 01/07/2025)',
  'eform.ward': 'Commune or ward',
  'eform.street': 'House number, street, village',
  'eform.choose': '— Choose —',
  'eform.dateHint': 'Day/month/year, e.g. 05/09/2024',
  'eform.empty': 'Not given',
};
