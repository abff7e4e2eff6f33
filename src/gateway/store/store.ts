import { join } from 'node:path';
import type { NewSyncEvent, SyncEvent } from '../../core';
import { newId } from '../ids';
import { reason, type Log } from '../log';
import { appendEvents } from './events';
import { initMeta } from './meta';
import { migrate } from './migrate';
import { openPgliteSql } from './pglite';
import type { Sql, SqlExecutor } from './sql';

/** An event as a change describes it; the store stamps the time, the actor and the sequence number. */
export type EventBody = NewSyncEvent extends infer E
  ? E extends NewSyncEvent
    ? Omit<E, 'at' | 'actor'>
    : never
  : never;

export interface Change<T> {
  value: T;
  events: EventBody[];
  /** Who caused it: `agent:<id>`, `customer:<contactId>`, `assistant`, `system`. */
  actor: string;
}

export type EventListener = (events: SyncEvent[]) => void;

export interface Store {
  readonly sql: Sql;
  readonly workspaceId: string;
  readonly now: () => number;
  /**
   * Runs `fn` and appends the events it returns in ONE transaction, so a change and its event exist together or
   * not at all. Writes run one at a time, so listeners hear committed events exactly once and in seq order.
   */
  write<T>(fn: (tx: SqlExecutor) => Promise<Change<T>>): Promise<{ value: T; events: SyncEvent[] }>;
  /** Called after each commit that appended events. Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Waits for writes in flight, then closes the database. Idempotent. */
  close(): Promise<void>;
}

export interface StoreOptions {
  dataDir: string;
  now: () => number;
  log: Log;
}

/** Opens (creating if needed) the gateway's PGlite store in `${dataDir}/pglite` and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const sql = await openPgliteSql(join(options.dataDir, 'pglite'));
  try {
    return await storeOn(sql, options);
  } catch (error) {
    await sql.close();
    throw error;
  }
}

/** The store over any `Sql` (PGlite today, PostgreSQL later). */
export async function storeOn(sql: Sql, { now, log }: Omit<StoreOptions, 'dataDir'>): Promise<Store> {
  await migrate(sql, now());
  const workspaceId = await initMeta(sql, 'workspace_id', newId('ws'));
  const listeners = new Set<EventListener>();
  let queue: Promise<unknown> = Promise.resolve();
  let closing: Promise<void> | null = null;

  const commit = async <T>(fn: (tx: SqlExecutor) => Promise<Change<T>>) => {
    const result = await sql.transaction(async (tx) => {
      const change = await fn(tx);
      const at = now();
      const events = await appendEvents(
        tx,
        change.events.map((body) => ({ ...body, at, actor: change.actor }) as NewSyncEvent),
      );
      return { value: change.value, events };
    });
    if (result.events.length > 0) {
      for (const listener of listeners) {
        try {
          listener(result.events);
        } catch (error) {
          log(`event listener failed: ${reason(error)}`);
        }
      }
    }
    return result;
  };

  return {
    sql,
    workspaceId,
    now,
    write(fn) {
      if (closing) return Promise.reject(new Error('the store is closed'));
      const run = queue.then(() => commit(fn));
      queue = run.catch(() => undefined);
      return run;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= queue.then(() => sql.close());
      return closing;
    },
  };
}
