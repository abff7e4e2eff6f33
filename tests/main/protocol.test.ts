import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppPath } from '../../src/main/protocol';

const CSP = "default-src 'none'; script-src 'self'; connect-src http://127.0.0.1:1234 ws://127.0.0.1:1234";

let base: string;
let root: string;
let logs: string[];
let handle: (request: Request) => Promise<Response>;

beforeEach(() => {
  // The renderer build sits next to a secret that no app:// URL may reach.
  base = mkdtempSync(join(tmpdir(), 'comptoir-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Comptoir</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("inbox")');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'gateway admin token');
  logs = [];
  handle = createAppProtocolHandler({ rootDir: root, contentSecurityPolicy: CSP, log: (line) => logs.push(line) });
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol', () => {
  it('is registered as standard and secure, with fetch, and without CORS', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect('corsEnabled' in APP_SCHEME_PRIVILEGES).toBe(false);
  });

  it('serves the renderer’s files with their type and the CSP', async () => {
    const page = await get('app://comptoir/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Comptoir</title>');

    const script = await get('app://comptoir/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CSP);
    expect(await script.text()).toBe('console.log("inbox")');
    expect((await get('app://comptoir/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves index.html for the root and for app views, but 404s a missing asset', async () => {
    expect(await (await get('app://comptoir/')).text()).toContain('Comptoir');
    expect(await (await get('app://comptoir/threads/42')).text()).toContain('Comptoir');
    const missing = await get('app://comptoir/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CSP);
  });

  it('refuses every way of climbing out of the renderer folder', async () => {
    for (const url of [
      'app://comptoir/..%2fsecret.txt',
      'app://comptoir/%2e%2e/secret.txt',
      'app://comptoir/%2e%2e%2fsecret.txt',
      'app://comptoir/assets/..%2f..%2fsecret.txt',
      'app://comptoir/..%5csecret.txt',
      'app://comptoir/%00index.html',
      'app://comptoir/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain('admin token');
      expect(response.headers.get('content-security-policy')).toBe(CSP);
    }
    // Whatever URL parsing leaves of a plain `..` stays inside the root.
    const collapsed = await get('app://comptoir/../secret.txt');
    expect(await collapsed.text()).not.toContain('admin token');
  });

  it('names the traversal in the path resolution and logs each refusal', async () => {
    expect(resolveAppPath('app://comptoir/..%2f..%2fetc/passwd', root)).toEqual({
      kind: 'refuse',
      status: 403,
      reason: 'path traversal',
    });
    await get('app://comptoir/..%2fsecret.txt');
    expect(logs).toEqual(['app protocol: 403 path traversal']);
  });

  it('answers only its own host and only reads', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://comptoir/index.html', 'POST')).status).toBe(405);
    const head = await get('app://comptoir/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
