import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { decideNavigation, decidePermission, decideWindowOpen } from './navigation';

/** Matches the renderer's body colour (Mantine's white and dark-7), so no white flash before the first paint. */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#242424' } as const;

export interface WindowSettings {
  preloadPath: string;
  dark: boolean;
}

/**
 * Every renderer-facing switch is spelled out, even where it is Electron's default: the test reads this object,
 * and a default that changes upstream must not quietly change our exposure.
 */
export function buildWindowOptions(settings: WindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Comptoir',
    backgroundColor: settings.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    autoHideMenuBar: true,
    webPreferences: {
      preload: settings.preloadPath,
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
    },
  };
}

const guarded = new WeakSet<WebContents>();

/**
 * Keeps a web contents on our origin: navigation and redirects elsewhere are cancelled, no window ever opens
 * (http(s) links go to the user's browser instead) and no <webview> can attach. Idempotent, so it can run both
 * from the window factory and from `web-contents-created`.
 */
export function guardWebContents(
  contents: WebContents,
  openExternal: (url: string) => void,
  log: (line: string) => void,
): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const stayHome = (event: { url: string; preventDefault(): void }): void => {
    const decision = decideNavigation(event.url);
    if (decision.kind === 'deny') {
      event.preventDefault();
      log(decision.reason);
    }
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('refused to attach a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.kind === 'open-external') openExternal(decision.url);
    else log(decision.reason);
    return { action: 'deny' };
  });
}

/** Chromium permission prompts: notifications for our origin, nothing else. */
export function hardenSession(session: Session, log: (line: string) => void): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const requestingUrl =
      'requestingUrl' in details && details.requestingUrl ? details.requestingUrl : contents.getURL();
    const allowed = decidePermission(permission, requestingUrl);
    if (!allowed) log(`permission refused: ${permission} for ${requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin),
  );
}

export interface MainWindowOptions extends WindowSettings {
  openExternal: (url: string) => void;
  log: (line: string) => void;
}

/** The inbox window: hidden until its first paint is ready, then shown. The caller loads the app URL. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(buildWindowOptions(options));
  guardWebContents(window.webContents, options.openExternal, options.log);
  window.once('ready-to-show', () => window.show());
  return window;
}
