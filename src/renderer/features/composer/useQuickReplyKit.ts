import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  createQuickReplySearch,
  type Contact,
  type Locale,
  type Message,
  type OrderSummary,
  type Thread,
  type TemplateValues,
} from '../../../core';
import { useServices } from '../../data/context';
import { useConnection } from '../../data/hooks';
import { createQuickReplyActions, useBusiness, useQuickReplies } from '../../data/quickReplies';
import { useLiveLabels } from '../../data/sorting';
import type { SyncEngine } from '../../sync/engine';
import type { QuickReplyKit } from './components/Composer';
import { lastCustomerMessage, localeOf, suggestReplies, valuesOf } from './quickReplies';

/** How long an insertion waits for the order before filling without it. */
const ORDER_WAIT_MS = 1500;

/**
 * Each conversation's latest order, asked for once per session (per sync engine, so a new sign-in or a test
 * starts afresh): `null` when the customer has none. Only answers are kept; a failure is asked again next time.
 */
const orders = new WeakMap<object, Map<string, Promise<OrderSummary | null | undefined>>>();

export function latestOrder(sync: SyncEngine, threadId: string): Promise<OrderSummary | null | undefined> {
  let cache = orders.get(sync);
  if (!cache) orders.set(sync, (cache = new Map()));
  const known = cache.get(threadId);
  if (known) return known;
  // Offline: no order values (the agent fills the blanks), and nothing kept, so the next opening asks.
  if (sync.status !== 'online') return Promise.resolve(undefined);
  const asked = createQuickReplyActions(sync)
    .latestOrder(threadId)
    .then((result) => {
      if (!result.ok) cache.delete(threadId);
      return result.ok ? result.value : undefined;
    });
  cache.set(threadId, asked);
  return asked;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The customer and latest order of a conversation, for previews outside the reply box (settings): undefined
 * while loading or when there is no such conversation.
 */
export function useConversationFacts(
  threadId: string | null,
): { contact: Contact; order: OrderSummary | null | undefined } | undefined {
  const { db, sync } = useServices();
  const contact = useLiveQuery(async () => {
    const thread = threadId ? await db.threads.get(threadId) : undefined;
    return thread ? db.contacts.get(thread.contactId) : undefined;
  }, [db, threadId]);
  const [order, setOrder] = useState<OrderSummary | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setOrder(undefined);
    if (threadId) {
      void latestOrder(sync, threadId).then((value) => {
        if (live) setOrder(value);
      });
    }
    return () => {
      live = false;
    };
  }, [sync, threadId]);
  return contact ? { contact, order } : undefined;
}

/** Quick replies for one conversation's reply box; null while the replies are loading or there are none. */
export function useQuickReplyKit(thread: Thread, messages: readonly Message[] | undefined): QuickReplyKit | null {
  const { db, sync } = useServices();
  const replies = useQuickReplies();
  const labels = useLiveLabels();
  const business = useBusiness();
  const { agent } = useConnection();
  const contact = useLiveQuery(() => db.contacts.get(thread.contactId), [db, thread.contactId]);
  const [order, setOrder] = useState<OrderSummary | null | undefined>(undefined);
  const threadId = thread.id;

  // A conversation whose order was fetched earlier in the session has it at once.
  useEffect(() => {
    let live = true;
    setOrder(undefined);
    const cached = orders.get(sync)?.get(threadId);
    void cached?.then((value) => {
      if (live) setOrder(value);
    });
    return () => {
      live = false;
    };
  }, [sync, threadId]);

  const facts = useMemo(
    () => ({ contact, agentName: agent?.name ?? null, business }),
    [contact, agent?.name, business],
  );
  const factsRef = useRef(facts);
  factsRef.current = facts;
  const valuesFor = useCallback((locale: Locale) => valuesOf({ ...facts, order }, locale), [facts, order]);
  const prepare = useCallback(async () => {
    const value = await within(latestOrder(sync, threadId), ORDER_WAIT_MS);
    if (value !== undefined) setOrder(value);
    return (locale: Locale): TemplateValues => valuesOf({ ...factsRef.current, order: value ?? order }, locale);
  }, [sync, threadId, order]);

  const search = useMemo(() => createQuickReplySearch(replies ?? [], agent?.id ?? null), [replies, agent?.id]);
  const labelNames = useMemo(() => new Map((labels ?? []).map((l) => [l.id, l.name])), [labels]);
  const last = lastCustomerMessage(messages);
  const suggestions = useMemo(
    () => suggestReplies(last, replies ?? [], search, labelNames),
    [last, replies, search, labelNames],
  );
  const locale = localeOf(messages, contact);

  return useMemo(
    () => (replies && replies.length > 0 ? { search, locale, valuesFor, prepare, suggestions } : null),
    [replies, search, locale, valuesFor, prepare, suggestions],
  );
}
