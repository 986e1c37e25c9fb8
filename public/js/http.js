// Requests to the app's JSON API (same origin, session cookie), shared by every browser script.

/** An answer that was not 2xx; `status` is its HTTP status, `body` its JSON (or null). */
export class HttpError extends Error {
  constructor(status, url, body = null) {
    super(`${status} ${url}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * Asks for a JSON document and resolves to its body; rejects with an HttpError on a non-2xx answer and
 * with the fetch error when the network fails. With `body`, POSTs it as JSON with the `csrf` token.
 */
export async function fetchJson(url, { method, body, csrf, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(url, {
    method: method || (body === undefined ? 'GET' : 'POST'),
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!res.ok) throw new HttpError(res.status, url, await res.json().catch(() => null));
  return res.json();
}
