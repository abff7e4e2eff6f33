import { z } from 'zod';
import { describe, requestJson, retryAfterMs, statusFailure, withRetries, type Attempt, type FetchLike } from './http';
import type { RetryPolicy } from './http';
import { sourceFailure, type SourceResult } from './source';

/**
 * One call to Shopify's Admin GraphQL API (shopify.dev/docs/api/admin-graphql): POST
 * https://{store}/admin/api/{version}/graphql.json with the X-Shopify-Access-Token header and {query, variables}.
 * Rate limits come two ways and both are retried within the caller's signal:
 * - the calculated query cost: HTTP 200 with errors[].extensions.code "THROTTLED" and extensions.cost
 *   {requestedQueryCost, throttleStatus:{currentlyAvailable, restoreRate}} (apps/build/apis/graphql-admin/rate-limits);
 *   we wait until the bucket holds the requested cost again;
 * - HTTP 429 with Retry-After (api/usage/limits).
 */

export interface ShopifyGraphqlOptions {
  storeDomain: string;
  accessToken: string;
  apiVersion: string;
  fetch: FetchLike;
  retry?: RetryPolicy;
}

// A top-level error (spec.graphql.org §7.1.2); Shopify adds extensions.code (THROTTLED, ACCESS_DENIED...).
const GraphqlErrorSchema = z.object({
  message: z.string().catch('unknown error'),
  extensions: z.object({ code: z.string().optional() }).passthrough().optional().catch(undefined),
});

const CostSchema = z.object({
  requestedQueryCost: z.number().nullable().optional(),
  throttleStatus: z.object({
    maximumAvailable: z.number().optional(),
    currentlyAvailable: z.number(),
    restoreRate: z.number().positive(),
  }),
});

const EnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(GraphqlErrorSchema).optional(),
  extensions: z
    .object({ cost: CostSchema.optional().catch(undefined) })
    .passthrough()
    .optional()
    .catch(undefined),
});

export type ShopifyGraphql = <T>(
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
  signal: AbortSignal,
) => Promise<SourceResult<T>>;

/** How long until the bucket holds the requested cost again, from a THROTTLED answer's extensions.cost. */
export function throttleWaitMs(cost: z.infer<typeof CostSchema> | undefined): number {
  if (!cost) return 1000; // THROTTLED without numbers: one second restores at least 50 points on every plan
  const { currentlyAvailable, restoreRate } = cost.throttleStatus;
  const missing = Math.max(0, (cost.requestedQueryCost ?? 1) - currentlyAvailable);
  // A few ms more than the arithmetic: the bucket refills continuously and our clock is not Shopify's.
  return Math.ceil((missing / restoreRate) * 1000) + 20;
}

export function createShopifyGraphql(options: ShopifyGraphqlOptions): ShopifyGraphql {
  const domain = options.storeDomain.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  // Tests point the source at a local fake with "http://127.0.0.1:port"; a real store is always https.
  const base = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(options.storeDomain.replace(/\/+$/, ''))
    ? options.storeDomain.replace(/\/+$/, '')
    : `https://${domain}`;
  const url = `${base}/admin/api/${options.apiVersion}/graphql.json`;
  const where = describe({ method: 'POST', url });

  return async function graphql<T>(
    query: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    signal: AbortSignal,
  ): Promise<SourceResult<T>> {
    const attempt = async (): Promise<Attempt<T>> => {
      const answer = await requestJson(
        options.fetch,
        { method: 'POST', url, headers: { 'x-shopify-access-token': options.accessToken }, body: { query, variables } },
        signal,
      );
      if (!answer.ok) return { done: answer };
      const { status, headers, json } = answer.value;
      if (status === 429) {
        const failure = statusFailure(429, 'Shopify', null);
        return { retryInMs: retryAfterMs(headers.get('retry-after')) ?? 1000, failure };
      }
      if (status === 404) {
        const message = `no Shopify store answers at ${where} (check the store domain and the API version)`;
        return { done: sourceFailure('unreachable', message) };
      }
      if (status < 200 || status >= 300) return { done: statusFailure(status, 'Shopify', errorText(json)) };
      const envelope = EnvelopeSchema.safeParse(json);
      if (!envelope.success) {
        return { done: sourceFailure('bad_response', `Shopify answered ${where} with a body that is not GraphQL`) };
      }
      const errors = envelope.data.errors ?? [];
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        const failure = sourceFailure('rate_limited', 'Shopify is throttling this app (query cost)', true);
        return { retryInMs: throttleWaitMs(envelope.data.extensions?.cost), failure };
      }
      if (errors.length > 0) return { done: graphqlFailure(errors) };
      const data = schema.safeParse(envelope.data.data);
      if (!data.success) {
        const path = data.error.issues[0]?.path.join('.') || 'data';
        return {
          done: sourceFailure('bad_response', `Shopify's answer does not have the expected shape (at ${path})`),
        };
      }
      return { done: { ok: true, value: data.data } };
    };
    return withRetries(attempt, signal, options.retry);
  };
}

function graphqlFailure(errors: z.infer<typeof GraphqlErrorSchema>[]) {
  const codes = errors.map((e) => e.extensions?.code);
  const message = errors.map((e) => e.message).join('; ');
  if (codes.includes('ACCESS_DENIED')) {
    return sourceFailure('unauthorized', `Shopify denied access (check the app's scopes): ${message}`);
  }
  if (codes.includes('INTERNAL_SERVER_ERROR')) return sourceFailure('unreachable', `Shopify failed: ${message}`, true);
  return sourceFailure('bad_response', `Shopify rejected the query: ${message}`);
}

/** Shopify's non-GraphQL error bodies: {"errors": "[API] Invalid API key or access token ..."} or a list. */
function errorText(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('errors' in json)) return null;
  const errors = (json as { errors: unknown }).errors;
  if (typeof errors === 'string') return errors;
  if (Array.isArray(errors)) {
    return errors.map((e) => (typeof e === 'object' && e && 'message' in e ? String(e.message) : String(e))).join('; ');
  }
  return null;
}
