import type { NewSyncEvent, SyncEvent } from '../../core';
import type { SqlExecutor, SqlValue } from './sql';

/**
 * Appends events with the next sequence numbers. Must run inside the transaction that made the change. The table
 * lock makes "max + 1" safe against a second writer (a PostgreSQL deployment); PGlite has one writer anyway.
 */
export async function appendEvents(tx: SqlExecutor, events: readonly NewSyncEvent[]): Promise<SyncEvent[]> {
  if (events.length === 0) return [];
  await tx.query('LOCK TABLE events IN EXCLUSIVE MODE');
  const first = (await headSeq(tx)) + 1;
  const appended = events.map((event, i) => ({ ...event, seq: first + i }) as SyncEvent);
  // Many rows per statement: a large change (the demo shop, an import) appends thousands of events at once.
  for (let start = 0; start < appended.length; start += INSERT_BATCH) {
    const batch = appended.slice(start, start + INSERT_BATCH);
    const params: SqlValue[] = [];
    const rows = batch.map((event) => {
      params.push(event.seq, event.type, event.at, event.actor, JSON.stringify(event));
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await tx.query(`INSERT INTO events (seq, type, at, actor, body) VALUES ${rows.join(', ')}`, params);
  }
  return appended;
}

const INSERT_BATCH = 500;

export async function headSeq(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ head: number }>('SELECT coalesce(max(seq), 0)::bigint AS head FROM events');
  return Number(rows[0]?.head ?? 0);
}

export async function readEvents(db: SqlExecutor, after: number, limit: number): Promise<SyncEvent[]> {
  const rows = await db.query<{ body: string }>('SELECT body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2', [
    after,
    limit,
  ]);
  // Written by appendEvents from typed events: trusted, not re-validated on every read.
  return rows.map((r) => JSON.parse(r.body) as SyncEvent);
}

export interface EventPage {
  /** The events as a JSON array, exactly as stored: what a desktop parses. */
  json: string;
  count: number;
  /** The last event's seq, or `after` when the page is empty. */
  last: number;
}

/** A page of events as one JSON text, built by the database from the stored text (no object per event here). */
export async function readEventPage(db: SqlExecutor, after: number, limit: number): Promise<EventPage> {
  const rows = await db.query<{ json: string | null; count: number; last: number | null }>(
    `SELECT '[' || string_agg(body, ',' ORDER BY seq) || ']' AS json, count(*)::int AS count, max(seq) AS last
     FROM (SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2) page`,
    [after, limit],
  );
  const row = rows[0];
  return { json: row?.json ?? '[]', count: row?.count ?? 0, last: row?.last == null ? after : Number(row.last) };
}
