import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './fixtures';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string> = {}): Run {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(COMPTOIR_|PORT$|HOST$)/.test(k)));
  const child = spawn(TSX, [join(ROOT, 'src', 'gateway', 'cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 25_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got: ${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm run gateway (the CLI)', () => {
  const runs: Run[] = [];
  const dirs: { remove: () => void }[] = [];
  afterEach(async () => {
    for (const run of runs.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGKILL');
        await run.exited;
      }
    }
    dirs.splice(0).forEach((d) => d.remove());
  });

  it('starts, prints its address and a new token once, answers /api/health, and exits 0 on SIGTERM', async () => {
    const data = tempDir();
    dirs.push(data);
    const run = runCli(['--port', '0', '--data-dir', data.path]);
    runs.push(run);
    const [, url] = await waitFor(run.stdout, /^Comptoir gateway listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    const [, token] = await waitFor(run.stdout, /^Admin token \(shown once, keep it safe\): ([A-Za-z0-9_-]{43})$/m);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, workspaceId: expect.stringMatching(/^ws_/) });
    const threads = await fetch(`${url}/api/threads`, { headers: { authorization: `Bearer ${token}` } });
    expect(await threads.json()).toEqual({ ok: true, threads: [] });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout().match(/Admin token/g)).toHaveLength(1);
  });

  it('exits 2 with a clear message on a bad port', async () => {
    const run = runCli([], { PORT: 'eighty', COMPTOIR_DATA_DIR: '/nonexistent/never-created' });
    runs.push(run);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('comptoir gateway: invalid settings: port: must be a whole number');
    expect(run.stdout()).toBe('');
  });
});
