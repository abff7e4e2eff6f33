import { join } from 'node:path';
import { app, dialog, ipcMain, nativeTheme, protocol, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { startGateway, type RunningGateway } from '../gateway';
import { CHANNEL_SECRETS_FILE, createChannelSecretsFile } from './channel-secrets';
import { envChannelsConfig, openChannelSettings } from './channel-settings';
import { buildContentSecurityPolicy } from './csp';
import { createDesktopHandlers } from './desktop-handlers';
import { createIpcRouter, registerIpcHandlers } from './ipc';
import { createQuitGuard, newLaunchToken } from './lifecycle';
import { createNativeServices, revealWindow } from './native';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './origin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { createMainWindow, guardWebContents, hardenSession } from './window';

// The Electron glue: every decision lives in the modules imported above, which are tested without Electron.

const log = (line: string): void => console.log(`[main] ${line}`);

// Privileged schemes can only be declared before `ready`.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

// A separate profile per run for tests and side-by-side demos; set before the single-instance lock, which is
// held per profile.
const userDataOverride = process.env['COMPTOIR_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);

let gatewayStarting: Promise<RunningGateway> | null = null;
let mainWindow: BrowserWindow | null = null;

const openExternal = (url: string): void => {
  shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${String(error)}`));
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) revealWindow(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal, log));
  app.on('before-quit', createQuitGuard({ close: closeGateway, quit: () => app.quit(), log }));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Ctrl+C in the terminal that ran `npm start`: quit through the guard so the store closes cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(launch)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`startup failed: ${message}`);
      dialog.showErrorBox('Comptoir could not start', message);
      process.exitCode = 1;
      app.quit();
    });
}

async function closeGateway(): Promise<void> {
  const running = await gatewayStarting?.catch(() => null);
  gatewayStarting = null;
  await running?.close();
}

async function launch(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('app.comptoir.desktop');
  const token = newLaunchToken();
  // Read after `ready`: safeStorage cannot decrypt before it. Environment variables win over saved values.
  const channelSettings = await openChannelSettings({
    file: createChannelSecretsFile({
      path: join(app.getPath('userData'), CHANNEL_SECRETS_FILE),
      cipher: safeStorage,
      platform: process.platform,
      log,
    }),
    env: envChannelsConfig(process.env, log),
    processEnv: process.env,
    log,
  });
  gatewayStarting = startGateway({
    dataDir: join(app.getPath('userData'), 'gateway'),
    demo: true,
    host: '127.0.0.1',
    port: 0,
    adminToken: token,
    allowedOrigins: [APP_ORIGIN],
    // The renderer comes through app://, not from the gateway.
    staticDir: null,
    resourcesDir: join(app.getAppPath(), 'resources'),
    channels: channelSettings.config(),
    orders: channelSettings.shopConfig(),
    log: (line) => console.log(`[gateway] ${line}`),
  });
  const gateway = await gatewayStarting;
  log(`gateway listening on ${gateway.url}`);

  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rootDir: join(__dirname, '../renderer'),
      contentSecurityPolicy: buildContentSecurityPolicy(gateway.url),
      log,
    }),
  );
  hardenSession(session.defaultSession, log);

  const services = createNativeServices({
    session: { gatewayUrl: gateway.url, token: gateway.token ?? token },
    window: () => mainWindow,
    log,
  });
  const router = createIpcRouter({
    handlers: createDesktopHandlers(services, {
      settings: channelSettings,
      gateway: gateway.channels,
      orders: gateway.orders,
    }),
    trustedContentsId: () => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null),
    log,
  });
  registerIpcHandlers(ipcMain, router);

  openWindow();
  app.on('activate', () => {
    if (mainWindow === null) openWindow();
  });
}

function openWindow(): void {
  const window = createMainWindow({
    preloadPath: join(__dirname, '../preload/index.js'),
    dark: nativeTheme.shouldUseDarkColors,
    openExternal,
    log,
  });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log(`the inbox failed to load: ${String(error)}`));
}
