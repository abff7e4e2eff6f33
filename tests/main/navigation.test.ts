import { describe, expect, it } from 'vitest';
import { decideNavigation, decidePermission, decideWindowOpen } from '../../src/main/navigation';
import { APP_ENTRY_URL, isAppUrl, isExternalHttpUrl } from '../../src/main/origin';

describe('our origin', () => {
  it('recognises app://comptoir and nothing that merely looks like it', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://comptoir')).toBe(true);
    expect(isAppUrl('app://comptoir/assets/index.js?x=1#y')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://comptoir.evil.com/',
      'app://user:pw@comptoir/',
      'https://comptoir/',
      'http://127.0.0.1:8787/',
      'file:///etc/passwd',
      'comptoir',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('lets only plain http(s) links out', () => {
    expect(isExternalHttpUrl('https://example.com/order/42')).toBe(true);
    expect(isExternalHttpUrl('http://example.com')).toBe(true);
    for (const url of ['https://user:pw@example.com/', 'ftp://example.com', 'mailto:a@b.c', 'https://', 'not a url']) {
      expect(isExternalHttpUrl(url), url).toBe(false);
    }
  });
});

describe('navigation guard', () => {
  it('allows navigation within the app', () => {
    expect(decideNavigation('app://comptoir/index.html')).toEqual({ kind: 'allow' });
    expect(decideNavigation('app://comptoir/threads/42')).toEqual({ kind: 'allow' });
  });

  it('denies every foreign URL, with the reason', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8787/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://other/index.html',
    ]) {
      const decision = decideNavigation(url);
      expect(decision.kind, url).toBe('deny');
      if (decision.kind === 'deny') expect(decision.reason).toContain(url);
    }
  });
});

describe('window.open', () => {
  it('sends http(s) links to the system browser', () => {
    expect(decideWindowOpen('https://shop.example/track?id=1')).toEqual({
      kind: 'open-external',
      url: 'https://shop.example/track?id=1',
    });
    expect(decideWindowOpen('http://example.com/').kind).toBe('open-external');
  });

  it('opens nothing for file:, javascript:, data: or custom schemes, nor for our own origin', () => {
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'data:text/html,hi',
      'ms-msdt:/id PCWDiagnostic',
      'slack://open',
      'app://comptoir/index.html',
      'about:blank',
    ]) {
      expect(decideWindowOpen(url).kind, url).toBe('deny');
    }
  });
});

describe('permissions', () => {
  it('grants notifications to our origin only', () => {
    expect(decidePermission('notifications', 'app://comptoir')).toBe(true);
    expect(decidePermission('notifications', 'app://comptoir/index.html')).toBe(true);
    expect(decidePermission('notifications', 'https://example.com')).toBe(false);
  });

  it('refuses everything else, even to our origin', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'unknown']) {
      expect(decidePermission(permission, 'app://comptoir'), permission).toBe(false);
    }
  });
});
