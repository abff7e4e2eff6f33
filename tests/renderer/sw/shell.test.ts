import { describe, expect, it } from 'vitest';
import { SHELL_PLACEHOLDER, cacheNameFor, parseShellManifest } from '../../../src/renderer/sw/shell';

const good = { version: 'UljjIYoK54L-Psw4', files: ['assets/index-B_nunz8Z.css', 'assets/index-D.js', 'index.html'] };

describe('parseShellManifest', () => {
  it('reads the manifest the build wrote', () => {
    const manifest = parseShellManifest(JSON.stringify(good));
    expect(manifest).toEqual(good);
    expect(cacheNameFor(manifest)).toBe('comptoir-shell-UljjIYoK54L-Psw4');
  });

  it('says so when the build wrote nothing', () => {
    expect(() => parseShellManifest(SHELL_PLACEHOLDER)).toThrow(/did the build write it/);
  });

  it.each([
    ['not an object', 'null'],
    ['a bad version', JSON.stringify({ ...good, version: 'a b' })],
    ['an absolute path', JSON.stringify({ ...good, files: [...good.files, '/api/threads'] })],
    ['a parent folder', JSON.stringify({ ...good, files: [...good.files, 'assets/../../etc'] })],
    ['another origin', JSON.stringify({ ...good, files: [...good.files, 'https://x.example/a.js'] })],
    ['no index.html', JSON.stringify({ ...good, files: ['assets/index-D.js'] })],
  ])('refuses %s', (_, text) => {
    expect(() => parseShellManifest(text)).toThrow(/shell manifest/);
  });
});
