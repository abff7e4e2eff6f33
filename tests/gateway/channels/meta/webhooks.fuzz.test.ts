import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../../../src/gateway/channels/meta/envelope';
import { signBody } from '../../../../src/gateway/channels/meta/signature';
import type { MetaChannel } from '../../../../src/gateway/channels/meta/updates';
import { MAX_WEBHOOK_BYTES } from '../../../../src/gateway/http/webhooks';
import { startGateway, type RunningGateway } from '../../../../src/gateway/index';
import { openStore } from '../../../../src/gateway/store/store';
import { startFakeGraphApi, type FakeGraphApi } from '../../../fakes/graph-api';
import { channelsFor, postWebhook, SECRET } from '../../../fakes/meta-webhook';
import { tempDir } from '../../fixtures';
import { countRows } from '../../helpers';
import { WEBHOOKS_DIR } from './support';

/**
 * Thousands of bodies no provider would send, at the real endpoints: each must get 400 or 401, nothing may be
 * stored, and the gateway must keep answering. A body that happens to be a well-formed envelope is skipped by the
 * property (it would rightly be accepted).
 */
const CHANNELS: MetaChannel[] = ['whatsapp', 'messenger', 'instagram'];
const REAL = readdirSync(WEBHOOKS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(WEBHOOKS_DIR, f), 'utf8'));
const RUNS = 1000;

describe('webhook endpoints under malformed, truncated, oversized and wrongly signed bodies', () => {
  let graph: FakeGraphApi;
  let dir: ReturnType<typeof tempDir>;
  let gateway: RunningGateway;
  const logs: string[] = [];
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    graph = await startFakeGraphApi();
    dir = tempDir();
    gateway = await startGateway({ dataDir: dir.path, channels: channelsFor(graph), log: (l) => logs.push(l) });
  });

  afterAll(async () => {
    await gateway.close();
    await graph.close();
    dir.remove();
  });

  const send = async (channel: MetaChannel, body: Buffer, signature?: string | null) => {
    const answer = await postWebhook(`${gateway.url}/webhooks/${channel}`, body, { appSecret: SECRET, signature });
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    return answer.status;
  };
  const isEnvelope = (channel: MetaChannel, bytes: Buffer) => {
    try {
      return parseEnvelope(channel, JSON.parse(bytes.toString('utf8'))).ok;
    } catch {
      return false;
    }
  };
  const channel = fc.constantFrom(...CHANNELS);
  const real = fc.constantFrom(...REAL);

  it('truncated real bodies, correctly signed → 400', async () => {
    await fc.assert(
      fc.asyncProperty(channel, real, fc.double({ min: 0, max: 0.999, noNaN: true }), async (ch, body, cut) => {
        const bytes = Buffer.from(body).subarray(0, Math.floor(body.length * cut));
        fc.pre(!isEnvelope(ch, bytes));
        expect(await send(ch, bytes)).toBe(400);
      }),
      { numRuns: RUNS, seed: 20261121 },
    );
  });

  it('any JSON value or random bytes, correctly signed → 400', async () => {
    const body = fc.oneof(
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
      fc.string({ unit: 'binary', maxLength: 500 }).map((s) => Buffer.from(s)),
    );
    await fc.assert(
      fc.asyncProperty(channel, body, async (ch, bytes) => {
        fc.pre(!isEnvelope(ch, bytes));
        expect(await send(ch, bytes)).toBe(400);
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it('real bodies with a broken envelope (wrong object, entry not a list, missing ids) → 400', async () => {
    const breakage = fc.constantFrom<(b: Record<string, unknown>) => unknown>(
      (b) => ({ ...b, object: 'page' }),
      (b) => ({ ...b, object: 42 }),
      (b) => ({ ...b, entry: {} }),
      (b) => ({ ...b, entry: [] }),
      (b) => ({ ...b, entry: 'x'.repeat(10_000) }),
      (b) => ({ ...b, entry: [null] }),
      (b) => [b],
      (b) => ({ object: b['object'] }),
    );
    await fc.assert(
      fc.asyncProperty(real, breakage, async (body, breakIt) => {
        const bytes = Buffer.from(JSON.stringify(breakIt(JSON.parse(body) as Record<string, unknown>)));
        fc.pre(!isEnvelope('whatsapp', bytes));
        expect(await send('whatsapp', bytes)).toBe(400);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('bodies over the size limit → 400 without being read to the end', async () => {
    const huge = Buffer.alloc(MAX_WEBHOOK_BYTES + 1, 0x20);
    huge.write(REAL[0]!, 0);
    for (const ch of CHANNELS) expect(await send(ch, huge)).toBe(400);
  });

  it('real bodies with a missing, malformed or wrong signature → 401', async () => {
    const signature = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 80 }),
      fc.stringMatching(/^sha256=[0-9a-f]{64}$/),
      fc.string().map((other) => signBody(other, SECRET)),
      real.map((other) => signBody(other, 'another-secret')),
    );
    await fc.assert(
      fc.asyncProperty(real, signature, async (body, sig) => {
        fc.pre(sig !== signBody(body, SECRET));
        // Header values cannot hold control characters: such a signature is just a wrong one, sent as hex.
        const header = sig === null ? null : /^[\x20-\x7e]*$/.test(sig) ? sig : Buffer.from(sig).toString('hex');
        expect(await send('whatsapp', Buffer.from(body), header)).toBe(401);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it('stored nothing, logged every refusal, and never failed', async () => {
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(3000);
    expect([...statuses.keys()].sort()).toEqual([400, 401]);
    expect(logs.filter((l) => / failed|stopped|internal/.test(l))).toEqual([]);
    expect((await fetch(`${gateway.url}/api/health`)).status).toBe(200);
    await gateway.close();
    const store = await openStore({ dataDir: dir.path, now: Date.now, log: () => {} });
    try {
      for (const table of ['webhook_deliveries', 'messages', 'contacts', 'threads']) {
        expect({ table, rows: await countRows(store, table) }).toEqual({ table, rows: 0 });
      }
      // The only events are the default labels a new workspace starts with.
      const types = await store.sql.query<{ type: string }>('SELECT DISTINCT type FROM events');
      expect(types.map((t) => t.type)).toEqual(['label.upserted']);
    } finally {
      await store.close();
    }
  });
});
