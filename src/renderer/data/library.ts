import { z } from 'zod';
import { LibraryFileSchema, type LibraryFile, type Result, type Session } from '../../core';
import { createGatewayHttp, errorText } from './gatewayHttp';

/** The template library (images and PDFs quick replies carry), through the gateway's REST API. */
export interface LibraryClient {
  list(): Promise<Result<LibraryFile[]>>;
  /** The gateway types the file from its bytes and refuses anything but JPEG, PNG and PDF, with the reason. */
  upload(file: Blob, name: string): Promise<Result<LibraryFile>>;
  remove(fileId: string): Promise<Result<LibraryFile>>;
  /** A file's bytes (a product picture's thumbnail); null when it cannot be had. */
  load(fileId: string): Promise<Blob | null>;
}

const ListSchema = z.object({ files: z.array(LibraryFileSchema) });
const FileSchema = z.object({ file: LibraryFileSchema });

export function createLibraryClient(session: Session, doFetch?: typeof fetch): LibraryClient {
  const http = createGatewayHttp(session, doFetch);

  async function call<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<Result<T>> {
    let response: Response;
    try {
      response = await http.fetch(path, init);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (!response.ok) return { ok: false, error: (await errorText(response)) || `HTTP ${response.status}` };
    const parsed = schema.safeParse(await response.json().catch(() => null));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'the gateway answered oddly' };
  }

  return {
    async list() {
      const result = await call('api/library', ListSchema);
      return result.ok ? { ok: true, value: result.value.files } : result;
    },
    async upload(file, name) {
      const result = await call(`api/library?name=${encodeURIComponent(name)}`, FileSchema, {
        method: 'POST',
        body: file,
      });
      return result.ok ? { ok: true, value: result.value.file } : result;
    },
    async load(fileId) {
      try {
        const response = await http.fetch(`api/library/${encodeURIComponent(fileId)}`);
        return response.ok ? await response.blob() : null;
      } catch {
        return null;
      }
    },
    async remove(fileId) {
      const result = await call(`api/library/${encodeURIComponent(fileId)}/delete`, FileSchema, { method: 'POST' });
      return result.ok ? { ok: true, value: result.value.file } : result;
    },
  };
}
