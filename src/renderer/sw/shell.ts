/**
 * The app shell: the built files the web mode needs to open with the gateway down. The build writes the list
 * into the worker (see plugin.ts) in place of SHELL_PLACEHOLDER; the version names the cache, so a new build
 * gets a new cache and the old one is dropped.
 */
export interface ShellManifest {
  /** Changes whenever any file of the shell changes. */
  version: string;
  /** Paths relative to the worker's scope: `index.html`, `assets/index-<hash>.js`, ... */
  files: string[];
}

export const SHELL_PLACEHOLDER = '__COMPTOIR_SHELL_MANIFEST__';
export const INDEX_FILE = 'index.html';
export const CACHE_PREFIX = 'comptoir-shell-';

export function cacheNameFor(manifest: ShellManifest): string {
  return CACHE_PREFIX + manifest.version;
}

/**
 * The manifest the build wrote into the worker. The worker carries no schema library (it stays a few KB), so
 * this checks by hand; a bad manifest throws, which fails the worker's install and leaves the page as it was.
 */
export function parseShellManifest(text: string): ShellManifest {
  // Not compared with SHELL_PLACEHOLDER: the build replaces every copy of that string in the worker.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('shell manifest: not JSON (did the build write it into the worker?)');
  }
  if (typeof value !== 'object' || value === null) throw new Error('shell manifest: not an object');
  const { version, files } = value as { version?: unknown; files?: unknown };
  if (typeof version !== 'string' || !/^[\w-]{1,64}$/.test(version)) throw new Error('shell manifest: bad version');
  if (!Array.isArray(files) || !files.every(isShellPath)) throw new Error('shell manifest: bad file list');
  if (!files.includes(INDEX_FILE)) throw new Error(`shell manifest: no ${INDEX_FILE}`);
  return { version, files: [...files] };
}

/** A path inside the scope: relative, no `..`, no scheme, no query. */
function isShellPath(file: unknown): file is string {
  return (
    typeof file === 'string' &&
    /^[\w.-]+(\/[\w.-]+)*$/.test(file) &&
    !file.split('/').some((segment) => segment === '..' || segment === '.')
  );
}
