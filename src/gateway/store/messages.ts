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
});

const COLUMNS = 'id, thread_id, direction, author, text, ts, status, error, provider, provider_message_id, client_id';

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
export async function insertMessage(db: SqlExecutor, m: Message): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO messages (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
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
