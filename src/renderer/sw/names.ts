/** The service worker's file at the root of the built renderer, next to index.html; the build names it so. */
export const WORKER_FILE = 'sw.js';

/** The key of the worker's entry in the renderer build's inputs. */
export const WORKER_ENTRY = 'sw';
