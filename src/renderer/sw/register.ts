import { desktopApi } from '../platform/platform';
import { WORKER_FILE } from './names';

/**
 * Registers the web mode's service worker, which lets a reload open the app with the gateway down (worker.ts).
 * Not in Electron (the app:// protocol serves the files from disk already), not on the dev server (it has no
 * sw.js), and not where the page is no http(s) page. A failure costs only the offline reload: logged, never
 * thrown.
 */
export function registerShellWorker(): void {
  if (!import.meta.env.PROD || desktopApi()) return;
  if (!('serviceWorker' in navigator)) return; // an insecure origin, or a browser without workers
  const { protocol } = window.location;
  if (protocol !== 'http:' && protocol !== 'https:') return;

  const register = () => {
    // Beside index.html, like the assets (the build's base is relative): `/sw.js`, scope `/` when served at `/`.
    const script = new URL(WORKER_FILE, document.baseURI);
    navigator.serviceWorker.register(script, { scope: new URL('./', script).pathname }).catch((error: unknown) => {
      console.warn(
        `[sw] the offline copy of the app is not available: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
  // After the page's own loads, so installing the worker (which fetches the shell again) never slows them.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
