import type { SqlExecutor } from './sql';

export async function getMeta(db: SqlExecutor, key: string): Promise<string | null> {
  const rows = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}

/** Sets `key` only if it has no value yet, and returns the value that is stored (the first one wins). */
export async function initMeta(db: SqlExecutor, key: string, value: string): Promise<string> {
  await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
  return (await getMeta(db, key)) ?? value;
}

export async function setMeta(db: SqlExecutor, key: string, value: string): Promise<void> {
  await db.query(
    'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
    [key, value],
  );
}
