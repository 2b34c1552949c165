/** File identifiers and short EF identifiers of the eMRTD application (ICAO 9303-10 §3.11, spec §1.3). */
export interface LdsFile {
  readonly name: string;
  readonly fid: number;
  readonly sfi: number;
}

export const LDS_FILES = {
  cardAccess: { name: 'EF.CardAccess', fid: 0x011c, sfi: 0x1c },
  com: { name: 'EF.COM', fid: 0x011e, sfi: 0x1e },
  sod: { name: 'EF.SOD', fid: 0x011d, sfi: 0x1d },
  dg1: { name: 'DG1', fid: 0x0101, sfi: 0x01 },
  dg2: { name: 'DG2', fid: 0x0102, sfi: 0x02 },
  dg13: { name: 'DG13', fid: 0x010d, sfi: 0x0d },
} as const satisfies Record<string, LdsFile>;
