import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server';

/**
 * A local stand-in for Meta's Graph API (graph.facebook.com), which tests cannot reach: a real HTTP server that
 * speaks the documented wire format for the calls the gateway makes. Shapes and their sources:
 * - errors: {error:{message, type, code, error_subcode, error_data:{details}, fbtrace_id}} (graph-api/guides/error-handling,
 *   whatsapp/support/error-codes); a bad token is HTTP 401, OAuthException, code 190.
 * - WhatsApp send: POST /{phone-number-id}/messages → {messaging_product, contacts:[{input, wa_id}], messages:[{id}]}
 *   (whatsapp/cloud-api/reference/messages); mark as read → {success:true}.
 * - Messenger/Instagram send: POST /me/messages → {recipient_id, message_id} (messenger-platform/reference/send-api).
 * - Templates: GET /{waba-id}/message_templates → {data, paging:{cursors:{before, after}, next}} (template-management).
 * - Media: GET /{media-id} → {messaging_product, url, mime_type, sha256, file_size, id}; the url needs the bearer too.
 * - Uploads (multipart/form-data): POST /{phone-number-id}/media with messaging_product=whatsapp, type and file →
 *   {id} (cloud-api/reference/media); POST /me/message_attachments with `message` (JSON text:
 *   {attachment:{type, payload:{is_reusable}}}), `filedata` and, for Instagram, platform=instagram → {attachment_id}
 *   (messenger-platform/reference/attachment-upload-api). Sent by id: WhatsApp `image: {id}` / `document: {id,
 *   filename}`; Send API `message: {attachment: {type, payload: {attachment_id}}}`.
 * - User profiles: GET /{PSID}?fields=first_name,last_name (Messenger user profile API) and
 *   GET /{IGSID}?fields=name,username (Instagram user profile): the fields asked for that the profile has.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or null when the body was empty or not JSON; a multipart form's fields (files as UploadedFile). */
  body: unknown;
}

/** A file part of a multipart upload, as the fake received it. */
export interface UploadedFile {
  filename: string;
  type: string;
  bytes: Buffer;
}

export interface FakeGraphApiOptions {
  /** The one access token accepted (as a Bearer header, or `access_token` in the query as Graph also allows). */
  token?: string;
  /** Node ids that are Pages: POST /{id}/messages there speaks the Send API; any other id is a WhatsApp number. */
  pageIds?: readonly string[];
  /** Waits this long before answering anything (timeout tests). */
  delayMs?: number;
  /** Caps the template page size below the `limit` asked for, so paging shows with a few templates. */
  templatesPageSize?: number;
  /** Puts `access_token` in `paging.next`, as Graph does for a token sent in the query. */
  echoTokenInPaging?: boolean;
}

export interface FailOptions {
  headers?: Record<string, string>;
  /** Which requests the failure applies to; POST by default. */
  method?: 'POST' | 'GET' | 'ANY';
  /** Only requests whose path ends with this (e.g. '/media'); any path by default. */
  pathEndsWith?: string;
}

export interface FakeGraphApi {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** The next n matching requests answer `status` with `body` (a string goes out as text/html, as a proxy would). */
  failNext(n: number, status: number, body?: unknown, options?: FailOptions): void;
  setTemplates(list: readonly Record<string, unknown>[]): void;
  /** Files uploaded (WhatsApp media and Messenger/Instagram attachments), by the id the fake gave them. */
  uploads: Map<string, UploadedFile>;
  /** `declaredSize` overrides the file_size the lookup reports (to test a refusal before downloading). */
  addMedia(id: string, bytes: Buffer, mimeType: string, options?: { declaredSize?: number; sha256?: string }): void;
  /** A customer's profile, as the user profile APIs return it (`first_name`, `last_name`, `name`, `username`). */
  addProfile(id: string, fields: Record<string, string>): void;
  setDelay(ms: number): void;
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

interface Media {
  bytes: Buffer;
  mimeType: string;
  declaredSize?: number;
  sha256?: string;
}

interface Failure {
  remaining: number;
  status: number;
  body: unknown;
  options: FailOptions;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const traceId = () => `A${randomBytes(8).toString('base64url')}`;
const unique = () => randomBytes(12).toString('base64url');

function graphError(status: number, code: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: traceId() } } };
}

/** WhatsApp's invalid-parameter error: the specific reason travels in error_data.details. */
const waInvalid = (details: string) =>
  graphError(400, 100, '(#100) Invalid parameter', { error_data: { messaging_product: 'whatsapp', details } });
const sendApiInvalid = (what: string) => graphError(400, 100, `(#100) ${what}`);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function defaultFailureBody(status: number): unknown {
  if (status === 429) return graphError(429, 4, '(#4) Application request limit reached').body;
  if (status >= 500) {
    return graphError(status, 2, 'An unexpected error has occurred. Please retry your request later.', {
      is_transient: true,
    }).body;
  }
  return graphError(status, 100, '(#100) Invalid parameter').body;
}

export async function startFakeGraphApi(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
  const token = options.token ?? 'fake-graph-token';
  const pageIds = new Set(options.pageIds ?? []);
  const requests: RecordedRequest[] = [];
  const waiters = new Set<(r: RecordedRequest) => void>();
  const media = new Map<string, Media>();
  const uploadedMedia = new Map<string, UploadedFile>();
  const profiles = new Map<string, Record<string, string>>();
  let templates: Record<string, unknown>[] = [];
  let delayMs = options.delayMs ?? 0;
  let failures: Failure[] = [];
  let url = '';

  function whatsappSend(body: Record<string, unknown>): Reply {
    if (body.messaging_product !== 'whatsapp') return waInvalid('messaging_product must be "whatsapp"');
    if (body.status === 'read') {
      return isText(body.message_id) ? { status: 200, body: { success: true } } : waInvalid('message_id is required');
    }
    const to = body.to;
    if (typeof to !== 'string' || !/^\d{5,20}$/.test(to)) return waInvalid('Parameter "to" must be a phone number');
    if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
      return waInvalid('recipient_type must be "individual"');
    }
    if (body.context !== undefined && !(isObject(body.context) && isText(body.context.message_id))) {
      return waInvalid('context.message_id is required');
    }
    const problem = whatsappContentProblem(body);
    if (problem) return waInvalid(problem);
    const reply = {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to }],
      messages: [{ id: `wamid.${unique()}` }],
    };
    return { status: 200, body: reply };
  }

  function whatsappContentProblem(body: Record<string, unknown>): string | null {
    const { type, text, template, reaction } = body;
    switch (type) {
      case 'text':
        if (!isObject(text) || !isText(text.body)) return 'text.body is required';
        return text.body.length > 4096 ? 'text.body is longer than 4096 characters' : null;
      case 'template':
        if (!isObject(template) || !isText(template.name)) return 'template.name is required';
        if (!isObject(template.language) || !isText(template.language.code))
          return 'template.language.code is required';
        if (template.components !== undefined && !Array.isArray(template.components))
          return 'components must be a list';
        return null;
      case 'reaction':
        if (!isObject(reaction) || !isText(reaction.message_id)) return 'reaction.message_id is required';
        return typeof reaction.emoji === 'string' ? null : 'reaction.emoji is required';
      case 'image':
      case 'document': {
        const object = body[type];
        if (!isObject(object) || !isText(object.id)) return `${type}.id is required`;
        return uploadedMedia.has(object.id) ? null : `media ${object.id} was not uploaded to this number`;
      }
      default:
        return `message type ${JSON.stringify(type)} is not one this fake implements (text, template, reaction, image, document)`;
    }
  }

  function sendApi(body: Record<string, unknown>): Reply {
    const recipient = body.recipient;
    if (!isObject(recipient) || !isText(recipient.id)) return sendApiInvalid('The parameter recipient is required');
    const recipientId = recipient.id;
    if (body.sender_action !== undefined) {
      // A sender action cannot travel with a message (send-messages/sender-actions).
      if (body.message !== undefined) return sendApiInvalid('sender_action cannot be sent with message');
      const payload = isObject(body.payload) ? body.payload : {};
      switch (body.sender_action) {
        case 'mark_seen':
        case 'typing_on':
        case 'typing_off':
          return { status: 200, body: { recipient_id: recipientId } };
        case 'react':
        case 'unreact':
          // react needs the emoji; both need the message id (send-messages/sender-actions, "React or unreact").
          if (body.sender_action === 'react' && !isText(payload.reaction)) {
            return sendApiInvalid('payload.reaction is required');
          }
          if (!isText(payload.message_id)) return sendApiInvalid('payload.message_id is required');
          return { status: 200, body: { recipient_id: recipientId, message_id: `m_${unique()}` } };
        default:
          return sendApiInvalid(
            'Param sender_action must be one of {MARK_SEEN, TYPING_ON, TYPING_OFF, REACT, UNREACT}',
          );
      }
    }
    const type = body.messaging_type;
    if (type !== 'RESPONSE' && type !== 'UPDATE' && type !== 'MESSAGE_TAG') {
      return sendApiInvalid('Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
    }
    if (type === 'MESSAGE_TAG' && !isText(body.tag)) return sendApiInvalid('The parameter tag is required');
    const message = body.message;
    if (isObject(message) && isObject(message.attachment)) {
      const payload = message.attachment.payload;
      if (!isObject(payload) || !isText(payload.attachment_id))
        return sendApiInvalid('payload.attachment_id is required');
      if (!uploadedMedia.has(payload.attachment_id)) return sendApiInvalid('Attachment not found');
      return { status: 200, body: { recipient_id: recipientId, message_id: `m_${unique()}` } };
    }
    if (!isObject(message) || !isText(message.text)) return sendApiInvalid('The parameter message is required');
    if (message.text.length > 2000) return sendApiInvalid('Param message[text] must be at most 2000 characters long');
    return { status: 200, body: { recipient_id: recipientId, message_id: `m_${unique()}` } };
  }

  function isFile(value: unknown): value is UploadedFile {
    return isObject(value) && Buffer.isBuffer(value.bytes);
  }

  function whatsappUpload(body: unknown): Reply {
    if (!isObject(body)) return waInvalid('the upload must be multipart/form-data');
    if (body.messaging_product !== 'whatsapp') return waInvalid('messaging_product must be "whatsapp"');
    if (!isFile(body.file)) return waInvalid('file is required');
    if (!isText(body.type)) return waInvalid('type is required');
    const id = String(900000 + uploadedMedia.size);
    uploadedMedia.set(id, body.file);
    return { status: 200, body: { id } };
  }

  function attachmentUpload(body: unknown): Reply {
    if (!isObject(body) || !isText(body.message)) return sendApiInvalid('The parameter message is required');
    let message: unknown;
    try {
      message = JSON.parse(body.message);
    } catch {
      return sendApiInvalid('Param message must be JSON');
    }
    const attachment = isObject(message) ? message.attachment : null;
    if (!isObject(attachment) || !isText(attachment.type)) return sendApiInvalid('attachment.type is required');
    if (!isFile(body.filedata)) return sendApiInvalid('filedata is required');
    const id = `att_${uploadedMedia.size + 1}`;
    uploadedMedia.set(id, body.filedata);
    return { status: 200, body: { attachment_id: id } };
  }

  function templatesPage(query: Record<string, string>, path: string): Reply {
    const limit = Math.max(1, Math.min(Number(query.limit) || 25, options.templatesPageSize ?? Infinity));
    const offset = query.after ? Number(Buffer.from(query.after, 'base64url').toString()) || 0 : 0;
    const fields = (query.fields ?? 'name,language,status,category,components').split(',');
    const data = templates.slice(offset, offset + limit).map((t) => {
      const picked: Record<string, unknown> = { id: t.id };
      for (const field of fields) if (field in t) picked[field] = t[field];
      return picked;
    });
    if (data.length === 0) return { status: 200, body: { data } };
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const paging: Record<string, unknown> = {
      cursors: { before: cursor(offset), after: cursor(offset + data.length) },
    };
    if (offset + data.length < templates.length) {
      const next = new URL(path, url);
      for (const [k, v] of Object.entries(query)) if (k !== 'access_token') next.searchParams.set(k, v);
      next.searchParams.set('after', cursor(offset + data.length));
      if (options.echoTokenInPaging) next.searchParams.set('access_token', token);
      paging.next = next.toString();
    }
    return { status: 200, body: { data, paging } };
  }

  function mediaInfo(id: string): Reply {
    const item = media.get(id);
    if (!item) {
      return graphError(
        400,
        100,
        `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { error_subcode: 33 },
      );
    }
    const body = {
      messaging_product: 'whatsapp',
      url: `${url}/whatsapp_business/attachments/?mid=${encodeURIComponent(id)}&hash=${unique()}`,
      mime_type: item.mimeType,
      sha256: item.sha256 ?? createHash('sha256').update(item.bytes).digest('hex'),
      file_size: String(item.declaredSize ?? item.bytes.length), // Meta sends it as a string
      id,
    };
    return { status: 200, body };
  }

  function route(method: string, path: string, query: Record<string, string>, body: unknown): Reply | Media {
    if (method === 'GET' && path === '/whatsapp_business/attachments/') {
      const item = media.get(query.mid ?? '');
      return item ?? graphError(404, 100, 'Media not found');
    }
    const match = /^\/v\d+\.\d+(\/.*)$/.exec(path);
    const rest = match?.[1] ?? '';
    const parts = rest.split('/').filter(Boolean);
    if (method === 'POST' && parts.length === 2 && parts[1] === 'messages') {
      if (!isObject(body)) return sendApiInvalid('The request body must be a JSON object');
      const node = parts[0] ?? '';
      return node === 'me' || pageIds.has(node) ? sendApi(body) : whatsappSend(body);
    }
    if (method === 'POST' && parts.length === 2 && parts[1] === 'media') return whatsappUpload(body);
    if (method === 'POST' && parts.length === 2 && parts[1] === 'message_attachments') return attachmentUpload(body);
    if (method === 'GET' && parts.length === 2 && parts[1] === 'message_templates') return templatesPage(query, path);
    if (method === 'GET' && parts.length === 1 && profiles.has(parts[0] ?? '')) {
      const profile = profiles.get(parts[0] ?? '') ?? {};
      const asked = (query.fields ?? '').split(',').filter((f) => f in profile);
      return { status: 200, body: { ...Object.fromEntries(asked.map((f) => [f, profile[f]])), id: parts[0] } };
    }
    if (method === 'GET' && parts.length === 1) return mediaInfo(parts[0] ?? '');
    return graphError(
      400,
      100,
      `Unsupported ${method.toLowerCase()} request. Unknown path components: ${rest || path}`,
    );
  }

  function authorized(req: IncomingMessage, query: Record<string, string>): boolean {
    const header = req.headers.authorization ?? '';
    return header === `Bearer ${token}` || query.access_token === token;
  }

  function takeFailure(method: string, path: string): Failure | null {
    const failure = failures.find(
      (f) => [method, 'ANY'].includes(f.options.method ?? 'POST') && path.endsWith(f.options.pathEndsWith ?? ''),
    );
    if (!failure) return null;
    failure.remaining--;
    failures = failures.filter((f) => f.remaining > 0);
    return failure;
  }

  function send(res: ServerResponse, reply: Reply | Media): void {
    if (res.destroyed) return; // the client gave up (a timeout test)
    if ('bytes' in reply) {
      res.writeHead(200, { 'content-type': reply.mimeType, 'content-length': reply.bytes.length });
      res.end(reply.bytes);
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=UTF-8';
    res.writeHead(reply.status, { 'content-type': type, ...reply.headers });
    res.end(text);
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string, form: Record<string, unknown> | null): void {
    const parsedUrl = new URL(req.url ?? '/', url);
    const query = Object.fromEntries(parsedUrl.searchParams);
    let body: unknown = form;
    if (!form) {
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = null;
      }
    }
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = { method, path: parsedUrl.pathname, query, headers: req.headers, body };
    requests.push(recorded);
    for (const waiter of waiters) waiter(recorded);

    const answer = () => {
      const failure = takeFailure(method, parsedUrl.pathname);
      if (failure) {
        send(res, { status: failure.status, body: failure.body, headers: failure.options.headers });
      } else if (!authorized(req, query)) {
        send(res, graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token'));
      } else {
        send(res, route(method, parsedUrl.pathname, query, body));
      }
    };
    server.later(delayMs, answer);
  }

  const server = await startLocalServer((req, res, raw) => {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) return handle(req, res, raw.toString('utf8'), null);
    // The platform's own multipart parser (Response.formData) rather than a hand-written one.
    void readForm(raw, type).then((form) => handle(req, res, '', form));
  });
  url = server.url;

  return {
    url,
    token,
    requests,
    uploads: uploadedMedia,
    failNext(n, status, body, failOptions = {}) {
      failures.push({ remaining: n, status, body: body ?? defaultFailureBody(status), options: failOptions });
    },
    setTemplates(list) {
      templates = list.map((t, i) => ({ id: String(1000 + i), ...t }));
    },
    addMedia(id, bytes, mimeType, extra = {}) {
      media.set(id, { bytes, mimeType, ...extra });
    },
    addProfile(id, fields) {
      profiles.set(id, fields);
    },
    setDelay(ms) {
      delayMs = ms;
    },
    waitForRequest(predicate, timeoutMs = 2000) {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = (r: RecordedRequest) => {
          if (!predicate(r)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(r);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async close() {
      await server.close();
    },
  };
}

async function readForm(raw: Buffer, type: string): Promise<Record<string, unknown> | null> {
  try {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form.entries()) {
      fields[name] =
        typeof value === 'string'
          ? value
          : { filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
    return fields;
  } catch {
    return null;
  }
}
