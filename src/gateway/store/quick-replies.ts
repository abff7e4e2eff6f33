import { QuickReplySchema, type QuickReply } from '../../core';
import type { SqlExecutor } from './sql';

interface QuickReplyRow {
  body: string;
}

/** A row's JSON, checked: a row that no longer reads as a QuickReply is skipped rather than trusted. */
function toReply(row: QuickReplyRow): QuickReply | null {
  try {
    const parsed = QuickReplySchema.safeParse(JSON.parse(row.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const readable = (rows: QuickReplyRow[]) => rows.map(toReply).filter((r): r is QuickReply => r !== null);

/** Every quick reply, deleted ones included, oldest first. */
export async function listQuickReplies(db: SqlExecutor): Promise<QuickReply[]> {
  return readable(await db.query<QuickReplyRow>('SELECT body FROM quick_replies ORDER BY created_at, id'));
}

/** The live quick replies, oldest first. */
export async function listLiveQuickReplies(db: SqlExecutor): Promise<QuickReply[]> {
  return readable(
    await db.query<QuickReplyRow>('SELECT body FROM quick_replies WHERE deleted_at IS NULL ORDER BY created_at, id'),
  );
}

export async function getQuickReply(db: SqlExecutor, id: string): Promise<QuickReply | null> {
  const rows = await db.query<QuickReplyRow>('SELECT body FROM quick_replies WHERE id = $1', [id]);
  return rows[0] ? toReply(rows[0]) : null;
}

/** The live reply answering to that shortcut, if any. */
export async function liveQuickReplyByShortcut(db: SqlExecutor, shortcut: string): Promise<QuickReply | null> {
  const rows = await db.query<QuickReplyRow>(
    'SELECT body FROM quick_replies WHERE shortcut = $1 AND deleted_at IS NULL',
    [shortcut],
  );
  return rows[0] ? toReply(rows[0]) : null;
}

export async function saveQuickReplyRow(db: SqlExecutor, r: QuickReply): Promise<void> {
  await db.query(
    `INSERT INTO quick_replies (id, body, shortcut, created_at, updated_at, deleted_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, shortcut = EXCLUDED.shortcut,
       updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at`,
    [r.id, JSON.stringify(r), r.shortcut, r.createdAt, r.updatedAt, r.deletedAt ?? null],
  );
}
