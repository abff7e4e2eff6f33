// Where is a usable Electron executable? `npm start` launches the desktop app with it, or falls back to the web
// mode when there is none; the Electron end-to-end spec skips with the same explanation. The electron package
// downloads its binary lazily, so having the package installed does not mean having the program.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The executable inside node_modules/electron/dist, as the electron package lays it out per platform. */
export function defaultExecutableName(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function isExecutableFile(path, platform) {
  try {
    if (!statSync(path).isFile()) return false;
    // Windows has no execute bit: a file that exists is as executable as it gets.
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readPathTxt(packageDir) {
  try {
    const text = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/**
 * Looks, in order, at `ELECTRON_BIN`, the executable named by node_modules/electron/path.txt, and the platform's
 * default path under node_modules/electron/dist. A set but unusable `ELECTRON_BIN` is reported, not skipped:
 * the user asked for that binary.
 *
 * @returns {{ found: true, path: string, source: 'ELECTRON_BIN' | 'path.txt' | 'dist' }
 *   | { found: false, reason: string, looked: string[] }}
 */
export function findElectronBinary({ projectDir, env = process.env, platform = process.platform }) {
  const fromEnv = env.ELECTRON_BIN;
  if (fromEnv) {
    return isExecutableFile(fromEnv, platform)
      ? { found: true, path: fromEnv, source: 'ELECTRON_BIN' }
      : { found: false, reason: `ELECTRON_BIN=${fromEnv} is not an executable file`, looked: [fromEnv] };
  }
  const packageDir = join(projectDir, 'node_modules', 'electron');
  const distDir = join(packageDir, 'dist');
  const looked = [];
  const named = readPathTxt(packageDir);
  if (named !== null) {
    const path = join(distDir, named);
    looked.push(path);
    if (isExecutableFile(path, platform)) return { found: true, path, source: 'path.txt' };
  }
  const fallback = join(distDir, defaultExecutableName(platform));
  if (!looked.includes(fallback)) {
    looked.push(fallback);
    if (isExecutableFile(fallback, platform)) return { found: true, path: fallback, source: 'dist' };
  }
  const shown = relative(projectDir, distDir) || distDir;
  return { found: false, reason: `no binary at ${shown.split('\\').join('/')}`, looked };
}

/**
 * What `npm start` does: the desktop app when there is an Electron to run it and the web mode was not asked
 * for; otherwise the web mode, with the one line that says why.
 *
 * @returns {{ mode: 'electron', binary: string } | { mode: 'web', message: string }}
 */
export function chooseLaunchMode(env, detection) {
  if (env.COMPTOIR_WEB === '1') return { mode: 'web', message: 'COMPTOIR_WEB=1: starting the web mode.' };
  if (detection.found) return { mode: 'electron', binary: detection.path };
  return {
    mode: 'web',
    message: `Electron is not available here (${detection.reason}); starting the web mode instead.`,
  };
}
