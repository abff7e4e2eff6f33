import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { WORKER_ENTRY, WORKER_FILE } from './names';
import { SHELL_PLACEHOLDER, type ShellManifest } from './shell';

/** One file of the build's output, as the shell manifest sees it. */
export interface BuiltFile {
  fileName: string;
  content: string | Uint8Array;
}

/**
 * The shell of one build: every file it wrote except the worker itself and source maps. The version hashes
 * names and contents, so it changes with any file (index.html's name never does) and nothing else.
 */
export function shellManifestOf(files: readonly BuiltFile[]): ShellManifest {
  const shell = files
    .filter((f) => f.fileName !== WORKER_FILE && !f.fileName.endsWith('.map'))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of shell) hash.update(file.fileName).update('\0').update(file.content).update('\0');
  return { version: hash.digest('base64url').slice(0, 16), files: shell.map((f) => f.fileName) };
}

/** Writes the manifest into the worker's code, in place of the one string literal SHELL_PLACEHOLDER. */
export function injectManifest(code: string, manifest: ShellManifest): string {
  const literal = new RegExp(`(["'\`])${SHELL_PLACEHOLDER}\\1`, 'g');
  const found = code.match(literal)?.length ?? 0;
  if (found !== 1) throw new Error(`expected the shell placeholder once in ${WORKER_FILE}, found it ${found} times`);
  return code.replace(literal, () => JSON.stringify(JSON.stringify(manifest)));
}

/**
 * Builds the web mode's service worker with the renderer: adds worker.ts as a second entry, names its output
 * `sw.js` at the root (a worker's scope can not be above its own folder, and its name must stay the same from
 * build to build), and writes the list of this build's files into it.
 */
export function shellWorker(): Plugin {
  return {
    name: 'comptoir:shell-worker',
    apply: 'build',
    enforce: 'post',
    options(options) {
      const input = options.input ?? {};
      const entries =
        typeof input === 'string'
          ? { index: input }
          : Array.isArray(input)
            ? Object.fromEntries(input.map((p, i) => [`entry${i}`, p]))
            : input;
      return { ...options, input: { ...entries, [WORKER_ENTRY]: resolve(__dirname, 'worker.ts') } };
    },
    outputOptions(output) {
      const named = output.entryFileNames ?? 'assets/[name]-[hash].js';
      return {
        ...output,
        entryFileNames: (chunk) =>
          chunk.name === WORKER_ENTRY ? WORKER_FILE : typeof named === 'function' ? named(chunk) : named,
      };
    },
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        const worker = bundle[WORKER_FILE];
        if (!worker || worker.type !== 'chunk') return this.error(`the build wrote no ${WORKER_FILE}`);
        // A classic worker script cannot import: anything it shared with the app would break it.
        if (worker.imports.length > 0 || worker.dynamicImports.length > 0) {
          return this.error(`${WORKER_FILE} imports ${[...worker.imports, ...worker.dynamicImports].join(', ')}`);
        }
        const files = Object.values(bundle).map((out) => ({
          fileName: out.fileName,
          content: out.type === 'chunk' ? out.code : out.source,
        }));
        worker.code = injectManifest(worker.code, shellManifestOf(files));
      },
    },
  };
}
