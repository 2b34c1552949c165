/**
 * DG2 (ICAO 9303-10 §4.7.2): 75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E|7F2E facial record } } }
 * with the facial record in ISO/IEC 19794-5 (2005) form:
 *   'FAC\0' | version(4) | record length(4) | faces(2) |
 *   face block length(4) | feature points(2) | gender, eyes, hair(1 each) | mask(3) | expression(2) |
 *   pose(3) | pose uncertainty(3) | feature points × 8 | image type(1) | data type(1: 0 JPEG, 1 JPEG 2000) |
 *   width(2) | height(2) | colour space(1) | source(1) | device(2) | quality(2) | image data
 * Returns the first face's JPEG; JPEG 2000 is refused (the kiosk cannot show it).
 */
import { CardParseError } from '../errors.ts';
import { children, expectTlv } from './ber.ts';

export interface FaceImage {
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export function parseDg2(bytes: Uint8Array): FaceImage {
  const group = children(expectTlv(bytes, 0x75, 'DG2'), 'DG2').find((t) => t.tag === 0x7f61);
  if (group === undefined) throw new CardParseError('DG2', 'no biometric information group (7F61)');
  const template = children(group, 'DG2').find((t) => t.tag === 0x7f60);
  if (template === undefined) throw new CardParseError('DG2', 'no biometric template (7F60)');
  const block = children(template, 'DG2').find((t) => t.tag === 0x5f2e || t.tag === 0x7f2e);
  if (block === undefined) throw new CardParseError('DG2', 'no biometric data block (5F2E)');
  const r = block.value;
  const view = new DataView(r.buffer, r.byteOffset, r.byteLength);
  if (r.length < 14 + 20 + 12 || r[0] !== 0x46 || r[1] !== 0x41 || r[2] !== 0x43 || r[3] !== 0)
    throw new CardParseError('DG2', 'not an ISO 19794-5 facial record');
  const recordLength = view.getUint32(8);
  if (recordLength > r.length) throw new CardParseError('DG2', `record length ${recordLength} exceeds the ${r.length} bytes present`);
  if (view.getUint16(12) < 1) throw new CardParseError('DG2', 'no face in the record');
  const faceStart = 14;
  const faceLength = view.getUint32(faceStart);
  const featurePoints = view.getUint16(faceStart + 4);
  const info = faceStart + 20 + featurePoints * 8;
  if (info + 12 > r.length || faceStart + faceLength > r.length) throw new CardParseError('DG2', 'face block truncated');
  const dataType = r[info + 1];
  if (dataType !== 0) throw new CardParseError('DG2', `image data type ${dataType} is not JPEG`);
  const jpeg = r.subarray(info + 12, faceStart + faceLength);
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new CardParseError('DG2', 'image data does not start with a JPEG SOI marker');
  return { jpeg: Uint8Array.from(jpeg), width: view.getUint16(info + 2), height: view.getUint16(info + 4) };
}
