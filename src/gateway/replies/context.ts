import { fail, ok, type Business, type OrderSummary, type Result } from '../../core';
import { UNKNOWN_THREAD } from '../inbox/errors';
import { readSortingSettings } from '../sorting/settings';
import { getMeta, setMeta } from '../store/meta';
import type { SqlExecutor } from '../store/sql';
import { getThread } from '../store/threads';

/** The meta key holding the shop's name, as `{{business.name}}` fills it. */
export const BUSINESS_NAME_KEY = 'business_name';

interface OrderRow {
  number: string;
  status: string;
  tracking_url: string | null;
  total: string | number;
  currency: string;
  created_at: string | number;
}

/** What `{{order.*}}` fills from: the most recent order of the conversation's customer, or null. */
export async function latestOrder(db: SqlExecutor, threadId: string): Promise<Result<OrderSummary | null>> {
  const thread = await getThread(db, threadId);
  if (!thread) return fail(UNKNOWN_THREAD);
  const rows = await db.query<OrderRow>(
    `SELECT number, status, tracking_url, total, currency, created_at FROM orders
     WHERE contact_id = $1 ORDER BY created_at DESC, number DESC LIMIT 1`,
    [thread.contactId],
  );
  const row = rows[0];
  if (!row) return ok(null);
  return ok({
    number: row.number,
    status: row.status,
    trackingUrl: row.tracking_url,
    total: Number(row.total),
    currency: row.currency,
    createdAt: Number(row.created_at),
  });
}

/** The shop as templates name it: its name ("" when never set) and the business hours of the sorting settings. */
export async function readBusiness(db: SqlExecutor): Promise<Business> {
  const [name, settings] = await Promise.all([getMeta(db, BUSINESS_NAME_KEY), readSortingSettings(db)]);
  return { name: name ?? '', hours: settings.businessHours };
}

export async function setBusinessName(db: SqlExecutor, name: string): Promise<void> {
  await setMeta(db, BUSINESS_NAME_KEY, name);
}
