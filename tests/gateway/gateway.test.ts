import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { HelloOutput } from '../../src/core';
import { startGateway, type RunningGateway } from '../../src/gateway';
import { DEFAULT_LABEL_EVENTS, DEMO_COUNTS, tempDir, writeResources } from './fixtures';
import { connect, request, valueOf } from './helpers';

/** The head after the demo is seeded, read on first start (its shape is checked in the socket tests). */
let SEEDED_EVENTS = 0;

describe('startGateway across restarts', () => {
  const data = tempDir();
  const resourcesDir = tempDir();
  const resources = writeResources(resourcesDir.path);
  const running: RunningGateway[] = [];
  let firstToken = '';
  let workspaceId = '';

  const start = async (extra: Partial<Parameters<typeof startGateway>[0]> = {}) => {
    const gateway = await startGateway({
      dataDir: data.path,
      resourcesDir: resources,
      simulate: false,
      log: () => {},
      ...extra,
    });
    running.push(gateway);
    return gateway;
  };
  const hello = async (url: string, token: string) => {
    const socket = await connect(url, token);
    try {
      return valueOf(await request<HelloOutput>(socket, 'session:hello'));
    } finally {
      socket.close();
    }
  };

  afterAll(async () => {
    await Promise.all(running.map((g) => g.close()));
    data.remove();
    resourcesDir.remove();
  });

  it('creates a token on first start, loads the demo, and closes idempotently', async () => {
    const gateway = await start({ demo: true });
    expect(gateway.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`);
    firstToken = gateway.token ?? '';
    workspaceId = gateway.workspaceId;
    SEEDED_EVENTS = (await hello(gateway.url, firstToken)).head;
    expect(SEEDED_EVENTS).toBeGreaterThanOrEqual(
      DEFAULT_LABEL_EVENTS + DEMO_COUNTS.contacts + DEMO_COUNTS.threads + DEMO_COUNTS.messages,
    );
    expect(await hello(gateway.url, firstToken)).toMatchObject({
      head: SEEDED_EVENTS,
      workspaceId,
      agent: { id: 'agent_owner', role: 'admin' },
    });
    await Promise.all([gateway.close(), gateway.close()]);
    await gateway.close();
    await expect(fetch(`${gateway.url}/api/health`)).rejects.toThrow();
  });

  it('fails to start cleanly when its port is taken, leaving the store closed', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    await expect(start({ demo: true, port })).rejects.toThrow(/EADDRINUSE/);
    await new Promise((r) => blocker.close(r));
  });

  it('on a second start: no new token, the first still works, and the demo is not loaded again', async () => {
    const gateway = await start({ demo: true });
    expect(gateway.token).toBeNull();
    expect(gateway.workspaceId).toBe(workspaceId);
    expect(await hello(gateway.url, firstToken)).toMatchObject({ head: SEEDED_EVENTS });
    await gateway.close();
  });

  it('with an admin token and the demo off: returns that token, keeps stored ones, and the sandbox is off', async () => {
    const adminToken = 'admin-token-for-this-run-0123456789';
    const gateway = await start({ adminToken, agentName: 'Maya' });
    expect(gateway.token).toBe(adminToken);
    expect((await hello(gateway.url, adminToken)).agent).toEqual({ id: 'agent_owner', name: 'Maya', role: 'admin' });
    expect((await hello(gateway.url, firstToken)).head).toBe(SEEDED_EVENTS);
    const sandbox = await fetch(`${gateway.url}/api/sandbox/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ from: '+1555', name: 'X', text: 'hi' }),
    });
    expect(sandbox.status).toBe(404);
    // No static folder: only the API and the socket.
    expect((await fetch(`${gateway.url}/`)).status).toBe(404);
    await gateway.close();
  });
});
