/**
 * A one-time pairing code handed in the page's URL fragment (`#pair=1234-5678`), as `npm start`
 * prints for the rating tablet and the dashboard so they open ready. The fragment never reaches
 * the server's logs; the code works once and expires in minutes. Null when there is none.
 */
export function pairingCodeInUrl(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('pair');
  return code !== null && /^\d{4}-?\d{4}$/.test(code.trim()) ? code.trim() : null;
}
