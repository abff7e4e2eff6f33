import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  describeIssues,
  LIBRARY_LIMITS,
  SendInputSchema,
  StorableTextSchema,
  ThreadRefSchema,
  ThreadStatusSchema,
  type Agent,
  type OrderSourceKind,
  type Result,
  type Thread,
} from '../../core';
import type { Authenticate } from '../auth';
import type { SandboxChannel } from '../channels/sandbox';
import { UNKNOWN_MESSAGE, UNKNOWN_THREAD } from '../inbox/errors';
import type { Inbox } from '../inbox/inbox';
import type { Log } from '../log';
import { importDemoCsv, MAX_IMPORT_BYTES } from '../orders/demo-import';
import { addLibraryFile, deleteLibraryFile, listLibrary, readLibraryFile, UNKNOWN_FILE } from '../library/library';
import { readJsonBody, readRawBody } from './body';
import { sendBytes, sendError, sendJson } from './respond';

/** A media file of a message, fetched from its provider with the channel's token (which stays here). */
export type MediaSource = (messageId: string) => Promise<Result<{ bytes: Buffer; mimeType: string }>>;

export interface ApiOptions {
  inbox: Inbox;
  /** Null when no channel can fetch media: the endpoint then answers 404. */
  media: MediaSource | null;
  authenticate: Authenticate;
  /** Null when the sandbox channel is off: its endpoint then answers 404. */
  sandbox: SandboxChannel | null;
  version: string;
  log: Log;
  /** Where orders come from (default the demo shop): CSV import fills the demo shop only. */
  ordersSource?: () => OrderSourceKind;
}

// Strict: a field the API does not know is refused rather than ignored, so a typo never passes silently.
const ReplyBodySchema = z.strictObject({
  text: SendInputSchema.shape.text,
  clientId: SendInputSchema.shape.clientId.optional(),
  quickReplyId: SendInputSchema.shape.quickReplyId,
  attachments: SendInputSchema.shape.attachments,
});

/** The largest library file (a 16 MB PDF), with room for nothing else: the body is the file itself. */
const MAX_UPLOAD_BYTES = LIBRARY_LIMITS.document;

const SandboxBodySchema = z.strictObject({
  from: StorableTextSchema.trim().min(1).max(64),
  name: StorableTextSchema.trim().min(1).max(100),
  text: SendInputSchema.shape.text,
});

const OrdersImportQuerySchema = z.strictObject({ kind: z.enum(['products', 'orders']) });

const ThreadListQuerySchema = z.strictObject({ status: ThreadStatusSchema.optional() });

/** Thrown inside a handler to answer with an error status; logged once as a rejected input. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Request {
  req: IncomingMessage;
  agent: Agent;
  query: URLSearchParams;
  /** The captured path parameter (a thread id), already decoded. */
  param: string;
}

type Answer = { status: number; body: unknown } | { status: number; bytes: Buffer; mimeType: string };

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle(request: Request): Promise<Answer>;
}

/** The token-protected JSON API under /api (documented in docs/api.md). */
export function createApi(options: ApiOptions) {
  const { inbox, sandbox, log } = options;

  const body = async <S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> => {
    const read = await readJsonBody(req);
    if (!read.ok) throw new HttpError(read.status, read.error);
    const parsed = schema.safeParse(read.value);
    if (!parsed.success) throw new HttpError(400, `invalid body: ${describeIssues(parsed.error.issues)}`);
    return parsed.data;
  };

  const threadResult = (result: Result<Thread>) => {
    if (!result.ok) throw new HttpError(result.error === UNKNOWN_THREAD ? 404 : 400, result.error);
    return { status: 200, body: { ok: true, thread: result.value } };
  };

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/threads$/,
      async handle({ query }) {
        const names = [...query.keys()];
        if (new Set(names).size !== names.length) throw new HttpError(400, 'invalid query: a parameter is repeated');
        const parsed = ThreadListQuerySchema.safeParse(Object.fromEntries(query));
        if (!parsed.success) throw new HttpError(400, `invalid query: ${describeIssues(parsed.error.issues)}`);
        return { status: 200, body: { ok: true, threads: await inbox.threads(parsed.data.status) } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/threads\/([^/]+)\/messages$/,
      async handle({ param }) {
        const result = await inbox.messages(param);
        if (!result.ok) throw new HttpError(404, result.error);
        return { status: 200, body: { ok: true, messages: result.value } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/threads\/([^/]+)\/messages$/,
      async handle({ req, agent, param }) {
        const input = await body(req, ReplyBodySchema);
        const clientId = input.clientId ?? `api_${randomBytes(12).toString('base64url')}`;
        const result = await inbox.reply({
          agentId: agent.id,
          threadId: param,
          clientId,
          text: input.text,
          ...(input.quickReplyId && { quickReplyId: input.quickReplyId }),
          ...(input.attachments && { attachments: input.attachments }),
        });
        if (!result.ok) throw new HttpError(result.error === UNKNOWN_THREAD ? 404 : 409, result.error);
        return { status: result.value.created ? 201 : 200, body: { ok: true, message: result.value.message } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/threads\/([^/]+)\/resolve$/,
      handle: async ({ agent, param }) => threadResult(await inbox.resolve(agent.id, param)),
    },
    {
      method: 'POST',
      pattern: /^\/api\/threads\/([^/]+)\/reopen$/,
      handle: async ({ agent, param }) => threadResult(await inbox.reopen(agent.id, param)),
    },
    {
      method: 'GET',
      pattern: /^\/api\/media\/([^/]+)$/,
      async handle({ param }) {
        if (!options.media) throw new HttpError(404, 'no channel serves media on this gateway');
        const result = await options.media(param);
        if (!result.ok) throw new HttpError(result.error === UNKNOWN_MESSAGE ? 404 : 502, result.error);
        return { status: 200, ...result.value };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/library$/,
      handle: async () => ({ status: 200, body: { ok: true, files: await listLibrary(inbox.store) } }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/library$/,
      async handle({ req, agent, query }) {
        const name = query.get('name')?.trim();
        if (!name) throw new HttpError(400, 'invalid query: name (the file name) is required');
        const raw = await readRawBody(req, MAX_UPLOAD_BYTES);
        if (!raw.ok) throw new HttpError(raw.status, raw.status === 413 ? 'a file is at most 16 MB' : raw.error);
        const result = await addLibraryFile(inbox.store, agent.id, name, raw.value);
        if (!result.ok) throw new HttpError(415, result.error);
        return { status: result.value.created ? 201 : 200, body: { ok: true, file: result.value.file } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/library\/([^/]+)$/,
      async handle({ param }) {
        const read = await readLibraryFile(inbox.store, param);
        if (!read) throw new HttpError(404, UNKNOWN_FILE);
        return { status: 200, bytes: read.bytes, mimeType: read.file.mimeType };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/library\/([^/]+)\/delete$/,
      async handle({ agent, param }) {
        const result = await deleteLibraryFile(inbox.store, agent.id, param);
        if (!result.ok) throw new HttpError(result.error === UNKNOWN_FILE ? 404 : 409, result.error);
        return { status: 200, body: { ok: true, file: result.value } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/orders\/import$/,
      async handle({ req, agent, query }) {
        if (agent.role === 'agent') throw new HttpError(403, 'only a manager or an admin can import the shop');
        const kind = OrdersImportQuerySchema.safeParse(Object.fromEntries(query));
        if (!kind.success) throw new HttpError(400, 'invalid query: kind must be products or orders');
        const source = options.ordersSource?.() ?? 'demo';
        if (source !== 'demo')
          throw new HttpError(409, `orders come from ${source}: importing fills the demo shop only`);
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== 'text/csv' && type !== 'text/plain') throw new HttpError(415, 'send the file as text/csv (UTF-8)');
        const raw = await readRawBody(req, MAX_IMPORT_BYTES);
        if (!raw.ok) throw new HttpError(raw.status, raw.status === 413 ? 'a CSV file is at most 5 MB' : raw.error);
        const text = new TextDecoder('utf-8', { fatal: true });
        let csv: string;
        try {
          csv = text.decode(raw.value);
        } catch {
          throw new HttpError(400, 'the file is not UTF-8 text');
        }
        const result = await importDemoCsv(inbox.store, kind.data.kind, csv);
        if (!result.ok) throw new HttpError(400, result.error);
        return { status: 200, body: { ok: true, ...result.value } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sandbox\/messages$/,
      async handle({ req }) {
        if (!sandbox) throw new HttpError(404, 'the sandbox channel is off (start the gateway with the demo)');
        const input = await body(req, SandboxBodySchema);
        const { message, thread, contact } = await sandbox.ingestSandboxMessage(input);
        return { status: 201, body: { ok: true, message, thread, contact } };
      },
    },
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const agent = await options.authenticate(token);
    if (!agent) throw new HttpError(401, 'unauthorized', { 'www-authenticate': 'Bearer' });
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      if (matching.length === 0) throw new HttpError(404, `no route ${url.pathname}`);
      throw new HttpError(405, `${req.method ?? ''} is not allowed here`, {
        allow: matching.map((r) => r.method).join(', '),
      });
    }
    const param = decodeParam(route.pattern.exec(url.pathname)?.[1]);
    const answer = await route.handle({ req, agent, query: url.searchParams, param });
    if ('bytes' in answer) sendBytes(res, answer.bytes, answer.mimeType);
    else sendJson(res, answer.status, answer.body);
  };

  /** Answers one /api request; never throws. */
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      if (url.pathname === '/api/health') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
        sendJson(res, 200, { ok: true, version: options.version, workspaceId: inbox.store.workspaceId });
        return;
      }
      await handle(req, res, url);
    } catch (error) {
      if (error instanceof HttpError) {
        log(`rejected ${req.method ?? ''} ${url.pathname}: ${error.status} ${error.message}`);
        sendError(res, error.status, error.message, error.headers);
      } else {
        log(`${req.method ?? ''} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) sendError(res, 500, 'internal error');
        else res.destroy();
      }
    }
  };
}

/** A thread id from the path, checked like the socket's; a bad one is a 404 (no such thread). */
function decodeParam(raw: string | undefined): string {
  if (raw === undefined) return '';
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, UNKNOWN_THREAD);
  }
  if (!ThreadRefSchema.safeParse({ threadId: value }).success) throw new HttpError(404, UNKNOWN_THREAD);
  return value;
}
