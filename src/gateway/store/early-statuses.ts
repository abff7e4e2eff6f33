import type { MessageStatus, Provider } from '../../core';
import type { SqlExecutor } from './sql';

export interface EarlyStatus {
  status: MessageStatus;
  error: string | null;
}

/** Keeps a status whose message is not known by its provider id yet (the send's answer is still on its way). */
export async function holdEarlyStatus(
  db: SqlExecutor,
  provider: Provider,
  providerMessageId: string,
  status: EarlyStatus & { at: number },
): Promise<void> {
  await db.query(
    `INSERT INTO early_statuses (provider, provider_message_id, status, error, at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [provider, providerMessageId, status.status, status.error, status.at],
  );
}

/** Removes and returns the statuses held for a provider id, oldest first. */
export async function takeEarlyStatuses(
  db: SqlExecutor,
  provider: Provider,
  providerMessageId: string,
): Promise<EarlyStatus[]> {
  return db.query<EarlyStatus>(
    `DELETE FROM early_statuses WHERE provider = $1 AND provider_message_id = $2 RETURNING status, error`,
    [provider, providerMessageId],
  );
}
