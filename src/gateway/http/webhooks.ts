import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChannelsConfig } from '../channels/meta/config';
import { parseEnvelope } from '../channels/meta/envelope';
import { verifySignature } from '../channels/meta/signature';
import type { MetaChannel } from '../channels/meta/updates';
import type { Log } from '../log';
import { parseJson, readRawBody } from './body';
import { sendError, sendJson, sendText } from './respond';

/** Meta batches up to 1,000 updates in one body; beyond this, a body is not one of theirs. */
export const MAX_WEBHOOK_BYTES = 4_000_000;

export interface WebhookOptions {
  /** Read at every request: settings saved in the app apply without a restart. */
  config: () => ChannelsConfig;
  /** Stores the verified body durably; false when the same bytes were stored already. Called before the 200. */
  accept: (channel: MetaChannel, body: Buffer) => Promise<boolean>;
  log: Log;
}

const CHANNELS: readonly MetaChannel[] = ['whatsapp', 'messenger', 'instagram'];
const CHALLENGE = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * `/webhooks/{whatsapp,messenger,instagram}`: GET answers Meta's subscription handshake, POST accepts signed
 * updates. Nothing of a POST body is parsed before its signature is verified on the raw bytes, and nothing is
 * stored unless it is a well-formed envelope of that channel; an error answer (400/401) changes nothing.
 */
export function createWebhooks(options: WebhookOptions) {
  const { log } = options;

  const reject = (res: ServerResponse, channel: string, status: number, error: string) => {
    log(`webhook ${channel} rejected: ${status} ${error}`);
    sendError(res, status, error);
  };

  const handshake = (res: ServerResponse, channel: MetaChannel, query: URLSearchParams) => {
    const verifyToken = options.config()[channel].verifyToken;
    const challenge = query.get('hub.challenge') ?? '';
    if (!verifyToken) return reject(res, channel, 404, `the ${channel} channel has no verify token`);
    if (query.get('hub.mode') !== 'subscribe') return reject(res, channel, 400, 'hub.mode must be subscribe');
    // The challenge is echoed: only a short token-like value, so the answer can never carry markup.
    if (!CHALLENGE.test(challenge)) return reject(res, channel, 400, 'hub.challenge is missing or malformed');
    if (!sameSecret(query.get('hub.verify_token') ?? '', verifyToken)) {
      return reject(res, channel, 403, 'hub.verify_token does not match');
    }
    log(`webhook ${channel}: subscription verified`);
    sendText(res, 200, challenge);
  };

  const receive = async (req: IncomingMessage, res: ServerResponse, channel: MetaChannel) => {
    const appSecret = options.config()[channel].appSecret;
    if (!appSecret) return reject(res, channel, 404, `the ${channel} channel has no app secret`);
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string') {
      req.resume();
      return reject(res, channel, 401, 'missing X-Hub-Signature-256');
    }
    const raw = await readRawBody(req, MAX_WEBHOOK_BYTES);
    // Meta only looks at 200 or not; a body this large is no webhook of theirs, so it is a bad request here.
    if (!raw.ok) return reject(res, channel, 400, raw.error);
    if (!verifySignature(raw.value, signature, appSecret)) return reject(res, channel, 401, 'invalid signature');
    const json = parseJson(raw.value.toString('utf8'));
    if (!json.ok) return reject(res, channel, 400, json.error);
    const envelope = parseEnvelope(channel, json.value);
    if (!envelope.ok) return reject(res, channel, 400, `not a ${channel} webhook: ${envelope.error}`);
    const stored = await options.accept(channel, raw.value);
    sendJson(res, 200, { ok: true, duplicate: !stored });
  };

  /** Answers one /webhooks request; never throws. */
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const channel = CHANNELS.find((c) => url.pathname === `/webhooks/${c}`);
    if (!channel) return reject(res, url.pathname, 404, `no webhook at ${url.pathname}`);
    try {
      if (req.method === 'GET') return handshake(res, channel, url.searchParams);
      if (req.method === 'POST') return await receive(req, res, channel);
      req.resume();
      sendError(res, 405, `${req.method ?? ''} is not allowed here`, { allow: 'GET, POST' });
    } catch (error) {
      log(`webhook ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
      // Not stored: a 500 makes Meta deliver it again later.
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    }
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
