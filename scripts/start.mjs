#!/usr/bin/env node
// `npm start`: the desktop app when an Electron binary is here, otherwise the web mode (with one line saying
// why). Builds first when the built app is missing or older than its sources.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { needsBuild } from './lib/build-freshness.mjs';
import { chooseLaunchMode, findElectronBinary } from './lib/electron-binary.mjs';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const launch = chooseLaunchMode(process.env, detectOrFetchElectron());

if (launch.mode === 'web') {
  console.log(launch.message);
  run(process.execPath, [join(root, 'scripts', 'web.mjs'), ...args], process.env);
} else {
  const stale = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'].some((f) =>
    needsBuild(root, f),
  );
  if (stale) {
    console.log('Building the app (first run or sources changed)…');
    const electronVite = join(
      root,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
    );
    const build = spawnSync(electronVite, ['build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    if (build.status !== 0) {
      console.error('The build failed; see the errors above.');
      process.exit(build.status ?? 1);
    }
  }
  // Inherited by accident, this would make Electron behave as plain Node and ignore the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(launch.binary, [root, ...args], env);
}

/**
 * The electron package fetches its binary on first use, and npm may have skipped its install script. Try that
 * download once, quietly (it fails in about a second where the network is closed), then look again.
 */
function detectOrFetchElectron() {
  const first = findElectronBinary({ projectDir: root });
  if (first.found || process.env.COMPTOIR_WEB === '1' || process.env.ELECTRON_BIN) return first;
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  const fetched = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: 300_000 });
  if (fetched.status !== 0) return { ...first, reason: `${first.reason}, and it could not be downloaded` };
  return findElectronBinary({ projectDir: root });
}

/** Runs the child in this terminal, passes Ctrl+C / kill on to it and exits with its status. */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1)));
}
