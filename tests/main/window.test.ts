import * as electronModule from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  buildWindowOptions,
  createMainWindow,
  guardWebContents,
  hardenSession,
  WINDOW_BACKGROUND,
} from '../../src/main/window';
import { FakeSession, FakeWebContents, type FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
const electron = electronModule as unknown as FakeElectron;

type GuardedContents = Parameters<typeof guardWebContents>[0];
type HardenedSession = Parameters<typeof hardenSession>[0];

function navigationEvent(url: string) {
  const event = { url, prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

let logs: string[];
let opened: string[];
beforeEach(() => {
  logs = [];
  opened = [];
});

describe('window options', () => {
  const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.js', dark: false });

  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    });
  });

  it('opens hidden at a sensible size with the theme’s background', () => {
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 960, minHeight: 600, show: false });
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    expect(buildWindowOptions({ preloadPath: 'p', dark: true }).backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });
});

describe('navigation guard on a web contents', () => {
  function guarded() {
    const contents = new FakeWebContents();
    guardWebContents(
      contents as unknown as GuardedContents,
      (url) => opened.push(url),
      (line) => logs.push(line),
    );
    return contents;
  }

  it('cancels navigation and redirects to foreign URLs', () => {
    const contents = guarded();
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:1234/']) {
        const e = navigationEvent(url);
        contents.emit(event, e);
        expect(e.prevented, `${event} ${url}`).toBe(true);
      }
    }
    expect(logs).toHaveLength(6);
    expect(opened).toEqual([]);
  });

  it('lets the app move within its own origin', () => {
    const contents = guarded();
    const e = navigationEvent('app://comptoir/index.html');
    contents.emit('will-navigate', e);
    contents.emit('will-redirect', e);
    expect(e.prevented).toBe(false);
    expect(logs).toEqual([]);
  });

  it('denies every window.open, opening only http(s) links in the browser', () => {
    const contents = guarded();
    const open = (url: string) => contents.openHandler?.({ url });
    expect(open('https://shop.example/track/42')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id', 'app://comptoir/index.html']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://shop.example/track/42', 'http://example.com/']);
    expect(logs).toHaveLength(4);
  });

  it('refuses to attach a webview and guards a contents only once', () => {
    const contents = guarded();
    guardWebContents(
      contents as unknown as GuardedContents,
      (url) => opened.push(url),
      (line) => logs.push(line),
    );
    expect(contents.listenerCount('will-navigate')).toBe(1);
    const e = navigationEvent('');
    contents.emit('will-attach-webview', e);
    expect(e.prevented).toBe(true);
  });
});

describe('session permissions', () => {
  function hardened() {
    const session = new FakeSession();
    hardenSession(session as unknown as HardenedSession, (line) => logs.push(line));
    return session;
  }

  function request(session: FakeSession, permission: string, requestingUrl: string): boolean {
    let granted: boolean | undefined;
    session.requestHandler?.(new FakeWebContents(), permission, (g) => (granted = g), { requestingUrl });
    if (granted === undefined) throw new Error('the handler never answered');
    return granted;
  }

  it('grants notifications to the app and nothing else to anyone', () => {
    const session = hardened();
    expect(request(session, 'notifications', 'app://comptoir/index.html')).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'usb', 'fullscreen']) {
      expect(request(session, permission, 'app://comptoir/index.html'), permission).toBe(false);
    }
    expect(request(session, 'notifications', 'https://evil.example/')).toBe(false);
    expect(logs).toHaveLength(7);
  });

  it('answers permission checks the same way', () => {
    const session = hardened();
    expect(session.checkHandler?.(null, 'notifications', 'app://comptoir')).toBe(true);
    expect(session.checkHandler?.(null, 'media', 'app://comptoir')).toBe(false);
    expect(session.checkHandler?.(null, 'notifications', 'https://evil.example')).toBe(false);
  });

  it('falls back to the page URL when a request names no requesting URL', () => {
    const session = hardened();
    const contents = new FakeWebContents();
    contents.url = 'app://comptoir/index.html';
    let granted: boolean | undefined;
    session.requestHandler?.(contents, 'notifications', (g) => (granted = g), {});
    expect(granted).toBe(true);
  });
});

describe('main window', () => {
  it('is built from the hardened options, guarded, and shown only when ready', () => {
    const window = createMainWindow({
      preloadPath: '/p.js',
      dark: true,
      openExternal: (url) => opened.push(url),
      log: (line) => logs.push(line),
    });
    const fake = window as unknown as InstanceType<FakeElectron['BrowserWindow']>;
    expect(fake.options).toEqual(buildWindowOptions({ preloadPath: '/p.js', dark: true }));
    expect(fake.show).not.toHaveBeenCalled();
    fake.emit('ready-to-show');
    expect(fake.show).toHaveBeenCalledTimes(1);
    const e = navigationEvent('https://evil.example/');
    fake.webContents.emit('will-navigate', e);
    expect(e.prevented).toBe(true);
    expect(fake.webContents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/']);
    expect(electron.BrowserWindow.instances).toContain(fake);
  });
});
