import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { z } from 'zod';
import {
  describeIssues,
  HelloOutputSchema,
  MessageSchema,
  SyncEventSchema,
  type ClientToServerEvents,
  type Message,
  type Result,
  type SyncEvent,
} from '../../core';

/** Everything the gateway sends is parsed here, at the edge; inside the engine the types are trusted. */
const PullFrameSchema = z.object({
  // socket.io-client hands a binary attachment over as an ArrayBuffer in browsers, a Buffer (a Uint8Array) in Node.
  page: z.union([z.instanceof(ArrayBuffer), z.instanceof(Uint8Array)]),
  count: z.number().int().nonnegative(),
  head: z.number().int().nonnegative(),
});
const PageEventsSchema = z.array(SyncEventSchema);
export interface PulledPage {
  events: SyncEvent[];
  head: number;
}

/** A `sync:pull` answer: the page's bytes decoded, parsed and every event validated, or a readable failure. */
export function parsePullOutput(result: Result<unknown>): Result<PulledPage> {
  const frame = parseValue(result, PullFrameSchema, 'sync:pull');
  if (!frame.ok) return frame;
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(frame.value.page)) as unknown;
  } catch {
    return { ok: false, error: 'malformed reply to sync:pull: the page is not JSON' };
  }
  const events = PageEventsSchema.safeParse(raw);
  if (!events.success) {
    return { ok: false, error: `malformed reply to sync:pull: ${describeIssues(events.error.issues)}` };
  }
  if (events.data.length !== frame.value.count) {
    return { ok: false, error: 'malformed reply to sync:pull: the page does not hold the events it announces' };
  }
  return { ok: true, value: { events: events.data, head: frame.value.head } };
}

const decoder = new TextDecoder();
export const PushSchema = z.object({ events: z.array(SyncEventSchema) });
export { HelloOutputSchema };

const AckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/**
 * What came back from one request. A transport failure (offline, a lost acknowledgement) says nothing about
 * whether the gateway acted, so it is kept apart from the gateway's own answer, which is final.
 */
export type Reply = { kind: 'answer'; result: Result<unknown> } | { kind: 'transport'; error: string };

export type CommandName = keyof ClientToServerEvents;

/** socket.io-client's `io`, narrowed to how it is called here, so a test can tune its reconnection delays. */
export type Connect = (url: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;

export async function request(socket: Socket, name: CommandName, args: unknown[], timeoutMs: number): Promise<Reply> {
  // socket.io buffers an emit made while disconnected and sends it on reconnect, long after its caller gave up:
  // a command must either go now or not at all.
  if (!socket.connected) return { kind: 'transport', error: 'offline' };
  let raw: unknown;
  try {
    raw = await socket.timeout(timeoutMs).emitWithAck(name, ...args);
  } catch (error) {
    return { kind: 'transport', error: error instanceof Error ? error.message : String(error) };
  }
  const parsed = AckSchema.safeParse(raw);
  if (!parsed.success) {
    return { kind: 'transport', error: `malformed reply to ${name}: ${describeIssues(parsed.error.issues)}` };
  }
  return { kind: 'answer', result: parsed.data };
}

/** Parses an answer's value; a value that does not fit is reported as an error, never trusted. */
export function parseValue<T>(result: Result<unknown>, schema: z.ZodType<T>, name: string): Result<T> {
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `malformed reply to ${name}: ${describeIssues(parsed.error.issues)}` };
}

/** The message in a `message:send` answer, if it is one; only used to settle a pending copy sooner. */
export function sentMessageOf(value: unknown): Message | null {
  const parsed = z.object({ message: MessageSchema }).safeParse(value);
  return parsed.success ? parsed.data.message : null;
}
