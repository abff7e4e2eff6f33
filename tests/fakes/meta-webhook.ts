import { request } from 'node:http';
import { emptyChannelsConfig, type ChannelsConfig } from '../../src/gateway/channels/meta/config';
import { signBody } from '../../src/gateway/channels/meta/signature';
import type { FakeGraphApi } from './graph-api';

export const SECRET = 'test-app-secret';
export const VERIFY = 'test-verify-token';

export interface WebhookAnswer {
  status: number;
  body: string;
}

/** POSTs `body` to a gateway's webhook as Meta does, signed with `appSecret` unless a signature is given. */
export function postWebhook(
  url: string,
  body: string | Buffer,
  options: { appSecret?: string; signature?: string | null } = {},
): Promise<WebhookAnswer> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const signature =
    options.signature === undefined ? signBody(bytes, options.appSecret ?? '') : (options.signature ?? undefined);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': bytes.length,
          ...(signature !== undefined && { 'x-hub-signature-256': signature }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // A server may answer (401, 400) before reading everything: that is an answer, not a failure.
    req.on('error', reject);
    req.end(bytes);
  });
}

/** Every Meta channel configured against a local fake Graph API, with the test app secret. */
export function channelsFor(graph: FakeGraphApi): ChannelsConfig {
  return {
    ...emptyChannelsConfig(),
    graphApiBase: graph.url,
    whatsapp: {
      appSecret: SECRET,
      verifyToken: VERIFY,
      accessToken: graph.token,
      phoneNumberId: '1098765432',
      businessAccountId: '2233445566',
    },
    messenger: { appSecret: SECRET, verifyToken: VERIFY, pageToken: graph.token },
    instagram: { appSecret: SECRET, verifyToken: VERIFY, pageToken: graph.token },
  };
}
