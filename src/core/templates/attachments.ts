import { z } from 'zod';

/**
 * The template library: images and PDFs a quick reply can carry. Only formats every channel takes are accepted
 * (WhatsApp: JPEG and PNG images up to 5 MB, PDF documents; Messenger and Instagram: the same, up to 8 and 25 MB),
 * so a file that was accepted here is never refused by a provider later.
 */
export const LIBRARY_LIMITS = {
  image: 5 * 1024 * 1024,
  document: 16 * 1024 * 1024,
} as const;

export type LibraryKind = keyof typeof LIBRARY_LIMITS;

export const LibraryFileSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  kind: z.enum(['image', 'document']),
  mimeType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.number().int(),
});
export type LibraryFile = z.infer<typeof LibraryFileSchema>;

export type SniffedFile =
  { ok: true; kind: LibraryKind; mimeType: LibraryFile['mimeType'] } | { ok: false; error: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/**
 * What a file really is, from its first bytes: the name and the declared type are the sender's word, the bytes
 * are not. Anything but JPEG, PNG or PDF is refused, with the limit that applies.
 */
export function sniffLibraryFile(bytes: Uint8Array): SniffedFile {
  if (bytes.length === 0) return { ok: false, error: 'the file is empty' };
  let kind: LibraryKind;
  let mimeType: LibraryFile['mimeType'];
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) [kind, mimeType] = ['image', 'image/jpeg'];
  else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    [kind, mimeType] = ['image', 'image/png'];
  else if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) [kind, mimeType] = ['document', 'application/pdf'];
  else return { ok: false, error: 'only JPEG or PNG images and PDF documents can be attached' };
  const limit = LIBRARY_LIMITS[kind];
  if (bytes.length > limit) {
    return { ok: false, error: `${kind === 'image' ? 'an image' : 'a document'} is at most ${limit / 1024 / 1024} MB` };
  }
  return { ok: true, kind, mimeType };
}

/**
 * A file name that is safe to show and to send as a WhatsApp document's filename: no path, no control
 * characters, at most 200 characters, and the extension of what the file really is.
 */
export function libraryFileName(raw: string, mimeType: LibraryFile['mimeType']): string {
  const ext = mimeType === 'application/pdf' ? '.pdf' : mimeType === 'image/png' ? '.png' : '.jpg';
  const base = (raw.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/\.(pdf|png|jpe?g)$/i, '')
    .slice(0, 200 - ext.length);
  return `${base || 'file'}${ext}`;
}

/**
 * An outbound attachment message names its file as `library:<id>`. Only outbound messages are read this way: an
 * inbound media id is the provider's word and is never looked up in the library.
 */
const LIBRARY_PREFIX = 'library:';

export const libraryMediaId = (fileId: string): string => `${LIBRARY_PREFIX}${fileId}`;

export function libraryFileIdOf(mediaId: string): string | null {
  return mediaId.startsWith(LIBRARY_PREFIX) ? mediaId.slice(LIBRARY_PREFIX.length) || null : null;
}
