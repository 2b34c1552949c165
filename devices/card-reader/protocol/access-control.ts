/**
 * Access control for the CCCD (spec §7.4): with a CAN, PACE-GM (EF.CardAccess read by SFI without
 * SELECT MF, the known Vietnamese value as fallback) then SELECT of the eMRTD application under SM;
 * with an MRZ key, SELECT of the application then BAC.
 */
import { fromHex } from '../bytes.ts';
import { CardParseError, CardProtocolError } from '../errors.ts';
import { type PaceInfo, VN_CCCD_CARD_ACCESS, parseCardAccess } from '../lds/card-access.ts';
import type { MrzAccessKey } from './access-key.ts';
import { SW_END_OF_FILE, SW_OK } from './apdu.ts';
import { performBac } from './bac.ts';
import type { CardSession } from './card-session.ts';
import { performPace } from './pace.ts';

export const EMRTD_AID = fromHex('A0000002471001');

export type AccessKey = { readonly kind: 'can'; readonly can: string } | { readonly kind: 'mrz'; readonly key: MrzAccessKey };

export interface AccessResult {
  readonly protocol: 'pace' | 'bac';
  /** Where the PACE parameters came from. */
  readonly cardAccess: 'card' | 'fallback' | null;
}

/** EF.CardAccess by short EF identifier 1C at the MF level, plain; null when the card refuses. */
async function readCardAccess(session: CardSession): Promise<PaceInfo[] | null> {
  const r = await session.sendPlain({ cla: 0x00, ins: 0xb0, p1: 0x80 | 0x1c, p2: 0, ne: 256 });
  if (r.sw !== SW_OK && r.sw !== SW_END_OF_FILE) return null;
  try {
    const infos = parseCardAccess(r.data);
    return infos.length > 0 ? infos : null;
  } catch (e) {
    if (e instanceof CardParseError) return null;
    throw e;
  }
}

async function selectApplication(session: CardSession): Promise<void> {
  const r = await session.send({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: EMRTD_AID });
  if (r.sw !== SW_OK) throw new CardProtocolError('unsupported', 'the card has no eMRTD application', r.sw);
}

export async function establishAccess(session: CardSession, key: AccessKey): Promise<AccessResult> {
  if (key.kind === 'can') {
    const fromCard = await readCardAccess(session);
    const infos = fromCard ?? parseCardAccess(VN_CCCD_CARD_ACCESS);
    session.startSecureMessaging(await performPace(session.sendPlain, { kind: 'can', can: key.can }, infos));
    await selectApplication(session);
    return { protocol: 'pace', cardAccess: fromCard === null ? 'fallback' : 'card' };
  }
  await selectApplication(session);
  session.startSecureMessaging(await performBac(session.sendPlain, key.key));
  return { protocol: 'bac', cardAccess: null };
}
