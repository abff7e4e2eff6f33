import type { z } from 'zod';
import {
  AssignInputSchema,
  describeIssues,
  fail,
  ok,
  PullInputSchema,
  ReactInputSchema,
  SendInputSchema,
  ThreadRefSchema,
  type Agent,
  type ChannelStatus,
  type ClientToServerEvents,
  type MessageTemplate,
  type Result,
} from '../../core';
import type { Inbox } from '../inbox/inbox';
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

const withThread = async (pending: Promise<Result<import('../../core').Thread>>) => {
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
): Record<Exclude<keyof ClientToServerEvents, 'session:hello'>, Command> {
  const db = inbox.store.sql;
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
  };
}
