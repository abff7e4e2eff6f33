import type { Session } from '../../core';

/**
 * Plain HTTP to the gateway (files: media, the template library). The session token travels in the
 * Authorization header, never in a URL (URLs end up in logs, the history and `src` attributes).
 */
export interface GatewayHttp {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export function createGatewayHttp(session: Session, doFetch: typeof fetch = (i, init) => fetch(i, init)): GatewayHttp {
  const base = session.gatewayUrl.endsWith('/') ? session.gatewayUrl : `${session.gatewayUrl}/`;
  return {
    fetch: (path, init = {}) =>
      doFetch(new URL(path, base).href, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${session.token}` },
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      }),
  };
}

/** The gateway answers errors as `{ ok: false, error }`; anything else is summed up by its status. */
export async function errorText(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') {
      return body.error.slice(0, 300);
    }
  } catch {
    // not JSON
  }
  return '';
}
