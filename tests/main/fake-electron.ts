import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module, which cannot load on this machine (no binary). Only the surface the main
 * process touches; each test file gets a fresh copy through `vi.mock('electron', ...)`.
 */
let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  focused = false;
  destroyed = false;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly setOverlayIcon = vi.fn();
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeNotification extends EventEmitter {
  static readonly instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  readonly show = vi.fn();
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
}

type PermissionRequestHandler = (
  contents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
type PermissionCheckHandler = (contents: FakeWebContents | null, permission: string, origin: string) => boolean;

export class FakeSession {
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }
}

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>([['userData', '/nonexistent/user-data']]);
  ready: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.ready = resolve;
  });
  readonly quit = vi.fn(() => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  });
  quitted = false;
  singleInstance = true;
  appPath = '/nonexistent/app';
  readonly setBadgeCount = vi.fn(() => true);
  readonly setAppUserModelId = vi.fn();
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/nonexistent/${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return this.appPath;
  }
}

/**
 * safeStorage with real encryption (AES-GCM under a key that lives only in this object), so a test can show that
 * what reaches the disk is not the plain text, and that a tampered blob fails to decrypt as the real one does.
 */
export class FakeSafeStorage {
  available = true;
  backend = 'gnome_libsecret';
  private readonly key = randomBytes(32);
  readonly encryptString = vi.fn((plainText: string): Buffer => {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
  });
  readonly decryptString = vi.fn((encrypted: Buffer): string => {
    if (!this.available)
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(3, 15));
    decipher.setAuthTag(encrypted.subarray(15, 31));
    return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
  });
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

type IpcListener = (event: unknown, ...args: unknown[]) => unknown;

export function createFakeElectron() {
  const ipcHandlers = new Map<string, IpcListener>();
  const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    session: { defaultSession: new FakeSession() },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    nativeImage: {
      createFromBitmap: vi.fn((buffer: Buffer, size: { width: number; height: number }) => ({ buffer, size })),
    },
    nativeTheme: { shouldUseDarkColors: false },
    dialog: { showErrorBox: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handlers: new Map<string, (request: Request) => Promise<Response>>(),
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        this.handlers.set(scheme, handler);
      },
    },
    ipcMain: {
      handlers: ipcHandlers,
      handle: vi.fn((channel: string, listener: IpcListener) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, listener);
      }),
    },
    ipcRenderer: {
      listeners: rendererListeners,
      invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        const set = rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        rendererListeners.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        rendererListeners.get(channel)?.delete(listener);
      }),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    safeStorage: new FakeSafeStorage(),
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
