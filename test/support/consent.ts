/** The consent a kiosk sends with what it read from a card (common/privacy-notice.ts), for tests that issue such tickets. */
import { consentTo } from '../../electron/common/privacy-notice.ts';

export const IDENTIFY_CONSENT = consentTo('identify', 'vi', Date.parse('2026-03-02T01:00:00Z'));
