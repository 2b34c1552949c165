/**
 * Hands a downloaded file to the browser's download manager under `fileName`. The exports are
 * fetched with the dashboard's credentials (a header a plain link cannot carry), so the page saves
 * the bytes itself; the name is the page's, the answer's Content-Disposition is not seen.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by then; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
