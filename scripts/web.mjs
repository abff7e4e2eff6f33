#!/usr/bin/env node
// `npm run web`: the same gateway and renderer as the desktop app, served over HTTP for a browser. Used where
// Electron cannot run (no binary, a server, CI). Builds the renderer when it is missing or stale, starts the
// gateway with the demo shop, and prints the address to open.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { needsBuild } from './lib/build-freshness.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

if (needsBuild(root, 'out/renderer/index.html')) {
  console.log('Building the app (first run or sources changed)…');
  const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('The build failed; see the errors above.');
    process.exit(build.status ?? 1);
  }
}

const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
// A token for this run only: it lives in this process and the printed address, never in a file.
const token = process.env.COMPTOIR_TOKEN || randomBytes(32).toString('base64url');
const port = process.env.PORT || '8787';
const host = process.env.HOST || '127.0.0.1';

const gateway = spawn(bin('tsx'), [join(root, 'src/gateway/cli.ts')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    PORT: port,
    HOST: host,
    COMPTOIR_DATA_DIR: process.env.COMPTOIR_DATA_DIR || join(dataHome, 'comptoir', 'web'),
    COMPTOIR_DEMO: process.env.COMPTOIR_DEMO ?? '1',
    COMPTOIR_TOKEN: token,
    COMPTOIR_STATIC_DIR: join(root, 'out', 'renderer'),
  },
});

gateway.stdout.setEncoding('utf8');
gateway.stdout.on('data', (chunk) => {
  for (const line of chunk.split('\n')) {
    if (!line) continue;
    const listening = line.match(/listening on (\S+)/);
    if (listening) {
      const url = listening[1].replace(/\/$/, '');
      console.log(`Comptoir (web mode) is running. Open ${url}/#token=${token}`);
      console.log('Press Ctrl+C to stop.');
    } else {
      console.log(line);
    }
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => gateway.kill(signal));
gateway.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
