/**
 * The hall's logo as the kiosk prints it: the PNG the hall serves (getHallLogo), as base64 for the
 * print job (TicketPrintJob logoPng). Fetched once per version; a failure leaves tickets without it.
 */
import type { HallApi } from '../shared/hall-api.ts';

/** Bytes as base64 (chunked: String.fromCharCode takes a bounded number of arguments). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The version (`v`) a logoUrl names, as getHallConfig gives it ("/api/v1/hall/logo.png?v=…"). */
export function logoVersionOf(logoUrl: string): string | undefined {
  return new URLSearchParams(logoUrl.split('?')[1] ?? '').get('v') ?? undefined;
}

export async function fetchLogoPng(api: HallApi, logoUrl: string): Promise<string> {
  const blob = await api.hallLogo(logoVersionOf(logoUrl));
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}
