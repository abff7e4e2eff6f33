import { createHash } from 'node:crypto';
import type { SqlExecutor } from './sql';

export interface WebhookDelivery {
  id: number;
  channel: string;
  body: string;
  receivedAt: number;
}

/**
 * Stores an accepted webhook body before it is acknowledged. Returns false when the very same bytes were stored
 * already (Meta retries a delivery it thinks failed): nothing is written twice.
 */
export async function insertDelivery(db: SqlExecutor, channel: string, body: Buffer, at: number): Promise<boolean> {
  const hash = createHash('sha256').update(body).digest('hex');
  const rows = await db.query(
    `INSERT INTO webhook_deliveries (channel, body_hash, body, received_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (body_hash) DO NOTHING RETURNING id`,
    [channel, hash, body.toString('utf8'), at],
  );
  return rows.length === 1;
}

interface DeliveryRow {
  id: number;
  channel: string;
  body: string;
  received_at: number;
}

/** The oldest deliveries not processed yet, in arrival order. */
export async function pendingDeliveries(db: SqlExecutor, limit: number): Promise<WebhookDelivery[]> {
  const rows = await db.query<DeliveryRow>(
    `SELECT id, channel, body, received_at FROM webhook_deliveries WHERE processed_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ id: Number(r.id), channel: r.channel, body: r.body, receivedAt: Number(r.received_at) }));
}

/** Marks a delivery done; `error` records why some of it could not be applied (it is not retried). */
export async function markProcessed(db: SqlExecutor, id: number, at: number, error: string | null): Promise<void> {
  await db.query('UPDATE webhook_deliveries SET processed_at = $2, error = $3 WHERE id = $1', [id, at, error]);
}

export async function lastDeliveryAt(db: SqlExecutor, channel: string): Promise<number | null> {
  const rows = await db.query<{ at: number | null }>(
    'SELECT max(received_at) AS at FROM webhook_deliveries WHERE channel = $1',
    [channel],
  );
  const at = rows[0]?.at;
  return at === null || at === undefined ? null : Number(at);
}
