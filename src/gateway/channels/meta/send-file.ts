import { createHash } from 'node:crypto';
import { readLibraryFile } from '../../library/library';
import { providerUpload, saveProviderUpload } from '../../store/library';
import type { Store } from '../../store/store';
import type { MetaMessagingApi, SendOutcome, WhatsAppApi } from './graph';
import type { MetaSendOptions } from './graph-messenger';
import type { OutboundFile, UploadOutcome } from './graph-whatsapp';

/**
 * How long an upload is reused. WhatsApp deletes uploaded media after 30 days (cloud-api/reference/media), so an
 * id is trusted for 25; Messenger's reusable attachments do not expire, but a year bounds what a wrong id costs.
 */
const REUSE_MS = { whatsapp: 25 * 86_400_000, messaging: 365 * 86_400_000 } as const;

export type FileRecipient =
  | { channel: 'whatsapp'; api: WhatsAppApi; phoneNumberId: string; to: string }
  | {
      channel: 'messenger' | 'instagram';
      api: MetaMessagingApi;
      /** The Page or account, or a digest of the token when neither id is configured. */
      account: string;
      to: string;
      options: MetaSendOptions;
    };

/**
 * Sends a template-library file: uploaded once per provider account (its id kept in `provider_uploads`), then
 * sent by that id, so the same price list sent a hundred times is uploaded once.
 */
export async function sendLibraryFile(store: Store, fileId: string, recipient: FileRecipient): Promise<SendOutcome> {
  const read = await readLibraryFile(store, fileId);
  if (!read) return { ok: false, retryable: false, error: 'the file is no longer in the library', code: null };
  const file: OutboundFile = {
    bytes: new Uint8Array(read.bytes),
    mimeType: read.file.mimeType,
    filename: read.file.name,
  };
  const kind = read.file.kind;
  if (recipient.channel === 'whatsapp') {
    const { api } = recipient;
    const account = `whatsapp:${recipient.phoneNumberId}`;
    const media = await uploadOnce(store, account, fileId, REUSE_MS.whatsapp, () => api.uploadMedia(file));
    return media.ok ? api.sendMedia(recipient.to, kind, media.mediaId, file.filename) : media;
  }
  const { api } = recipient;
  const account = `${recipient.channel}:${recipient.account}`;
  const media = await uploadOnce(store, account, fileId, REUSE_MS.messaging, () => api.uploadAttachment(file, kind));
  return media.ok ? api.sendAttachment(recipient.to, kind, media.mediaId, recipient.options) : media;
}

async function uploadOnce(
  store: Store,
  account: string,
  fileId: string,
  reuseMs: number,
  upload: () => Promise<UploadOutcome>,
): Promise<UploadOutcome> {
  const known = await providerUpload(store.sql, account, fileId, store.now() - reuseMs);
  if (known) return { ok: true, mediaId: known };
  const uploaded = await upload();
  if (uploaded.ok) await saveProviderUpload(store.sql, account, fileId, uploaded.mediaId, store.now());
  return uploaded;
}

/** An account key that never holds the token itself. */
export const tokenDigest = (token: string): string =>
  `token-${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
