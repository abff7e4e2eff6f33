import { createHash } from 'node:crypto';
import {
  fail,
  libraryFileIdOf,
  libraryFileName,
  ok,
  sniffLibraryFile,
  type LibraryFile,
  type Message,
  type Result,
} from '../../core';
import { newId } from '../ids';
import {
  getLibraryFile,
  insertLibraryFile,
  libraryFileBytes,
  listLibraryFiles,
  liveLibraryFileBySha,
  markLibraryFileDeleted,
} from '../store/library';
import { getMessage } from '../store/messages';
import { listLiveQuickReplies } from '../store/quick-replies';
import type { Store } from '../store/store';

export const UNKNOWN_FILE = 'unknown file';

export interface StoredFile {
  file: LibraryFile;
  /** False when the same bytes were already in the library: that file is returned and nothing is added. */
  created: boolean;
}

/**
 * The template library: images and PDFs quick replies carry. What a file is comes from its bytes (see
 * sniffLibraryFile); anything else is refused with the reason and stores nothing.
 */
export async function addLibraryFile(
  store: Store,
  agentId: string,
  name: string,
  bytes: Uint8Array,
  /** A fixed id (the demo's files, which its quick replies name); a new one otherwise. */
  id: string = newId('file'),
): Promise<Result<StoredFile>> {
  const sniffed = sniffLibraryFile(bytes);
  if (!sniffed.ok) return fail(sniffed.error);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { value } = await store.write(async (tx) => {
    const actor = `agent:${agentId}`;
    const same = await liveLibraryFileBySha(tx, sha256);
    if (same) return { value: ok({ file: same, created: false }), events: [], actor };
    const file: LibraryFile = {
      id,
      name: libraryFileName(name, sniffed.mimeType),
      kind: sniffed.kind,
      mimeType: sniffed.mimeType,
      size: bytes.length,
      sha256,
      createdAt: store.now(),
    };
    await insertLibraryFile(tx, file, bytes, agentId);
    return { value: ok({ file, created: true }), events: [], actor };
  });
  return value;
}

export const listLibrary = (store: Store): Promise<LibraryFile[]> => listLibraryFiles(store.sql);

/**
 * Removes a file from the library. A file a live quick reply still carries is refused, naming the replies, so no
 * reply silently loses its attachment; messages already sent with it keep showing it.
 */
export async function deleteLibraryFile(store: Store, agentId: string, fileId: string): Promise<Result<LibraryFile>> {
  const { value } = await store.write(async (tx) => {
    const actor = `agent:${agentId}`;
    const file = await getLibraryFile(tx, fileId);
    if (!file || file.deleted) return { value: fail(UNKNOWN_FILE), events: [], actor };
    const users = (await listLiveQuickReplies(tx)).filter((r) => r.attachments.some((a) => a.id === fileId));
    if (users.length > 0) {
      const names = users.map((r) => `/${r.shortcut}`).join(', ');
      return { value: fail(`${file.name} is attached to ${names}: remove it there first`), events: [], actor };
    }
    await markLibraryFileDeleted(tx, fileId, store.now());
    const { deleted: _deleted, ...rest } = file;
    return { value: ok(rest), events: [], actor };
  });
  return value;
}

export interface FileBytes {
  file: LibraryFile;
  bytes: Buffer;
}

export async function readLibraryFile(store: Store, fileId: string): Promise<FileBytes | null> {
  const file = await getLibraryFile(store.sql, fileId);
  const bytes = file && (await libraryFileBytes(store.sql, fileId));
  if (!file || !bytes) return null;
  const { deleted: _deleted, ...rest } = file;
  return { file: rest, bytes: Buffer.from(bytes) };
}

/** The library file an outbound attachment message carries, or null for any other message. */
export function libraryFileOfMessage(message: Message): string | null {
  if (message.direction !== 'out' || message.content?.kind !== 'media') return null;
  return libraryFileIdOf(message.content.mediaId);
}

/**
 * `/api/media/:messageId` for attachments sent from the library: served from here, never asked of a provider.
 * Null when the message is not one (the channel's own media lookup answers then).
 */
export async function libraryMediaOfMessage(
  store: Store,
  messageId: string,
): Promise<Result<{ bytes: Buffer; mimeType: string }> | null> {
  const message = await getMessage(store.sql, messageId);
  const fileId = message && libraryFileOfMessage(message);
  if (!fileId) return null;
  const read = await readLibraryFile(store, fileId);
  return read ? ok({ bytes: read.bytes, mimeType: read.file.mimeType }) : fail(UNKNOWN_FILE);
}
