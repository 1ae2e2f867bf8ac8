// The node's JSON API. A person signs in with user name and password: the node then keeps the
// session in an HttpOnly cookie the page never sees, and every call carries the header the node
// requires of cookie-authenticated writes (X-Requested-With). With the "API token" option the
// pasted token is sent as Authorization: Bearer instead. Errors keep the API's one error shape
// {"error", "violations": [{"field", "message"}]}.

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

/** The token (when signed in with one) or the session cookie's cross-site request forgery header. */
export function authHeaders(extra = {}) {
  const token = session.token();
  return token ? { Authorization: `Bearer ${token}`, ...extra } : { 'X-Requested-With': 'aegis-console', ...extra };
}

/** Signs in with user name and password; the node sets the session cookie. Throws ApiError (401, 422, 429). */
export async function signIn(username, password) {
  session.clear();
  return api('/login', { method: 'POST', body: { username, password } });
}

/** How this node lets people sign in: {password: true, oidc: null or {name, url}}; null when it cannot tell. */
export async function signInOptions() {
  try {
    return await api('/login/options');
  } catch {
    return null;
  }
}

/** Ends the cookie session (the node clears the cookie) and forgets any token of this tab. */
export async function signOut() {
  const hadToken = Boolean(session.token());
  session.clear();
  if (!hadToken) {
    try {
      await api('/logout', { method: 'POST' });
    } catch {
      // signed out locally either way; the cookie also ends with the session's expiry
    }
  }
}

/** Calls the API; body objects are sent as JSON, strings as they are (with the given contentType). */
export async function api(path, { method = 'GET', body, contentType, headers = {}, signal } = {}) {
  const init = {
    method, signal, cache: 'no-store', credentials: 'same-origin',
    headers: authHeaders({ Accept: 'application/json', ...headers }),
  };
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
    if (response.status === 401 && path !== '/login') listeners.forEach((fn) => fn(error));
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
