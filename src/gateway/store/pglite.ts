import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Sql, SqlExecutor, SqlValue } from './sql';

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in a folder of the user's data directory. Opening a new
 * folder runs initdb (seconds), so the gateway opens it once at start and keeps it for the life of the process.
 */
export async function openPgliteSql(dataDir: string): Promise<Sql> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const wrap = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<Row extends object>(text: string, params: readonly SqlValue[] = []) {
      const result = await target.query<Row>(text, [...params]);
      return result.rows;
    },
  });
  let closing: Promise<void> | null = null;
  return {
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => (closing ??= db.close()),
  };
}
