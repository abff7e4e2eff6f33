import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../src/main/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('content security policy', () => {
  it('lets the page talk to the gateway and to nothing else', () => {
    const csp = directives(buildContentSecurityPolicy('http://127.0.0.1:49152'));
    expect(csp.get('connect-src')).toEqual(['http://127.0.0.1:49152', 'ws://127.0.0.1:49152']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it('shows customers’ media from blob: URLs (fetched with the token), and nothing from elsewhere', () => {
    const csp = directives(buildContentSecurityPolicy('http://127.0.0.1:49152'));
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'http://127.0.0.1:49152']);
  });

  it('runs only the app’s own scripts: no inline, no eval, no plugins, no frames', () => {
    const csp = directives(buildContentSecurityPolicy('http://127.0.0.1:8787/'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('uses wss for an https gateway and refuses other schemes', () => {
    const csp = directives(buildContentSecurityPolicy('https://gateway.example:8443'));
    expect(csp.get('connect-src')).toEqual(['https://gateway.example:8443', 'wss://gateway.example:8443']);
    expect(() => buildContentSecurityPolicy('file:///tmp/x')).toThrow(/http/);
  });
});
