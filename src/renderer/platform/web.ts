import { SessionSchema, type Session } from '../../core';
import { isExternalLink } from './links';
import { SESSION_CHANGED_EVENT, type Platform } from './platform';

export const TOKEN_STORAGE_KEY = 'comptoir:token';
const BADGE_PREFIX = /^\(\d+\) /;

/**
 * The browser build: the gateway that served the page is the one to sync with. A token arrives once in the
 * address (`#token=...`, a fragment so it never reaches a server log), is kept in localStorage and taken out
 * of the address bar so it is not bookmarked, shared or left in the history.
 */
export function createWebPlatform(): Platform {
  const clickListeners = new Set<(threadId: string) => void>();

  const storage = (): Storage | null => {
    try {
      return window.localStorage;
    } catch {
      return null; // storage disabled by the browser's privacy settings
    }
  };
  const changed = () => window.dispatchEvent(new Event(SESSION_CHANGED_EVENT));

  // A new address pasted into an open tab (each `npm run web` prints a new token) changes only the fragment, so
  // the page does not reload: take the token here, or it would stay in the address bar and be ignored.
  window.addEventListener('hashchange', () => {
    const token = takeTokenFromAddress();
    if (token === null) return;
    storage()?.setItem(TOKEN_STORAGE_KEY, token);
    changed();
  });

  askForNotificationsAtFirstGesture();

  return {
    kind: 'web',
    async getSession(): Promise<Session | null> {
      const fromUrl = takeTokenFromAddress();
      if (fromUrl !== null) storage()?.setItem(TOKEN_STORAGE_KEY, fromUrl);
      const token = fromUrl ?? storage()?.getItem(TOKEN_STORAGE_KEY) ?? null;
      if (token === null) return null;
      const parsed = SessionSchema.safeParse({ gatewayUrl: window.location.origin, token });
      return parsed.success ? parsed.data : null;
    },
    saveToken(token) {
      storage()?.setItem(TOKEN_STORAGE_KEY, token.trim());
      changed();
    },
    forgetToken() {
      storage()?.removeItem(TOKEN_STORAGE_KEY);
      changed();
    },
    notify({ title, body, threadId }) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const notification = new Notification(title, { body, tag: threadId });
      notification.onclick = () => {
        window.focus();
        notification.close();
        for (const listener of clickListeners) listener(threadId);
      };
    },
    setBadge(count) {
      const base = document.title.replace(BADGE_PREFIX, '');
      document.title = count > 0 ? `(${count}) ${base}` : base;
    },
    openExternal(url) {
      if (isExternalLink(url)) window.open(url, '_blank', 'noopener,noreferrer');
    },
    onNotificationClick(listener) {
      clickListeners.add(listener);
      return () => clickListeners.delete(listener);
    },
  };
}

/** Reads `token` from the address's fragment and rewrites the address without it. */
function takeTokenFromAddress(): string | null {
  const { hash, pathname, search } = window.location;
  if (!hash.startsWith('#')) return null;
  const params = new URLSearchParams(hash.slice(1));
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  window.history.replaceState(window.history.state, '', `${pathname}${search}${rest ? `#${rest}` : ''}`);
  return token.trim();
}

let askingAtGesture = false;

/**
 * Browsers grant notifications only in answer to a user gesture: ask at the agent's first click or key press
 * (once per page, however many platforms are made), not later from a background message, where the request
 * would be refused or shown as a hidden, quiet prompt.
 */
function askForNotificationsAtFirstGesture(): void {
  if (askingAtGesture || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  askingAtGesture = true;
  const ask = () => {
    window.removeEventListener('pointerdown', ask, true);
    window.removeEventListener('keydown', ask, true);
    askingAtGesture = false;
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
  };
  window.addEventListener('pointerdown', ask, true);
  window.addEventListener('keydown', ask, true);
}
