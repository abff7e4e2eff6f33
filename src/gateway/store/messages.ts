import type { Author, Message, MessageStatus, Provider } from '../../core';
import type { SqlExecutor } from './sql';

interface MessageRow {
  id: string;
  thread_id: string;
  direction: 'in' | 'out';
  author: Author;
  text: string;
  ts: number;
  status: MessageStatus;
  error: string | null;
  provider: Provider;
  provider_message_id: string | null;
  client_id: string | null;
  details: MessageDetails | null;
}

/** The optional parts of a message, stored together in `details`. */
type MessageDetails = Pick<
  Message,
  'content' | 'quote' | 'forwarded' | 'referral' | 'reactions' | 'editedAt' | 'deletedAt' | 'intent' | 'language'
>;
const DETAIL_KEYS = [
  'content',
  'quote',
  'forwarded',
  'referral',
  'reactions',
  'editedAt',
  'deletedAt',
  'intent',
  'language',
] as const;

function detailsOf(m: Message): MessageDetails | null {
  const details: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) if (m[key] !== undefined) details[key] = m[key];
  return Object.keys(details).length > 0 ? (details as MessageDetails) : null;
}

const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  threadId: r.thread_id,
  direction: r.direction,
  author: r.author,
  text: r.text,
  ts: Number(r.ts),
  status: r.status,
  error: r.error,
  provider: r.provider,
  providerMessageId: r.provider_message_id,
  clientId: r.client_id,
  ...r.details,
});

const COLUMNS =
  'id, thread_id, direction, author, text, ts, status, error, provider, provider_message_id, client_id, details';

async function one(db: SqlExecutor, where: string, params: (string | null)[]): Promise<Message | null> {
  const rows = await db.query<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE ${where}`, params);
  return rows[0] ? toMessage(rows[0]) : null;
}

export const getMessage = (db: SqlExecutor, id: string) => one(db, 'id = $1', [id]);
export const findByClientId = (db: SqlExecutor, clientId: string) => one(db, 'client_id = $1', [clientId]);
export const findByProviderId = (db: SqlExecutor, provider: Provider, providerMessageId: string) =>
  one(db, 'provider = $1 AND provider_message_id = $2', [provider, providerMessageId]);

export async function listMessages(db: SqlExecutor, threadId: string): Promise<Message[]> {
  const rows = await db.query<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE thread_id = $1 ORDER BY ts, id`, [
    threadId,
  ]);
  return rows.map(toMessage);
}

/** The customer's newest message in a thread: what a read receipt points at. */
export async function lastInbound(db: SqlExecutor, threadId: string): Promise<Message | null> {
  const rows = await db.query<MessageRow>(
    `SELECT ${COLUMNS} FROM messages WHERE thread_id = $1 AND direction = 'in' ORDER BY ts DESC, id DESC LIMIT 1`,
    [threadId],
  );
  return rows[0] ? toMessage(rows[0]) : null;
}

/** Outbound messages a channel has not finished delivering: resumed after a restart. */
export async function listUndelivered(db: SqlExecutor, provider: Provider): Promise<Message[]> {
  const rows = await db.query<MessageRow>(
    `SELECT ${COLUMNS} FROM messages
     WHERE direction = 'out' AND provider = $1 AND status IN ('pending', 'sent', 'delivered') ORDER BY ts, id`,
    [provider],
  );
  return rows.map(toMessage);
}

/**
 * Inserts unless a message with the same provider id or client id is already stored; returns whether it did.
 * The unique constraints decide, so a retried webhook or a resent reply can never store twice.
 */
export async function insertMessage(db: SqlExecutor, m: Message, raw: string | null = null): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO messages (${COLUMNS}, raw) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      m.id,
      m.threadId,
      m.direction,
      JSON.stringify(m.author),
      m.text,
      m.ts,
      m.status,
      m.error,
      m.provider,
      m.providerMessageId,
      m.clientId,
      jsonOrNull(detailsOf(m)),
      raw,
    ],
  );
  return rows.length === 1;
}

export async function updateDelivery(db: SqlExecutor, m: Message): Promise<void> {
  await db.query('UPDATE messages SET status = $2, error = $3, provider_message_id = $4 WHERE id = $1', [
    m.id,
    m.status,
    m.error,
    m.providerMessageId,
  ]);
}

/** Rewrites what a customer can change after sending: the text (an edit, a deletion) and the details. */
export async function updateContent(db: SqlExecutor, m: Message): Promise<void> {
  await db.query('UPDATE messages SET text = $2, details = $3 WHERE id = $1', [m.id, m.text, jsonOrNull(detailsOf(m))]);
}

const jsonOrNull = (value: object | null) => (value === null ? null : JSON.stringify(value));

/** Outbound messages to one contact sent at or before `ts` and not read yet: a read watermark covers them. */
export async function listUnreadOutbound(db: SqlExecutor, contactId: string, ts: number): Promise<Message[]> {
  const rows = await db.query<MessageRow>(
    `SELECT ${COLUMNS.replace(/(^|, )/g, '$1m.')} FROM messages m JOIN threads t ON t.id = m.thread_id
     WHERE t.contact_id = $1 AND m.direction = 'out' AND m.ts <= $2 AND m.status IN ('sent', 'delivered')
     ORDER BY m.ts`,
    [contactId, ts],
  );
  return rows.map(toMessage);
}
