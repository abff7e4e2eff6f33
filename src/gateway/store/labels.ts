import type { Label, LabelColor } from '../../core';
import type { SqlExecutor } from './sql';

interface LabelRow {
  id: string;
  name: string;
  color: LabelColor;
  description: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  merged_into: string | null;
}

const toLabel = (r: LabelRow): Label => ({
  id: r.id,
  name: r.name,
  color: r.color,
  description: r.description,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  ...(r.deleted_at !== null && { deletedAt: Number(r.deleted_at) }),
  ...(r.merged_into !== null && { mergedInto: r.merged_into }),
});

const COLUMNS = 'id, name, color, description, created_at, updated_at, deleted_at, merged_into';

/** Every label, deleted ones included (history still names them), oldest first. */
export async function listLabels(db: SqlExecutor): Promise<Label[]> {
  const rows = await db.query<LabelRow>(`SELECT ${COLUMNS} FROM labels ORDER BY created_at, id`);
  return rows.map(toLabel);
}

export async function getLabel(db: SqlExecutor, id: string): Promise<Label | null> {
  const rows = await db.query<LabelRow>(`SELECT ${COLUMNS} FROM labels WHERE id = $1`, [id]);
  return rows[0] ? toLabel(rows[0]) : null;
}

/** The live label of that name (case-insensitive), if any. */
export async function liveLabelNamed(db: SqlExecutor, name: string): Promise<Label | null> {
  const rows = await db.query<LabelRow>(
    `SELECT ${COLUMNS} FROM labels WHERE lower(name) = lower($1) AND deleted_at IS NULL`,
    [name],
  );
  return rows[0] ? toLabel(rows[0]) : null;
}

export async function saveLabel(db: SqlExecutor, l: Label): Promise<void> {
  await db.query(
    `INSERT INTO labels (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, color = EXCLUDED.color,
       description = EXCLUDED.description, updated_at = EXCLUDED.updated_at,
       deleted_at = EXCLUDED.deleted_at, merged_into = EXCLUDED.merged_into`,
    [l.id, l.name, l.color, l.description, l.createdAt, l.updatedAt, l.deletedAt ?? null, l.mergedInto ?? null],
  );
}

export async function countLabels(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM labels');
  return Number(rows[0]?.n ?? 0);
}
