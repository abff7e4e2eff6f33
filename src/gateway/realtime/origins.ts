import type { IncomingHttpHeaders } from 'node:http';

/** The Electron window's origin (a privileged custom protocol, see docs/decisions.md §5). */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['app://comptoir'];

/**
 * Which browser origins may use the gateway: its own (the page it served, whatever name it was reached by) and a
 * configured list. A request with no Origin header is not from a browser page (Node, curl) and is allowed; the
 * token still decides.
 */
export type OriginCheck = (req: { headers: IncomingHttpHeaders }) => boolean;

export function originPolicy(allowedOrigins: readonly string[]): OriginCheck {
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return (req) => {
    const origin = req.headers.origin?.toLowerCase();
    if (origin === undefined) return true;
    if (allowed.has(origin)) return true;
    const host = req.headers.host?.toLowerCase();
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  };
}
