import type { NewSyncEvent, SyncEvent } from '../../core';
import type { SqlExecutor, SqlValue } from './sql';

interface EventRow {
  seq: number;
  type: SyncEvent['type'];
  at: number;
  actor: string;
  payload: Record<string, unknown>;
}

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
      const { seq, type, at, actor, ...payload } = event;
      params.push(seq, type, at, actor, JSON.stringify(payload));
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await tx.query(`INSERT INTO events (seq, type, at, actor, payload) VALUES ${rows.join(', ')}`, params);
  }
  return appended;
}

const INSERT_BATCH = 500;

export async function headSeq(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ head: number }>('SELECT coalesce(max(seq), 0)::bigint AS head FROM events');
  return Number(rows[0]?.head ?? 0);
}

export async function readEvents(db: SqlExecutor, after: number, limit: number): Promise<SyncEvent[]> {
  const rows = await db.query<EventRow>(
    'SELECT seq, type, at, actor, payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [after, limit],
  );
  // Written by appendEvents from typed events: the payload is trusted, not re-parsed on every pull.
  return rows.map(
    (r) => ({ ...r.payload, seq: Number(r.seq), type: r.type, at: Number(r.at), actor: r.actor }) as SyncEvent,
  );
}
