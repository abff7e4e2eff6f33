import { openStore } from '../../src/gateway/store/store';

/**
 * Fills a gateway store with a large inbox straight through SQL (the public paths would take minutes at this
 * size): `threads` conversations, `messages` messages spread over them, and the events a desktop replays —
 * one per contact, one per message, and each thread's final state.
 */
export async function seedLargeStore(dataDir: string, threads: number, messages: number): Promise<void> {
  const start = Date.now() - messages * 1000;
  const store = await openStore({ dataDir, now: () => Date.now(), log: () => {} });
  try {
    await store.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO contacts (id, name, channel, handle, email, phone, locale, created_at, provider)
         SELECT 'bc_' || i, 'Client ' || i, 'whatsapp', '+3360' || lpad(i::text, 7, '0'), NULL,
                '+3360' || lpad(i::text, 7, '0'), CASE WHEN i % 2 = 0 THEN 'fr' ELSE 'en' END, $1::bigint, 'sandbox'
         FROM generate_series(0, $2 - 1) AS i`,
        [start, threads],
      );
      // Threads first (messages reference them), then their summaries from their last message.
      await tx.query(
        `INSERT INTO threads (id, contact_id, channel, status, assignee_id, created_at, last_message_at,
                              last_message_preview, last_message_direction, unread_count, last_inbound_at)
         SELECT 'bt_' || t, 'bc_' || t, 'whatsapp', CASE WHEN t % 4 = 0 THEN 'resolved' ELSE 'open' END,
                CASE WHEN t % 5 = 0 THEN 'agent_owner' END, $1::bigint, $1::bigint, '', 'in', 0, NULL
         FROM generate_series(0, $2 - 1) AS t`,
        [start, threads],
      );
      await tx.query(
        `INSERT INTO messages (id, thread_id, direction, author, text, ts, status, error, provider,
                               provider_message_id, client_id)
         SELECT 'bm_' || i, 'bt_' || (i % $3),
                CASE WHEN i % 3 = 2 THEN 'out' ELSE 'in' END,
                CASE WHEN i % 3 = 2 THEN jsonb_build_object('kind', 'agent', 'agentId', 'agent_owner')
                     ELSE jsonb_build_object('kind', 'customer', 'contactId', 'bc_' || (i % $3)) END,
                CASE WHEN i % 3 = 2 THEN 'Votre commande part demain, voici le suivi : https://track.example.com/' || i
                     ELSE 'Bonjour, ma commande #' || (1000 + i % 9000) || ' n''est pas arrivée, pouvez-vous vérifier ? ' || i END,
                $1::bigint + i::bigint * 1000, CASE WHEN i % 3 = 2 THEN 'read' ELSE 'delivered' END, NULL, 'sandbox',
                CASE WHEN i % 3 = 2 THEN NULL ELSE 'bench_' || i END, NULL
         FROM generate_series(0, $2 - 1) AS i`,
        [start, messages, threads],
      );
      await tx.query(
        `UPDATE threads SET last_message_at = m.ts, last_message_preview = left(m.text, 140),
                last_message_direction = m.direction, unread_count = CASE WHEN m.direction = 'in' THEN 1 ELSE 0 END,
                last_inbound_at = m.ts
         FROM (SELECT DISTINCT ON (thread_id) thread_id, ts, text, direction FROM messages
               WHERE id LIKE 'bm_%' ORDER BY thread_id, ts DESC) m
         WHERE threads.id = m.thread_id`,
      );
      const head = Number((await tx.query<{ h: number }>('SELECT coalesce(max(seq), 0) AS h FROM events'))[0]?.h ?? 0);
      await tx.query(
        `INSERT INTO events (seq, type, at, actor, body)
         SELECT seq, type, at, actor,
                (jsonb_build_object('seq', seq, 'type', type, 'at', at, 'actor', actor) || payload)::text
         FROM (SELECT $1::bigint + row_number() OVER (ORDER BY created_at, id) AS seq, 'contact.upserted' AS type, created_at AS at,
                'system' AS actor,
                jsonb_build_object('contact', jsonb_build_object('id', id, 'name', name, 'channel', channel,
                  'handle', handle, 'email', email, 'phone', phone, 'locale', locale, 'createdAt', created_at)) AS payload
         FROM contacts WHERE id LIKE 'bc_%') e`,
        [head],
      );
      await tx.query(
        `INSERT INTO events (seq, type, at, actor, body)
         SELECT seq, type, at, actor,
                (jsonb_build_object('seq', seq, 'type', type, 'at', at, 'actor', actor) || payload)::text
         FROM (SELECT $1::bigint + row_number() OVER (ORDER BY ts, id) AS seq, 'message.added' AS type, ts AS at, 'system' AS actor,
                jsonb_build_object('message', jsonb_build_object('id', id, 'threadId', thread_id,
                  'direction', direction, 'author', author, 'text', text, 'ts', ts, 'status', status,
                  'error', error, 'provider', provider, 'providerMessageId', provider_message_id,
                  'clientId', client_id)) AS payload
         FROM messages WHERE id LIKE 'bm_%') e`,
        [head + threads],
      );
      await tx.query(
        `INSERT INTO events (seq, type, at, actor, body)
         SELECT seq, type, at, actor,
                (jsonb_build_object('seq', seq, 'type', type, 'at', at, 'actor', actor) || payload)::text
         FROM (SELECT $1::bigint + row_number() OVER (ORDER BY last_message_at, id) AS seq, 'thread.upserted' AS type,
                last_message_at AS at, 'system' AS actor,
                jsonb_build_object('thread', jsonb_build_object('id', id, 'contactId', contact_id,
                  'channel', channel, 'status', status, 'assigneeId', assignee_id, 'createdAt', created_at,
                  'lastMessageAt', last_message_at, 'lastMessagePreview', last_message_preview,
                  'lastMessageDirection', last_message_direction, 'unreadCount', unread_count,
                  'lastInboundAt', last_inbound_at)) AS payload
         FROM threads WHERE id LIKE 'bt_%') e`,
        [head + threads + messages],
      );
    });
  } finally {
    await store.close();
  }
}
