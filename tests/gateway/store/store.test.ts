import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens, saveToken } from '../../../src/gateway/store/agents';
import { readEvents } from '../../../src/gateway/store/events';
import { migrate } from '../../../src/gateway/store/migrate';
import { MIGRATIONS } from '../../../src/gateway/store/schema';
import { openStore, type Store } from '../../../src/gateway/store/store';
import { ensureFirstToken, ensureOwner } from '../../../src/gateway/auth';
import { tempDir } from '../fixtures';
import { countRows } from '../helpers';

const contact = (id: string) => ({
  id,
  name: 'Ana',
  channel: 'whatsapp' as const,
  handle: `+3360000${id.length}${id}`,
  email: null,
  phone: null,
  locale: 'fr' as const,
  createdAt: 1,
});

describe('the store', () => {
  const dir = tempDir();
  let store: Store;

  beforeAll(async () => {
    store = await openStore({ dataDir: dir.path, now: () => 1000, log: () => {} });
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('runs every migration on first open and records it', async () => {
    const rows = await store.sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    for (const table of ['events', 'contacts', 'threads', 'messages', 'agents', 'tokens', 'products', 'orders']) {
      expect(await countRows(store, table)).toBe(0);
    }
    expect(store.workspaceId).toMatch(/^ws_[A-Za-z0-9_-]{16}$/);
    expect(await store.sql.query('SELECT key, value FROM meta')).toEqual([
      { key: 'workspace_id', value: store.workspaceId },
    ]);
  });

  it('runs nothing twice', async () => {
    expect(await migrate(store.sql, 2000)).toEqual([]);
    expect(await countRows(store, 'schema_migrations')).toBe(MIGRATIONS.length);
  });

  it('commits a change and its events together, with gap-free increasing sequence numbers', async () => {
    const first = await store.write(async (tx) => {
      await tx.query(
        `INSERT INTO contacts (id, name, channel, handle, locale, created_at, provider) VALUES ('ct_a', 'Ana', 'whatsapp', '+1', 'fr', 1, 'sandbox')`,
      );
      return { value: 'done', events: [{ type: 'contact.upserted', contact: contact('ct_a') }], actor: 'system' };
    });
    expect(first.value).toBe('done');
    expect(first.events.map((e) => e.seq)).toEqual([1]);
    expect(first.events[0]).toMatchObject({ at: 1000, actor: 'system', type: 'contact.upserted' });

    // A change that fails half-way leaves neither its rows nor its events, and burns no sequence number.
    await expect(
      store.write(async (tx) => {
        await tx.query(
          `INSERT INTO contacts (id, name, channel, handle, locale, created_at, provider) VALUES ('ct_b', 'Bo', 'whatsapp', '+2', 'fr', 1, 'sandbox')`,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await countRows(store, 'contacts')).toBe(1);

    const both = await Promise.all(
      ['ct_c', 'ct_d'].map((id) =>
        store.write(async () => ({
          value: id,
          events: [{ type: 'contact.upserted', contact: contact(id) }],
          actor: 'system',
        })),
      ),
    );
    expect(both.flatMap((w) => w.events.map((e) => e.seq))).toEqual([2, 3]);
    const stored = await readEvents(store.sql, 0, 10);
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(stored[2]).toEqual(both[1]?.events[0]);
  });

  it('tells listeners about committed events only, in order', async () => {
    const heard: number[] = [];
    const stop = store.subscribe((events) => heard.push(...events.map((e) => e.seq)));
    await store.write(async () => ({ value: null, events: [], actor: 'system' }));
    await store.write(async () => ({
      value: null,
      events: [{ type: 'contact.upserted', contact: contact('ct_e') }],
      actor: 'system',
    }));
    stop();
    await store.write(async () => ({
      value: null,
      events: [{ type: 'contact.upserted', contact: contact('ct_f') }],
      actor: 'system',
    }));
    expect(heard).toEqual([4]);
  });

  it('keeps only hashes of tokens', async () => {
    await ensureOwner(store, 'You');
    const token = await ensureFirstToken(store, undefined);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await ensureFirstToken(store, undefined)).toBeNull();
    const rows = await store.sql.query<{ hash: string }>('SELECT hash FROM tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    await saveToken(store.sql, 'another-token-for-the-owner', 'agent_owner', 1);
    expect(await countTokens(store.sql)).toBe(2);
  });

  it('reopens with the same workspace and data, migrating nothing', async () => {
    const workspaceId = store.workspaceId;
    await store.close();
    await store.close(); // idempotent
    await expect(store.write(async () => ({ value: 1, events: [], actor: 'system' }))).rejects.toThrow('closed');
    store = await openStore({ dataDir: dir.path, now: () => 3000, log: () => {} });
    expect(store.workspaceId).toBe(workspaceId);
    expect(await countRows(store, 'schema_migrations')).toBe(MIGRATIONS.length);
    expect(await countRows(store, 'events')).toBe(5);
    const next = await store.write(async () => ({
      value: null,
      events: [{ type: 'contact.upserted', contact: contact('ct_g') }],
      actor: 'system',
    }));
    expect(next.events[0]?.seq).toBe(6);
  });
});
