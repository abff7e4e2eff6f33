import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedMedia {
  bytes: Buffer;
  mimeType: string;
}

/**
 * Media fetched once from the provider, kept in the gateway's data folder: provider URLs expire within minutes and
 * every desktop of a team asks for the same files. Files are named by a hash, never by anything a customer sent.
 */
export function createMediaCache(dir: string) {
  const pathOf = (key: string) => join(dir, createHash('sha256').update(key).digest('hex'));
  return {
    async get(key: string): Promise<CachedMedia | null> {
      try {
        const [bytes, mimeType] = await Promise.all([readFile(pathOf(key)), readFile(`${pathOf(key)}.type`, 'utf8')]);
        return { bytes, mimeType };
      } catch {
        return null;
      }
    },
    async put(key: string, media: CachedMedia): Promise<void> {
      await mkdir(dir, { recursive: true });
      const path = pathOf(key);
      // Written aside then renamed: a reader never sees half a file.
      await writeFile(`${path}.type`, media.mimeType);
      await writeFile(`${path}.part`, media.bytes);
      await rename(`${path}.part`, path);
    },
  };
}
