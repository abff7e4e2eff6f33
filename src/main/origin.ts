/**
 * Where the app itself lives. The renderer is served from `app://comptoir/` rather than from the gateway's
 * `http://127.0.0.1:<port>` so that its origin (and with it IndexedDB, the local replica) stays the same on every
 * launch, whatever port the gateway is given.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'comptoir';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for any URL on our own origin. Compared field by field: WHATWG `URL.origin` is the string "null" for
 * schemes Node does not know as special, so it cannot be compared directly.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** The only links allowed to leave the app: plain http(s) with a host and no embedded credentials. */
export function isExternalHttpUrl(url: string): boolean {
  const u = parse(url);
  if (u === null) return false;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return u.hostname !== '' && u.username === '' && u.password === '';
}
