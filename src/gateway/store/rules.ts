import { RuleSchema, type Rule } from '../../core';
import type { SqlExecutor } from './sql';

/** Rules in the order they run. A stored body that no longer parses is skipped (and reported by the caller). */
export async function listRules(db: SqlExecutor): Promise<{ rules: Rule[]; unreadable: string[] }> {
  const rows = await db.query<{ id: string; body: string }>('SELECT id, body FROM rules ORDER BY position, id');
  const rules: Rule[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const parsed = RuleSchema.safeParse(safeJson(row.body));
    if (parsed.success) rules.push(parsed.data);
    else unreadable.push(row.id);
  }
  return { rules, unreadable };
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** Inserts at the end, or rewrites in place. */
export async function saveRule(db: SqlExecutor, rule: Rule): Promise<void> {
  await db.query(
    `INSERT INTO rules (id, position, body, created_at, updated_at)
     VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM rules), $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`,
    [rule.id, JSON.stringify(rule), rule.createdAt, rule.updatedAt],
  );
}

export async function deleteRule(db: SqlExecutor, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM rules WHERE id = $1 RETURNING id', [id]);
  return rows.length === 1;
}

export async function getModelBody(db: SqlExecutor, head: string): Promise<string | null> {
  const rows = await db.query<{ body: string }>('SELECT body FROM label_models WHERE head = $1', [head]);
  return rows[0]?.body ?? null;
}

export async function saveModelBody(db: SqlExecutor, head: string, body: string, now: number): Promise<void> {
  await db.query(
    `INSERT INTO label_models (head, body, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (head) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`,
    [head, body, now],
  );
}
