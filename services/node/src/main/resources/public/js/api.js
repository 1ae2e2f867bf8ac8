// The node's JSON API. Every call carries the pasted bearer token; errors keep the API's
// one error shape {"error", "violations": [{"field", "message"}]}.

const TOKEN_KEY = 'aegis.console.token';
const listeners = new Set();

/** Thrown for every non-2xx answer; status 0 means the node could not be reached. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.violations = body && Array.isArray(body.violations) ? body.violations : [];
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  set(token) { sessionStorage.setItem(TOKEN_KEY, token); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); },
  /** fn(error) runs whenever the node answers 401: the token is no longer valid. */
  onUnauthorized(fn) { listeners.add(fn); },
};

export function authHeaders(extra = {}) {
  return { Authorization: `Bearer ${session.token()}`, ...extra };
}

/** Calls the API; body objects are sent as JSON, strings as they are (with the given contentType). */
export async function api(path, { method = 'GET', body, contentType, headers = {}, signal } = {}) {
  const init = { method, signal, cache: 'no-store', headers: authHeaders({ Accept: 'application/json', ...headers }) };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] = contentType || 'application/json';
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { error: 'the node could not be reached; check the connection and retry' });
  }
  const json = await readJson(response);
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (response.status === 401) listeners.forEach((fn) => fn(error));
    throw error;
  }
  return json;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { error: text.slice(0, 500) };
  }
}

/** Builds a query string from the non-empty entries of params. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Answers whether the token's roles pass path's security check: 403 = no; 404, 422, 503 = yes. */
export async function allowed(path) {
  try {
    await api(path);
    return true;
  } catch (e) {
    if (e.status === 403) return false;
    if (e.status === 401 || e.status === 0) throw e;
    return true;
  }
}
