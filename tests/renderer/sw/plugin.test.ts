import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { injectManifest, shellManifestOf, shellWorker } from '../../../src/renderer/sw/plugin';
import { SHELL_PLACEHOLDER, parseShellManifest } from '../../../src/renderer/sw/shell';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A real Vite build of a two-file app with the plugin, as electron-vite runs it for the renderer. */
async function buildApp(mainSource: string) {
  const root = mkdtempSync(join(tmpdir(), 'comptoir-sw-'));
  folders.push(root);
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./main.ts"></script></body></html>',
  );
  writeFileSync(join(root, 'main.ts'), mainSource);
  const outDir = join(root, 'out');
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'silent',
    plugins: [shellWorker()],
    build: { outDir, rollupOptions: { input: join(root, 'index.html') } },
  });
  const worker = readFileSync(join(outDir, 'sw.js'), 'utf8');
  const literal = /"(\{\\"version.*?\})"/.exec(worker)?.[1];
  if (!literal) throw new Error('no manifest in sw.js');
  return {
    worker,
    manifest: parseShellManifest(JSON.parse(`"${literal}"`) as string),
    assets: readdirSync(join(outDir, 'assets')).map((name) => `assets/${name}`),
  };
}

describe('shellWorker', () => {
  it('builds sw.js at the root, standalone, listing every file of the build', async () => {
    const { worker, manifest, assets } = await buildApp('document.body.append("hello");\n');
    expect(manifest.files.sort()).toEqual(['index.html', ...assets].sort());
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(worker).not.toContain(SHELL_PLACEHOLDER);
    expect(worker).not.toMatch(/^\s*(import|export)\b/m);
  });

  it('gives a new build of changed code a new version, and the same code the same one', async () => {
    const first = await buildApp('document.body.append("one");\n');
    const again = await buildApp('document.body.append("one");\n');
    const changed = await buildApp('document.body.append("two");\n');
    expect(again.manifest.version).toBe(first.manifest.version);
    expect(changed.manifest.version).not.toBe(first.manifest.version);
  });
});

describe('shellManifestOf', () => {
  it('leaves out the worker and source maps, and hashes contents as well as names', () => {
    const files = [
      { fileName: 'sw.js', content: 'worker' },
      { fileName: 'index.html', content: '<html>' },
      { fileName: 'assets/a-1.js', content: 'a' },
      { fileName: 'assets/a-1.js.map', content: '{}' },
    ];
    const manifest = shellManifestOf(files);
    expect(manifest.files).toEqual(['assets/a-1.js', 'index.html']);
    expect(shellManifestOf([...files].reverse()).version).toBe(manifest.version);
    const edited = files.map((f) => (f.fileName === 'index.html' ? { ...f, content: '<html lang="fr">' } : f));
    expect(shellManifestOf(edited).version).not.toBe(manifest.version);
    const workerOnly = files.map((f) => (f.fileName === 'sw.js' ? { ...f, content: 'worker 2' } : f));
    expect(shellManifestOf(workerOnly).version).toBe(manifest.version);
  });
});

describe('injectManifest', () => {
  const manifest = { version: 'v1', files: ['index.html'] };

  it('replaces the one placeholder literal, whichever quotes the bundler chose', () => {
    for (const quote of ['"', "'", '`']) {
      const code = injectManifest(`var m = ${quote}${SHELL_PLACEHOLDER}${quote};`, manifest);
      expect(code).toBe(`var m = ${JSON.stringify(JSON.stringify(manifest))};`);
    }
  });

  it('fails the build when the placeholder is missing or repeated', () => {
    expect(() => injectManifest('var m = 1;', manifest)).toThrow(/found it 0 times/);
    const twice = `a("${SHELL_PLACEHOLDER}"); b("${SHELL_PLACEHOLDER}");`;
    expect(() => injectManifest(twice, manifest)).toThrow(/found it 2 times/);
  });
});
