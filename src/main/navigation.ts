import { isAppUrl, isExternalHttpUrl } from './origin';

/**
 * What the window may do when its content tries to go somewhere. Pure decisions, so each outcome carries its
 * reason and is tested without Electron; `window.ts` only applies them.
 */
export type NavigationDecision = { kind: 'allow' } | { kind: 'deny'; reason: string };
export type WindowOpenDecision = { kind: 'open-external'; url: string } | { kind: 'deny'; reason: string };

/** In-window navigation stays on our origin: a customer's link must never replace the inbox. */
export function decideNavigation(url: string): NavigationDecision {
  return isAppUrl(url) ? { kind: 'allow' } : { kind: 'deny', reason: `navigation away from the app: ${url}` };
}

/**
 * No second window ever opens. A web link goes to the user's browser; anything else (file:, javascript:, custom
 * schemes that could launch local programs) goes nowhere.
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  return isExternalHttpUrl(url)
    ? { kind: 'open-external', url }
    : { kind: 'deny', reason: `refused to open a non-http(s) link: ${url}` };
}

/**
 * Chromium permissions: notifications are the one the inbox needs; camera, microphone, geolocation, clipboard
 * reads, USB and the rest are refused. Only our own origin may hold even that one.
 */
export function decidePermission(permission: string, requestingUrl: string): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}
