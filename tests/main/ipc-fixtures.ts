import type { DesktopServices } from '../../src/main/desktop-handlers';
import type { IpcCallEvent } from '../../src/main/ipc';

/** The inbox window's id in the IPC tests that go through the real router. */
export const WINDOW_ID = 3;

/** A call from the inbox window (or, with another url, from a page that is not the app). */
export const fromInbox = (url = 'app://comptoir/index.html'): IpcCallEvent => ({
  sender: { id: WINDOW_ID },
  senderFrame: { url, parent: null },
});

/** Native services for tests that exercise other channels: none of these is called. */
export const unusedServices: DesktopServices = {
  session: () => ({ gatewayUrl: 'http://127.0.0.1:1', token: 'x'.repeat(20) }),
  isWindowFocused: () => true,
  showNotification: () => undefined,
  setBadgeCount: () => undefined,
  openExternal: async () => undefined,
};
