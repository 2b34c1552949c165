/** English screen text. Every app: titles, connection, pairing, common words. Every key of the Vietnamese catalogue, no other (the type says so). */
import type { common as vi } from '../vi/common.ts';

export const common: Record<keyof typeof vi, string> = {
  'app.kiosk': 'Ticket kiosk',
  'app.display': 'Queue display',
  'app.counter': 'Counter',
  'app.rating': 'Satisfaction rating',
  'app.dashboard': 'One-stop hall dashboard',
  'conn.connecting': 'Connecting…',
  'conn.live': 'Connected',
  'conn.offline': 'Connection lost, retrying…',
  'conn.unauthorized': 'This device is not enrolled',
  'pair.title': 'Pair this device',
  'pair.hint': 'Enter the 8-digit pairing code from the administrator.',
  'pair.code': 'Pairing code',
  'pair.submit': 'Pair',
  'common.back': 'Back',
  'common.home': 'Start',
  'common.close': 'Close',
  'common.minutes': '{n} min',
  'common.none': 'None',
  'common.language': 'Tiếng Việt',
};
