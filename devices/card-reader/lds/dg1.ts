/** DG1 (ICAO 9303-10 §4.7.1): 61 L { 5F1F L <MRZ> }; the CCCD stores a TD1 MRZ (90 characters). */
import { CardParseError } from '../errors.ts';
import { type Td1, parseTd1 } from '../mrz/td1.ts';
import { child, children, expectTlv } from './ber.ts';

export function parseDg1(bytes: Uint8Array): Td1 {
  const outer = expectTlv(bytes, 0x61, 'DG1');
  const mrz = child(children(outer, 'DG1'), 0, 0x5f1f, 'DG1');
  const text = Buffer.from(mrz.value).toString('latin1');
  const td1 = parseTd1(text);
  if (td1.failedChecks.length > 0) throw new CardParseError('DG1', `check digits fail: ${td1.failedChecks.join(', ')}`);
  return td1;
}
