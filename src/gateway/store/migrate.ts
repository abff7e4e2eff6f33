import type { Sql } from './sql';
import { MIGRATIONS, type Migration } from './schema';

/** Brings the store to the latest schema; each migration and its record commit together. Returns what ran. */
export async function migrate(sql: Sql, now: number, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await sql.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at bigint NOT NULL
    )`,
  );
  const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    await sql.transaction(async (tx) => {
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now,
      ]);
    });
    ran.push(migration.version);
  }
  return ran;
}
