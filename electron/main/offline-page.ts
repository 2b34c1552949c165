/**
 * The screen a role window shows while the hall server cannot be reached: a self-contained page
 * (no script, no network) in Vietnamese with the English line for technicians. The main process
 * keeps probing the hall server and loads the role's page again as soon as it answers, so the
 * screen recovers by itself; nobody has to touch the kiosk.
 */
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

export function offlinePageHtml(hallName: string): string {
  const name = escapeHtml(hallName.normalize('NFC'));
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${name}</title>
<style>
html,body{height:100%;margin:0;font-family:"Noto Sans",sans-serif;background:#f4f6f8;color:#1b2733}
main{height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;padding:0 8vw}
h1{font-size:4.5vmin;margin:0 0 2vmin}p{font-size:3vmin;margin:0 0 1.5vmin}small{font-size:2vmin;color:#5a6b7b}
</style></head>
<body><main>
<h1>${name}</h1>
<p>Máy đang mất kết nối tới máy chủ của Bộ phận Một cửa.</p>
<p>Hệ thống sẽ tự kết nối lại trong giây lát. Xin quý khách vui lòng chờ hoặc liên hệ cán bộ hướng dẫn.</p>
<small>The hall server is unreachable; this screen reloads by itself when it answers again.</small>
</main></body></html>`;
}

/** The page as a URL to load; data: URLs have an opaque origin, so the bridge refuses its IPC. */
export function offlinePageUrl(hallName: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(offlinePageHtml(hallName))}`;
}
