import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseLaunchMode, defaultExecutableName, findElectronBinary } from '../../scripts/lib/electron-binary.mjs';

let project: string;
let dist: string;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'comptoir-electron-bin-'));
  dist = join(project, 'node_modules', 'electron', 'dist');
  mkdirSync(dist, { recursive: true });
});

afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

function program(path: string, mode = 0o755): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, mode);
  return path;
}

const linux = { env: {}, platform: 'linux' as const };

describe('finding an Electron binary', () => {
  it('reports the package without its binary in one readable reason', () => {
    const found = findElectronBinary({ projectDir: project, ...linux });
    expect(found).toEqual({
      found: false,
      reason: 'no binary at node_modules/electron/dist',
      looked: [join(dist, 'electron')],
    });
  });

  it('uses the executable named by path.txt', () => {
    const path = program(join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron'));
    writeFileSync(join(project, 'node_modules', 'electron', 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    expect(findElectronBinary({ projectDir: project, ...linux })).toEqual({ found: true, path, source: 'path.txt' });
  });

  it('falls back to the platform’s default name under dist', () => {
    const path = program(join(dist, 'electron'));
    expect(findElectronBinary({ projectDir: project, ...linux })).toEqual({ found: true, path, source: 'dist' });
    expect(defaultExecutableName('win32')).toBe('electron.exe');
    expect(defaultExecutableName('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });

  it('ignores a file that is not executable, or a directory', () => {
    program(join(dist, 'electron'), 0o644);
    expect(findElectronBinary({ projectDir: project, ...linux }).found).toBe(false);
    rmSync(join(dist, 'electron'));
    mkdirSync(join(dist, 'electron'));
    expect(findElectronBinary({ projectDir: project, ...linux }).found).toBe(false);
  });

  it('prefers ELECTRON_BIN, and names it when it is unusable', () => {
    program(join(dist, 'electron'));
    const custom = program(join(project, 'custom', 'electron'));
    expect(findElectronBinary({ projectDir: project, env: { ELECTRON_BIN: custom }, platform: 'linux' })).toEqual({
      found: true,
      path: custom,
      source: 'ELECTRON_BIN',
    });
    const missing = join(project, 'nope');
    expect(findElectronBinary({ projectDir: project, env: { ELECTRON_BIN: missing }, platform: 'linux' })).toEqual({
      found: false,
      reason: `ELECTRON_BIN=${missing} is not an executable file`,
      looked: [missing],
    });
  });
});

describe('choosing how npm start runs', () => {
  it('launches Electron when there is one', () => {
    const path = program(join(dist, 'electron'));
    expect(chooseLaunchMode({}, findElectronBinary({ projectDir: project, ...linux }))).toEqual({
      mode: 'electron',
      binary: path,
    });
  });

  it('falls back to the web mode with one clear line', () => {
    const mode = chooseLaunchMode({}, findElectronBinary({ projectDir: project, ...linux }));
    expect(mode).toEqual({
      mode: 'web',
      message:
        'Electron is not available here (no binary at node_modules/electron/dist); starting the web mode instead.',
    });
  });

  it('honours COMPTOIR_WEB=1 even with a binary present', () => {
    program(join(dist, 'electron'));
    const mode = chooseLaunchMode({ COMPTOIR_WEB: '1' }, findElectronBinary({ projectDir: project, ...linux }));
    expect(mode.mode).toBe('web');
  });
});
