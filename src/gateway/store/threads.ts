import type { Channel, Thread, ThreadStatus } from '../../core';
import type { SqlExecutor } from './sql';

interface ThreadRow {
  id: string;
  contact_id: string;
  channel: Channel;
  status: ThreadStatus;
  assignee_id: string | null;
  created_at: number;
  last_message_at: number;
  last_message_preview: string;
  last_message_direction: 'in' | 'out';
  unread_count: number;
  last_inbound_at: number | null;
  details: ThreadDetails | null;
}

/** The optional sorting parts of a thread, stored together in `details`. */
type ThreadDetails = Pick<Thread, 'labels' | 'priority' | 'spam' | 'suggestions'>;

/** Empty parts are left out, so a thread without labels looks exactly like one stored before labels existed. */
function detailsOf(t: Thread): ThreadDetails | null {
  const details: ThreadDetails = {};
  if (t.labels && t.labels.length > 0) details.labels = t.labels;
  if (t.priority && t.priority !== 'normal') details.priority = t.priority;
  if (t.spam) details.spam = true;
  if (t.suggestions && t.suggestions.length > 0) details.suggestions = t.suggestions;
  return Object.keys(details).length > 0 ? details : null;
}

/** The thread as stored and as its event carries it: empty sorting parts absent. */
export function normalizeThread(t: Thread): Thread {
  const { labels: _l, priority: _p, spam: _s, suggestions: _g, ...rest } = t;
  return { ...rest, ...detailsOf(t) };
}

const toThread = (r: ThreadRow): Thread => ({
  id: r.id,
  contactId: r.contact_id,
  channel: r.channel,
  status: r.status,
  assigneeId: r.assignee_id,
  createdAt: Number(r.created_at),
  lastMessageAt: Number(r.last_message_at),
  lastMessagePreview: r.last_message_preview,
  lastMessageDirection: r.last_message_direction,
  unreadCount: Number(r.unread_count),
  lastInboundAt: r.last_inbound_at === null ? null : Number(r.last_inbound_at),
  ...r.details,
});

const COLUMNS =
  'id, contact_id, channel, status, assignee_id, created_at, last_message_at, last_message_preview, ' +
  'last_message_direction, unread_count, last_inbound_at, details';

export async function getThread(db: SqlExecutor, id: string): Promise<Thread | null> {
  const rows = await db.query<ThreadRow>(`SELECT ${COLUMNS} FROM threads WHERE id = $1`, [id]);
  return rows[0] ? toThread(rows[0]) : null;
}

/** The contact's current conversation: a new message continues it, even when it was resolved. */
export async function latestThreadOf(db: SqlExecutor, contactId: string): Promise<Thread | null> {
  const rows = await db.query<ThreadRow>(
    `SELECT ${COLUMNS} FROM threads WHERE contact_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [contactId],
  );
  return rows[0] ? toThread(rows[0]) : null;
}

export async function listThreads(db: SqlExecutor, status?: ThreadStatus): Promise<Thread[]> {
  const rows = status
    ? await db.query<ThreadRow>(`SELECT ${COLUMNS} FROM threads WHERE status = $1 ORDER BY last_message_at DESC, id`, [
        status,
      ])
    : await db.query<ThreadRow>(`SELECT ${COLUMNS} FROM threads ORDER BY last_message_at DESC, id`);
  return rows.map(toThread);
}

/** Writes the whole thread (insert or overwrite), mirroring the `thread.upserted` event that carries it. */
export async function saveThread(db: SqlExecutor, t: Thread): Promise<void> {
  await db.query(
    `INSERT INTO threads (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO UPDATE SET
       status = EXCLUDED.status, assignee_id = EXCLUDED.assignee_id,
       last_message_at = EXCLUDED.last_message_at, last_message_preview = EXCLUDED.last_message_preview,
       last_message_direction = EXCLUDED.last_message_direction, unread_count = EXCLUDED.unread_count,
       last_inbound_at = EXCLUDED.last_inbound_at, details = EXCLUDED.details`,
    [
      t.id,
      t.contactId,
      t.channel,
      t.status,
      t.assigneeId,
      t.createdAt,
      t.lastMessageAt,
      t.lastMessagePreview,
      t.lastMessageDirection,
      t.unreadCount,
      t.lastInboundAt,
      (() => {
        const details = detailsOf(t);
        return details === null ? null : JSON.stringify(details);
      })(),
    ],
  );
}

/** Threads carrying a label (merge and delete rewrite them). */
export async function threadsWithLabel(db: SqlExecutor, labelId: string): Promise<Thread[]> {
  const rows = await db.query<ThreadRow>(
    `SELECT ${COLUMNS} FROM threads WHERE details -> 'labels' @> jsonb_build_array($1::text) ORDER BY id`,
    [labelId],
  );
  return rows.map(toThread);
}
