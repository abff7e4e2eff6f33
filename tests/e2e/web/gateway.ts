import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import type { ChannelsConfig } from '../../../src/gateway/channels/meta/config';

const root = join(__dirname, '..', '..', '..');

/**
 * A real gateway for one test: its own data folder, a free port, the demo shop, and the built renderer served
 * as in `npm run web`. It can be stopped and started again on the same port and folder, as a user's would.
 */
export class TestGateway {
  readonly token = randomBytes(24).toString('base64url');
  readonly dataDir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
  private running: RunningGateway | null = null;
  private port = 0;

  /** `channels`: Meta's channels, pointed at a local fake Graph API in the channel specs. */
  constructor(private readonly channels?: ChannelsConfig) {}

  async start(): Promise<void> {
    this.running = await startGateway({
      dataDir: this.dataDir,
      port: this.port,
      demo: true,
      simulate: false,
      adminToken: this.token,
      staticDir: join(root, 'out', 'renderer'),
      channels: this.channels,
      graphTransport: { sleep: async () => {}, timeoutMs: 5000 },
      log: () => {},
    });
    this.port = this.running.port;
  }

  get url(): string {
    if (!this.running && !this.port) throw new Error('gateway never started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** The address a user opens in web mode. */
  get appUrl(): string {
    return `${this.url}/#token=${this.token}`;
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}
