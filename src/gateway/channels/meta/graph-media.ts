import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { GraphFailure, GraphHttp } from './graph-http';

/** WhatsApp's largest media (a 100 MB document, cloud-api/reference/media "Supported media types"). */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

export interface MediaFetchOptions {
  /** Defaults to MAX_MEDIA_BYTES. */
  maxBytes?: number;
  /** For the download itself (the lookup keeps the client's timeout); defaults to the client's. */
  downloadTimeoutMs?: number;
}

export type MediaOutcome = { ok: true; bytes: Buffer; mimeType: string; sha256: string } | GraphFailure;

// GET /{media-id} (cloud-api/reference/media, "Retrieve media URL"):
// {messaging_product, url, mime_type, sha256, file_size, id}; file_size arrives as a string or a number.
const MediaInfoSchema = z.object({
  url: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.coerce.number().optional(),
});

const fail = (error: string, retryable = false): GraphFailure => ({ ok: false, retryable, error, code: null });

/**
 * Two steps, both with the bearer: the media id gives a short-lived URL (about 5 minutes, so it is never
 * stored), and that URL gives the bytes. A caller that gets a retryable failure starts again from the id.
 */
export async function fetchWhatsAppMedia(
  http: GraphHttp,
  token: string,
  mediaId: string,
  options: MediaFetchOptions = {},
): Promise<MediaOutcome> {
  const maxBytes = options.maxBytes ?? MAX_MEDIA_BYTES;
  if (!/^[\w.-]{1,128}$/.test(mediaId)) return fail('not a media id');
  const info = await http.json('GET', `/${mediaId}`, token);
  if (!info.ok) return info;
  const parsed = MediaInfoSchema.safeParse(info.json);
  if (!parsed.success) return fail('Graph API answered the media lookup without a download url');
  const { url, mime_type, sha256, file_size } = parsed.data;
  if (file_size !== undefined && file_size > maxBytes) {
    return fail(`media is ${file_size} bytes, more than the ${maxBytes} allowed`);
  }
  if (!safeDownloadUrl(url, http.base)) return fail('Graph API gave a media url that is not https');

  const download = await http.bytes(url, token, maxBytes, options.downloadTimeoutMs);
  if (!download.ok) return download;
  const hex = createHash('sha256').update(download.bytes).digest('hex');
  if (sha256 && !matches(sha256, hex)) return fail('downloaded media does not match its sha256', true);
  return {
    ok: true,
    bytes: download.bytes,
    mimeType: mime_type ?? download.contentType ?? 'application/octet-stream',
    sha256: sha256 ?? hex,
  };
}

/** The bearer goes with the download, so only over https (or to the configured base itself, a local test server). */
function safeDownloadUrl(url: string, base: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/** Meta documents sha256 as hex here, but webhooks carry it base64: compare in whichever form it came. */
function matches(given: string, hex: string): boolean {
  if (/^[0-9a-f]{64}$/i.test(given)) return given.toLowerCase() === hex;
  if (/^[A-Za-z0-9+/]{43}=$/.test(given)) return given === Buffer.from(hex, 'hex').toString('base64');
  return true; // an unknown form proves nothing either way
}
