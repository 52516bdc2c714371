// A custom web page's script: it runs from the SmartServer itself, so it sends no token; the
// browser's session cookie, set by the SmartServer's login page, goes with every request.

/** The SmartServer's root as the page sees it: '' on a SmartServer, /smartservers/{installCode} on the emulator. */
export function rootOf(pathname) {
  const at = pathname.indexOf('/user/pages/');
  return at < 0 ? '' : pathname.slice(0, at);
}

/** Where the login page is, coming back to `page` afterwards. */
export function loginUrl(root, page) {
  return `${root}/user/login.html?next=${encodeURIComponent(page)}`;
}

/** Thrown when the session is missing or over: the page then sends the browser to `login`. */
export class LoginNeeded extends Error {
  constructor(login) {
    super(`log in first: ${login}`);
    this.login = login;
  }
}

/**
 * Reads every value of the datapoints tagged `tag`, page by page: the first page takes a
 * snapshot, and the next ones name it with xs, until no page remains.
 */
export async function readTagged(tag, { root = '', page = `${root}/user/pages/datapoints.html`, pageSize = 20, fetchImpl = fetch } = {}) {
  const resources = [];
  let snapshot = '';
  for (let pg = 1; ; pg++) {
    const query = `pg=${pg}&sz=${pageSize}${snapshot ? `&xs=${encodeURIComponent(snapshot)}` : ''}`;
    const response = await fetchImpl(`${root}/iap/devs/*/if/*/*/*+tag==${encodeURIComponent(tag)}/value?${query}`, { credentials: 'same-origin' });
    if (response.status === 401) throw new LoginNeeded(loginUrl(root, page));
    if (!response.ok) throw new Error(`the SmartServer answered ${response.status}: ${await response.text()}`);
    const answer = await response.json();
    snapshot = answer.snapshot;
    resources.push(...answer.resources);
    if (answer.remainingPages === 0) return { pages: pg, resources };
  }
}

/** The rows of the page's table: device, block, datapoint, value. */
export function rowsOf(resources) {
  return resources.map((r) => [r.deviceName, `${r.blockName}[${r.blockIndex}]`, r.datapointName, String(r.value)]);
}

/** Fills the page's table, or goes to the login page when the session is missing. */
export async function showTagged(document, location, tag) {
  const root = rootOf(location.pathname);
  try {
    const { resources } = await readTagged(tag, { root, page: location.pathname });
    const body = document.querySelector('tbody');
    body.replaceChildren(
      ...rowsOf(resources).map((cells) => {
        const row = document.createElement('tr');
        for (const text of cells) row.appendChild(Object.assign(document.createElement('td'), { textContent: text }));
        return row;
      }),
    );
  } catch (error) {
    if (error instanceof LoginNeeded) location.assign(error.login);
    else document.querySelector('output').textContent = String(error.message);
  }
}
