/**
 * The web mode's service worker, built to `/sw.js` (see plugin.ts). It keeps the app shell (index.html and
 * the hashed assets of this build) so a reload with the gateway down opens the inbox from IndexedDB instead
 * of the browser's error page. It never keeps an API answer: see routes.ts.
 *
 * This file is its own bundle entry and imports only from this folder: nothing here may be shared with the
 * app's bundle, or the build would split it into a chunk the (classic) worker script cannot import.
 */
import { routeFor } from './routes';
import { SHELL_PLACEHOLDER, parseShellManifest } from './shell';
import { dropOldShells, openPage, precacheShell, serveShellFile, type ShellContext } from './strategies';
import type { WorkerScope } from './worker-scope';

const worker = self as unknown as WorkerScope;

const manifest = parseShellManifest(SHELL_PLACEHOLDER);
const shell: ReadonlySet<string> = new Set(manifest.files);
const ctx: ShellContext = {
  caches: worker.caches,
  fetch: (request) => worker.fetch(request),
  manifest,
  scope: worker.registration.scope,
  navigationTimeoutMs: 3000,
};

worker.addEventListener('install', (event) => {
  // Take over at once: the shell is content-addressed, and the page already runs this build or a newer one.
  event.waitUntil(precacheShell(ctx).then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  // claim(): the page that registered this worker is served by it from now on, without a second reload.
  event.waitUntil(dropOldShells(ctx).then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const route = routeFor(event.request, ctx.scope, shell);
  switch (route.kind) {
    case 'network':
      return; // not answered here: the browser fetches it as if there were no worker
    case 'navigate':
      return event.respondWith(openPage(event.request, ctx));
    case 'shell':
      return event.respondWith(serveShellFile(event.request, route.immutable, ctx));
  }
});
