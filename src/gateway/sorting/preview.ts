import {
  isWithinBusinessHours,
  type Channel,
  type CompiledRule,
  type Locale,
  type RulePreview,
  type RulePreviewMatch,
  type SortingSettings,
  type ThreadStatus,
} from '../../core';
import { guessLocale } from '../channels/locale-guess';
import type { SqlExecutor } from '../store/sql';

const MAX_MATCHES = 50;

interface Row {
  id: string;
  thread_id: string;
  text: string;
  ts: number;
  language: Locale | null;
  channel: Channel;
  status: ThreadStatus;
  labels: string[] | null;
  contact_id: string;
  contact_name: string;
  locale: Locale;
  first: boolean;
}

/**
 * Runs a rule's conditions over the newest customer messages, changing nothing: what the settings screen shows
 * as "this rule would have matched these N recent messages". Labels and status are the conversations' current
 * ones, open orders are today's, and "new customer" means the message was the customer's first.
 */
export async function previewRule(
  db: SqlExecutor,
  rule: CompiledRule,
  settings: SortingSettings,
  limit: number,
): Promise<RulePreview> {
  const rows = await db.query<Row>(
    `SELECT m.id, m.thread_id, m.text, m.ts, m.details ->> 'language' AS language, t.channel, t.status,
       t.details -> 'labels' AS labels, c.id AS contact_id, c.name AS contact_name, c.locale,
       NOT EXISTS (
         SELECT 1 FROM threads et JOIN messages e ON e.thread_id = et.id
         WHERE et.contact_id = c.id AND e.direction = 'in' AND (e.ts < m.ts OR (e.ts = m.ts AND e.id < m.id))
       ) AS first
     FROM messages m JOIN threads t ON t.id = m.thread_id JOIN contacts c ON c.id = t.contact_id
     WHERE m.direction = 'in' AND m.text <> ''
     ORDER BY m.ts DESC, m.id DESC LIMIT $1`,
    [limit],
  );
  const needsOrders = rule.rule.conditions.some((c) => c.kind === 'openOrder');
  const withOrders = needsOrders ? await contactsWithOpenOrders(db, [...new Set(rows.map((r) => r.contact_id))]) : null;
  const matches: RulePreviewMatch[] = [];
  let matched = 0;
  for (const row of rows) {
    const ts = Number(row.ts);
    const hit = rule.test({
      text: row.text,
      channel: row.channel,
      language: row.language ?? guessLocale(row.text) ?? row.locale,
      customer: row.first ? 'new' : 'returning',
      hasOpenOrder: withOrders?.has(row.contact_id) ?? false,
      insideHours: isWithinBusinessHours(settings.businessHours, ts),
      status: row.status,
      labels: row.labels ?? [],
    });
    if (!hit) continue;
    matched++;
    if (matches.length < MAX_MATCHES) {
      matches.push({ messageId: row.id, threadId: row.thread_id, contactName: row.contact_name, text: row.text, ts });
    }
  }
  return { checked: rows.length, matched, matches };
}

async function contactsWithOpenOrders(db: SqlExecutor, contactIds: string[]): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await db.query<{ contact_id: string }>(
    `SELECT DISTINCT contact_id FROM orders WHERE status IN ('pending', 'paid', 'shipped') AND contact_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(contactIds)],
  );
  return new Set(rows.map((r) => r.contact_id));
}
