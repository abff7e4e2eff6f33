import type { Session } from '../../core';
import { createGatewayHttp, errorText } from './gatewayHttp';

/** Why a media file could not be shown: the agent reads a sentence for each, and may retry. */
export type MediaFailure = 'not-found' | 'provider' | 'offline' | 'failed';

export class MediaLoadError extends Error {
  constructor(
    readonly reason: MediaFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MediaLoadError';
  }
}

export interface MediaLoader {
  /** The bytes of a message's media, fetched once per session and message; rejects with a MediaLoadError. */
  load(messageId: string): Promise<Blob>;
}

export interface MediaLoaderOptions {
  fetch?: typeof fetch;
  /** Bytes kept in memory; the oldest files go first. A 50 MB video must not pin hundreds of megabytes. */
  budgetBytes?: number;
}

const DEFAULT_BUDGET = 150 * 1024 * 1024;

/**
 * Media bytes come from the gateway, which holds the provider's token; ours stays in the Authorization header
 * (see gatewayHttp.ts): the component shows a `blob:` URL instead, and nothing here reaches the DOM but the blobs.
 */
export function createMediaLoader(session: Session, options: MediaLoaderOptions = {}): MediaLoader {
  const http = createGatewayHttp(session, options.fetch);
  const budget = options.budgetBytes ?? DEFAULT_BUDGET;
  // Insertion order is the eviction order; a hit moves its entry to the end.
  const cache = new Map<string, Promise<Blob>>();
  const sizes = new Map<string, number>();
  let held = 0;

  const forget = (messageId: string) => {
    cache.delete(messageId);
    held -= sizes.get(messageId) ?? 0;
    sizes.delete(messageId);
  };

  const keep = (messageId: string, blob: Blob) => {
    if (!cache.has(messageId)) return;
    if (blob.size > budget) {
      forget(messageId);
      return;
    }
    sizes.set(messageId, blob.size);
    held += blob.size;
    for (const oldest of cache.keys()) {
      if (held <= budget) break;
      if (oldest !== messageId && sizes.has(oldest)) forget(oldest);
    }
  };

  const fetchBlob = async (messageId: string): Promise<Blob> => {
    let response: Response;
    try {
      response = await http.fetch(`api/media/${encodeURIComponent(messageId)}`);
    } catch (error) {
      throw new MediaLoadError('offline', error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      const detail = await errorText(response);
      const reason: MediaFailure =
        response.status === 404 ? 'not-found' : response.status === 502 ? 'provider' : 'failed';
      throw new MediaLoadError(reason, detail || `HTTP ${response.status}`);
    }
    return response.blob();
  };

  return {
    load(messageId) {
      const cached = cache.get(messageId);
      if (cached) {
        cache.delete(messageId);
        cache.set(messageId, cached);
        return cached;
      }
      const pending = fetchBlob(messageId).then(
        (blob) => {
          keep(messageId, blob);
          return blob;
        },
        (error: unknown) => {
          // A failure is not cached: the next look (or "Retry") asks again.
          forget(messageId);
          throw error;
        },
      );
      cache.set(messageId, pending);
      return pending;
    },
  };
}
