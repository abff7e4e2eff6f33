/**
 * The Content Security Policy every `app://comptoir/` response carries. Scripts and styles come only from the
 * app's own files; the network is the embedded gateway and nothing else, so even an injected script could not
 * send the inbox anywhere. `'unsafe-inline'` for styles only: Mantine sets style attributes and injects its CSS
 * variables at run time; inline scripts stay forbidden.
 */
export function buildContentSecurityPolicy(gatewayUrl: string): string {
  const http = new URL(gatewayUrl);
  if (http.protocol !== 'http:' && http.protocol !== 'https:') {
    throw new Error(`the gateway URL must be http(s), got ${gatewayUrl}`);
  }
  const ws = `${http.protocol === 'https:' ? 'wss:' : 'ws:'}//${http.host}`;
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', http.origin],
    // Customers' audio and video are fetched with the token, then played from blob: URLs.
    ['media-src', "'self'", 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', http.origin, ws],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
