/** Fetches a PDF and saves it through a blob: URL (allowed by the CSP), so the page stays put. */
import { ApiFailure } from '../api';

export async function downloadPdf(url: string, body?: unknown, filename = 'hipback-plan.pdf'): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/pdf' }
          : { 'content-type': 'application/json', accept: 'application/pdf' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure({
      code: 'network',
      message: 'We could not reach the server. Check your connection and try again.',
      path: null,
      status: 0,
    });
  }
  if (!res.ok) {
    let message = 'We could not make your PDF. Please try again.';
    let code = `http_${res.status}`;
    try {
      const data = (await res.json()) as { error?: { code?: string; message?: string } };
      message = data.error?.message ?? message;
      code = data.error?.code ?? code;
    } catch {
      // not JSON: keep the general message
    }
    throw new ApiFailure({ code, message, path: null, status: res.status });
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
