/**
 * Cross-origin isolation without server headers (the "COI service worker" approach): the service
 * worker re-serves same-origin responses with COOP/COEP, so a page it controls is cross-origin
 * isolated and the WASM backend gets SharedArrayBuffer (threads) even on GitHub Pages, S3 or an
 * intranet share that cannot set headers. Everything the studio loads is same-origin, so
 * `require-corp` blocks nothing.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The same response with the isolation headers; opaque/error responses (status 0) pass unchanged. */
export function withIsolationHeaders(response: Response): Response {
  if (response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  if (Object.entries(ISOLATION_HEADERS).every(([name, value]) => response.headers.get(name) === value)) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
