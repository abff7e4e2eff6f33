import type { z } from 'zod';
import {
  AssignInputSchema,
  describeIssues,
  fail,
  ok,
  PullInputSchema,
  QuickReplyImportSchema,
  QuickReplyRefSchema,
  QuickReplySaveSchema,
  ReactInputSchema,
  SendInputSchema,
  LabelCreateSchema,
  LabelMergeSchema,
  LabelRefSchema,
  LabelUpdateSchema,
  OrdersCancelSchema,
  OrdersFindSchema,
  OrdersForThreadSchema,
  OrdersFromCartSchema,
  OrdersSetStatusSchema,
  CatalogSearchSchema,
  OrdersUpdateAddressSchema,
  RulePreviewSchema,
  RuleRefSchema,
  RuleSaveSchema,
  SortingSettingsSchema,
  ThreadLabelSchema,
  ThreadPrioritySchema,
  ThreadRefSchema,
  ThreadSpamSchema,
  ThreadSuggestionSchema,
  type Agent,
  type ChannelStatus,
  type ClientToServerEvents,
  type MessageTemplate,
  type Result,
  type Thread,
} from '../../core';
import type { Inbox } from '../inbox/inbox';
import { createOrderSources } from '../orders/config';
import { searchCatalog } from '../orders/catalog';
import { tellOrderUpdate } from '../orders/notify';
import { createOrdersService, type OrdersService } from '../orders/service';
import { deleteQuickReply, importQuickReplies, saveQuickReply } from '../replies/replies';
import { createLabel, deleteLabel, mergeLabels, updateLabel } from '../sorting/labels';
import type { Sorting } from '../sorting/service';
import { dismissSuggestion, labelThread, setPriority, setSpam, type Lesson } from '../sorting/thread-sorting';
import { headSeq, readEventPage } from '../store/events';

/** A socket command: the caller (authenticated at the handshake) and its raw, untrusted input. */
type Command = (agent: Agent, input: unknown) => Promise<Result<unknown>>;

/** Parses `input` with `schema` and runs `run` on the result, or fails with a readable message. */
function parsed<S extends z.ZodType>(schema: S, run: (agent: Agent, input: z.output<S>) => Promise<Result<unknown>>) {
  return async (agent: Agent, input: unknown): Promise<Result<unknown>> => {
    const result = schema.safeParse(input);
    if (!result.success) return fail(`invalid input: ${describeIssues(result.error.issues)}`);
    return run(agent, result.data);
  };
}

/** Workspace settings (rules, thresholds, merging and deleting labels) are for managers and admins. */
function managing(run: Command): Command {
  return (agent, input) =>
    agent.role === 'agent' ? Promise.resolve(fail('only a manager or an admin can change this')) : run(agent, input);
}

const withThread = async (pending: Promise<Result<Thread>>) => {
  const result = await pending;
  return result.ok ? ok({ thread: result.value }) : result;
};

/** What the channels tell a desktop: their state, and the templates it may send. */
export interface ChannelQueries {
  status(): Promise<ChannelStatus[]>;
  templates(threadId: string): Promise<Result<MessageTemplate[]>>;
}

/** Every command of the socket contract except `session:hello` (which takes no input). */
export function socketCommands(
  inbox: Inbox,
  channels: ChannelQueries,
  sorting: Sorting,
  /** The shop (see orders/config.ts); the demo shop in the gateway's database when not given. */
  orders: OrdersService = createOrdersService({
    store: inbox.store,
    ...createOrderSources({ kind: 'demo' }, inbox.store),
  }),
): Record<Exclude<keyof ClientToServerEvents, 'session:hello'>, Command> {
  const db = inbox.store.sql;
  const store = inbox.store;
  const withOrder = async <T>(pending: Promise<Result<T>>, wrap: (value: T) => object) => {
    const result = await pending;
    return result.ok ? ok(wrap(result.value)) : result;
  };
  // A label edit answers with the thread; what it teaches the model is learned once it is committed.
  const sorted = async (pending: Promise<Result<{ thread: Thread; lesson: Lesson | null }>>) => {
    const result = await pending;
    if (!result.ok) return result;
    sorting.learnFrom(result.value.lesson);
    return ok({ thread: result.value.thread });
  };
  const labelled = async <T>(pending: Promise<Result<T>>, wrap: (value: T) => object) => {
    const result = await pending;
    if (!result.ok) return result;
    await sorting.refresh();
    return ok(wrap(result.value));
  };
  return {
    'sync:pull': parsed(PullInputSchema, async (_agent, { after, limit }) => {
      // The head is read first: events appended between the two reads are in the page or after the head.
      const head = await headSeq(db);
      const page = await readEventPage(db, after, limit);
      // A Buffer goes out as a binary attachment: no JSON escaping of the page on the way.
      return ok({ page: Buffer.from(page.json), count: page.count, head: Math.max(head, page.last) });
    }),
    'message:send': parsed(SendInputSchema, async (agent, input) => {
      const result = await inbox.reply({ ...input, agentId: agent.id });
      return result.ok ? ok({ message: result.value.message }) : result;
    }),
    'thread:resolve': parsed(ThreadRefSchema, (agent, { threadId }) => withThread(inbox.resolve(agent.id, threadId))),
    'thread:reopen': parsed(ThreadRefSchema, (agent, { threadId }) => withThread(inbox.reopen(agent.id, threadId))),
    'thread:read': parsed(ThreadRefSchema, (agent, { threadId }) => withThread(inbox.markRead(agent.id, threadId))),
    'thread:assign': parsed(AssignInputSchema, (agent, { threadId, assigneeId }) =>
      withThread(inbox.assign(agent.id, threadId, assigneeId)),
    ),
    'message:react': parsed(ReactInputSchema, async (agent, { messageId, emoji }) => {
      const result = await inbox.react(agent.id, messageId, emoji);
      return result.ok ? ok({ message: result.value }) : result;
    }),
    // Takes no input: whatever comes is ignored, like session:hello.
    'channels:status': async () => ok({ channels: await channels.status() }),
    'templates:list': parsed(ThreadRefSchema, async (_agent, { threadId }) => {
      const result = await channels.templates(threadId);
      return result.ok ? ok({ templates: result.value }) : result;
    }),
    'labels:create': parsed(LabelCreateSchema, (agent, input) =>
      labelled(createLabel(store, agent.id, input), (label) => ({ label })),
    ),
    'labels:update': parsed(LabelUpdateSchema, (agent, input) =>
      labelled(updateLabel(store, agent.id, input), (label) => ({ label })),
    ),
    'labels:merge': managing(
      parsed(LabelMergeSchema, (agent, { fromId, intoId }) =>
        labelled(mergeLabels(store, agent.id, fromId, intoId), (value) => value),
      ),
    ),
    'labels:delete': managing(
      parsed(LabelRefSchema, (agent, { labelId }) => labelled(deleteLabel(store, agent.id, labelId), (value) => value)),
    ),
    'thread:label': parsed(ThreadLabelSchema, (agent, input) => sorted(labelThread(store, agent.id, input))),
    'thread:dismiss-suggestion': parsed(ThreadSuggestionSchema, (agent, { threadId, labelId }) =>
      sorted(dismissSuggestion(store, agent.id, threadId, labelId)),
    ),
    'thread:priority': parsed(ThreadPrioritySchema, (agent, { threadId, priority }) =>
      sorted(setPriority(store, agent.id, threadId, priority)),
    ),
    'thread:spam': parsed(ThreadSpamSchema, (agent, { threadId, spam }) =>
      sorted(setSpam(store, agent.id, threadId, spam)),
    ),
    // Takes no input, like channels:status.
    'sorting:get': async () => ok({ settings: sorting.settings, model: sorting.modelStatus() }),
    'sorting:save': managing(
      parsed(SortingSettingsSchema, async (_agent, settings) => ok({ settings: await sorting.saveSettings(settings) })),
    ),
    'rules:list': async () => ok({ rules: await sorting.listRules() }),
    'rules:save': managing(
      parsed(RuleSaveSchema, async (_agent, { rule }) => {
        const result = await sorting.saveRule(rule);
        return result.ok ? ok({ rule: result.value }) : result;
      }),
    ),
    'rules:delete': managing(
      parsed(RuleRefSchema, async (_agent, { ruleId }) => {
        const result = await sorting.deleteRule(ruleId);
        return result.ok ? ok({ rules: result.value }) : result;
      }),
    ),
    'rules:preview': parsed(RulePreviewSchema, (_agent, { rule, limit }) => sorting.previewRule(rule, limit)),
    // Quick replies are the whole team's: any agent may write, edit, delete or import them.
    'replies:save': parsed(QuickReplySaveSchema, async (agent, { reply }) => {
      const result = await saveQuickReply(store, agent.id, reply);
      return result.ok ? ok({ reply: result.value }) : result;
    }),
    'replies:delete': parsed(QuickReplyRefSchema, async (agent, { replyId }) => {
      const result = await deleteQuickReply(store, agent.id, replyId);
      return result.ok ? ok({ reply: result.value }) : result;
    }),
    'replies:import': parsed(QuickReplyImportSchema, (agent, { replies }) =>
      importQuickReplies(store, `agent:${agent.id}`, replies),
    ),
    'orders:latest': parsed(ThreadRefSchema, (_agent, { threadId }) =>
      withOrder(orders.latest(threadId), (order) => ({ order })),
    ),
    // Any agent may look up, cancel or re-address an order: it is what answering a customer takes.
    'orders:for-thread': parsed(OrdersForThreadSchema, (_agent, { threadId }) => orders.forThread(threadId)),
    'orders:find': parsed(OrdersFindSchema, (_agent, { number }) =>
      withOrder(orders.find(number), (order) => ({ order, source: orders.source.kind })),
    ),
    'orders:cancel': parsed(OrdersCancelSchema, (_agent, { orderId }) =>
      withOrder(orders.cancel(orderId), (order) => ({ order })),
    ),
    'orders:update-address': parsed(OrdersUpdateAddressSchema, (_agent, { orderId, address }) =>
      withOrder(orders.updateAddress(orderId, address), (order) => ({ order })),
    ),
    'orders:from-cart': parsed(OrdersFromCartSchema, (_agent, { threadId, messageId }) =>
      orders.fromCart(threadId, messageId),
    ),
    'catalog:search': parsed(CatalogSearchSchema, async (_agent, { query }) =>
      ok({ products: await searchCatalog(db, query) }),
    ),
    'orders:set-status': parsed(OrdersSetStatusSchema, async (agent, { orderId, status }) => {
      const moved = await orders.setStatus(orderId, status);
      if (!moved.ok) return moved;
      const told = await tellOrderUpdate(inbox, moved.value, status, { kind: 'shop', agentId: agent.id });
      return ok({ order: moved.value, told });
    }),
  };
}
