import { app, Notification, nativeImage, shell, type BrowserWindow, type NativeImage } from 'electron';
import { NOTIFICATION_CLICK_CHANNEL, type Session } from '../core/ipc/contract';
import { unreadDotBitmap } from './badge-icon';
import type { DesktopServices } from './desktop-handlers';
import { notificationBody } from './notification-text';

export interface NativeServicesOptions {
  session: Session;
  /** The inbox window, or null while there is none (macOS keeps running with no window). */
  window: () => BrowserWindow | null;
  log: (line: string) => void;
  platform?: NodeJS.Platform;
}

/** Brings the inbox to the front, restoring it if minimised. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Electron's side of the IPC handlers: native notifications, the unread badge and the system browser. */
export function createNativeServices(options: NativeServicesOptions): DesktopServices {
  const platform = options.platform ?? process.platform;
  const live = new Set<Notification>();
  let overlay: NativeImage | null = null;
  const current = (): BrowserWindow | null => {
    const window = options.window();
    return window !== null && !window.isDestroyed() ? window : null;
  };

  return {
    session: () => options.session,
    isWindowFocused: () => current()?.isFocused() ?? false,
    showNotification({ title, body, threadId }) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body: notificationBody(body, platform) });
      // Held until clicked or closed: a notification that is garbage-collected loses its click handler.
      live.add(notification);
      notification.on('close', () => live.delete(notification));
      notification.on('click', () => {
        live.delete(notification);
        const window = current();
        if (window === null) return;
        revealWindow(window);
        window.webContents.send(NOTIFICATION_CLICK_CHANNEL, threadId);
      });
      notification.show();
    },
    setBadgeCount(count) {
      // macOS dock and Linux launchers that support it; a no-op elsewhere.
      app.setBadgeCount(count);
      const window = current();
      if (platform === 'win32' && window !== null) {
        overlay ??= nativeImage.createFromBitmap(unreadDotBitmap(16), { width: 16, height: 16 });
        window.setOverlayIcon(count > 0 ? overlay : null, count > 0 ? `${count} unread` : '');
      }
    },
    openExternal: (url) => shell.openExternal(url),
  };
}
