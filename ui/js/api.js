// kioskd's HTTP API (docs/sessions.md). Every call either returns the parsed JSON body or throws an
// ApiError carrying the HTTP status and the RFC 9457 problem document.

export class ApiError extends Error {
  constructor(status, problem, network = false) {
    super(problem?.detail || problem?.title || (network ? 'network error' : `HTTP ${status}`));
    this.status = status;
    this.problem = problem ?? null;
    this.network = network;
  }
}

const TIMEOUT_MS = 15000;

async function call(method, path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch (error) {
    throw new ApiError(0, null, true);
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204) return null;
  let payload = null;
  const text = await response.text();
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

export const api = {
  services: () => call('GET', '/api/v1/services').then((body) => body?.services ?? []),
  startSession: (service, language, elderly) => call('POST', '/api/v1/sessions', { service, language, elderly }),
  session: (id) => call('GET', `/api/v1/sessions/${encodeURIComponent(id)}`),
  currentSession: () => call('GET', '/api/v1/sessions/current'),
  input: (id, input) => call('POST', `/api/v1/sessions/${encodeURIComponent(id)}/input`, input),
  cancel: (id) => call('DELETE', `/api/v1/sessions/${encodeURIComponent(id)}`),
};
