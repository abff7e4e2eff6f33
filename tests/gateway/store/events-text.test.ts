import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvents, readEventPage, readEvents } from '../../../src/gateway/store/events';
import { migrate } from '../../../src/gateway/store/migrate';
import { openPgliteSql } from '../../../src/gateway/store/pglite';
import { MIGRATIONS } from '../../../src/gateway/store/schema';
import type { Sql } from '../../../src/gateway/store/sql';
import { tempDir } from '../fixtures';

const contact = {
  id: 'ct_1',
  name: 'Léa "the" Martin \\ 😀',
  channel: 'whatsapp',
  handle: '+33612345678',
  email: null,
  phone: null,
  locale: 'fr',
  createdAt: 1_750_000_000_000,
} as const;

describe('the event log kept as text', () => {
  let dir: ReturnType<typeof tempDir>;
  let sql: Sql;

  beforeEach(async () => {
    dir = tempDir();
    sql = await openPgliteSql(dir.path);
  });
  afterEach(async () => {
    await sql.close();
    dir.remove();
  });

  it('upgrades a log written as jsonb payloads: every old event reads back the same', async () => {
    await migrate(sql, 1000, MIGRATIONS.slice(0, 2));
    await sql.query(
      `INSERT INTO events (seq, type, at, actor, payload) VALUES (1, 'contact.upserted', 1000, 'system', $1)`,
      [JSON.stringify({ contact })],
    );
    await migrate(sql, 2000);
    expect(await readEvents(sql, 0, 10)).toEqual([
      { seq: 1, type: 'contact.upserted', at: 1000, actor: 'system', contact },
    ]);
  });

  it('serves a page as one JSON text that parses to the events appended, in order', async () => {
    await migrate(sql, 1000);
    const appended = await sql.transaction((tx) =>
      appendEvents(
        tx,
        Array.from({ length: 7 }, (_, i) => ({
          type: 'contact.upserted' as const,
          at: 1000 + i,
          actor: 'system',
          contact: { ...contact, id: `ct_${i}` },
        })),
      ),
    );
    const page = await readEventPage(sql, 2, 3);
    expect(page.count).toBe(3);
    expect(page.last).toBe(5);
    expect(JSON.parse(page.json)).toEqual(appended.slice(2, 5));
    expect(await readEventPage(sql, 7, 10)).toEqual({ json: '[]', count: 0, last: 7 });
  });
});
