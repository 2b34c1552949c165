/** EF.COM (ICAO 9303-10 §4.6.1): 60 { 5F01 LDS version, 5F36 Unicode version, 5C tag list }. */
import { CardParseError } from '../errors.ts';
import { children, expectTlv } from './ber.ts';

/** Data-group tags of the LDS (9303-10 table 34) → data-group numbers. */
export const DG_TAGS: ReadonlyMap<number, number> = new Map([
  [0x61, 1],
  [0x75, 2],
  [0x63, 3],
  [0x76, 4],
  [0x65, 5],
  [0x66, 6],
  [0x67, 7],
  [0x68, 8],
  [0x69, 9],
  [0x6a, 10],
  [0x6b, 11],
  [0x6c, 12],
  [0x6d, 13],
  [0x6e, 14],
  [0x6f, 15],
  [0x70, 16],
]);

export interface EfCom {
  readonly ldsVersion: string;
  readonly unicodeVersion: string;
  readonly dataGroups: readonly number[];
}

export function parseEfCom(bytes: Uint8Array): EfCom {
  const items = children(expectTlv(bytes, 0x60, 'EF.COM'), 'EF.COM');
  const find = (tag: number): Uint8Array => {
    const t = items.find((i) => i.tag === tag);
    if (t === undefined) throw new CardParseError('EF.COM', `missing tag ${tag.toString(16)}`);
    return t.value;
  };
  const dataGroups = [...find(0x5c)].map((tag) => {
    const n = DG_TAGS.get(tag);
    if (n === undefined) throw new CardParseError('EF.COM', `unknown data-group tag ${tag.toString(16)}`);
    return n;
  });
  return { ldsVersion: Buffer.from(find(0x5f01)).toString('latin1'), unicodeVersion: Buffer.from(find(0x5f36)).toString('latin1'), dataGroups };
}
