/**
 * The emulator's REST API as the pages call it: JSON in and out, and every refusal (RFC 9457
 * problem details) turned into a ProblemError the page shows as it came. The pages decide nothing
 * the API does not decide.
 */
export class ProblemError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'The request was refused.');
    this.problem = problem;
  }
}

export async function api(method, path, options = {}) {
  return (await exchange(method, path, options)).data;
}

/**
 * One page of a list the API answers a page at a time: its items, the total (X-Total-Count) and
 * the cursor of the next page (X-Next-Cursor), when there is one.
 */
export async function apiPage(path, { token, cursor } = {}) {
  const url = cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path;
  const { data, headers } = await exchange('GET', url, { token });
  return { items: data, total: Number(headers.get('x-total-count') ?? data.length), nextCursor: headers.get('x-next-cursor') ?? undefined };
}

async function exchange(method, path, { body, token } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ProblemError({ status: 0, code: 'unreachable', title: 'No answer', detail: 'The emulator did not answer; is it still running?' });
  }
  const text = await response.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    throw new ProblemError(
      data && typeof data === 'object'
        ? data
        : { status: response.status, code: 'unexpected-answer', title: response.statusText, detail: text || `HTTP ${response.status}` },
    );
  }
  return { data, headers: response.headers };
}

/** Login sessions, one per portal, kept for the browser tab only (sessionStorage). */
export const sessions = {
  read(key) {
    try {
      return JSON.parse(sessionStorage.getItem(key) || 'null');
    } catch {
      return null;
    }
  },
  write(key, value) {
    sessionStorage.setItem(key, JSON.stringify(value));
  },
  clear(key) {
    sessionStorage.removeItem(key);
  },
};

/** A file the API returned as text, saved by the browser under its own name. */
export function download(fileName, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
