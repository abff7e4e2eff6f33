import type { DesktopApi, Session } from '../../core';
import { createElectronPlatform } from './electron';
import { createWebPlatform } from './web';

export interface Platform {
  kind: 'electron' | 'web';
  /** electron: window.comptoir.getSession(); web: gatewayUrl = location.origin, token from `#token=...` in the
   *  URL (then removed from the address bar with history.replaceState) or from localStorage; null if none. */
  getSession(): Promise<Session | null>;
  /** web only (the sign-in screen, where a user pastes a token); electron: no-op. */
  saveToken(token: string): void;
  forgetToken(): void;
  notify(n: { title: string; body: string; threadId: string }): void; // web: Notification API when permitted
  setBadge(count: number): void; // web: document.title prefix "(3) "
  openExternal(url: string): void; // only http(s)
  onNotificationClick(listener: (threadId: string) => void): () => void;
}

/**
 * Fired on `window` when the web platform's token changes (saved on the sign-in screen, or forgotten), so the
 * bootstrap starts again with the new session without a page reload.
 */
export const SESSION_CHANGED_EVENT = 'comptoir:session-changed';

/** The preload's API, if this renderer runs inside Comptoir's Electron window. */
export function desktopApi(): DesktopApi | undefined {
  return (window as unknown as { comptoir?: DesktopApi }).comptoir;
}

export function detectPlatform(): Platform {
  const api = desktopApi();
  return api ? createElectronPlatform(api) : createWebPlatform();
}
