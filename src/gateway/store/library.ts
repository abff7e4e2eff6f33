import type { LibraryFile } from '../../core';
import type { SqlExecutor } from './sql';

interface LibraryRow {
  id: string;
  name: string;
  kind: LibraryFile['kind'];
  mime_type: LibraryFile['mimeType'];
  size: number;
  sha256: string;
  created_at: number | string;
}

const COLUMNS = 'id, name, kind, mime_type, size, sha256, created_at';

const toFile = (r: LibraryRow): LibraryFile => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  mimeType: r.mime_type,
  size: Number(r.size),
  sha256: r.sha256,
  createdAt: Number(r.created_at),
});

export async function insertLibraryFile(
  db: SqlExecutor,
  file: LibraryFile,
  bytes: Uint8Array,
  createdBy: string,
): Promise<void> {
  await db.query(
    `INSERT INTO library_files (id, name, kind, mime_type, size, sha256, bytes, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [file.id, file.name, file.kind, file.mimeType, file.size, file.sha256, bytes, file.createdAt, createdBy],
  );
}

/** The live files, newest first. */
export async function listLibraryFiles(db: SqlExecutor): Promise<LibraryFile[]> {
  const rows = await db.query<LibraryRow>(
    `SELECT ${COLUMNS} FROM library_files WHERE deleted_at IS NULL ORDER BY created_at DESC, id`,
  );
  return rows.map(toFile);
}

/** A file, deleted or not (a sent message still shows a file deleted since). */
export async function getLibraryFile(
  db: SqlExecutor,
  id: string,
): Promise<(LibraryFile & { deleted: boolean }) | null> {
  const rows = await db.query<LibraryRow & { deleted_at: number | null }>(
    `SELECT ${COLUMNS}, deleted_at FROM library_files WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  return row ? { ...toFile(row), deleted: row.deleted_at !== null } : null;
}

export async function libraryFileBytes(db: SqlExecutor, id: string): Promise<Uint8Array | null> {
  const rows = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM library_files WHERE id = $1', [id]);
  return rows[0]?.bytes ?? null;
}

/** The live file with these exact bytes: uploading the same file twice keeps one copy. */
export async function liveLibraryFileBySha(db: SqlExecutor, sha256: string): Promise<LibraryFile | null> {
  const rows = await db.query<LibraryRow>(
    `SELECT ${COLUMNS} FROM library_files WHERE sha256 = $1 AND deleted_at IS NULL ORDER BY created_at LIMIT 1`,
    [sha256],
  );
  return rows[0] ? toFile(rows[0]) : null;
}

export async function markLibraryFileDeleted(db: SqlExecutor, id: string, at: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE library_files SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id',
    [id, at],
  );
  return rows.length === 1;
}

/** The provider's id for a file already uploaded to that account, if still fresh enough to use. */
export async function providerUpload(
  db: SqlExecutor,
  account: string,
  fileId: string,
  notBefore: number,
): Promise<string | null> {
  const rows = await db.query<{ media_id: string }>(
    'SELECT media_id FROM provider_uploads WHERE account = $1 AND file_id = $2 AND uploaded_at >= $3',
    [account, fileId, notBefore],
  );
  return rows[0]?.media_id ?? null;
}

export async function saveProviderUpload(
  db: SqlExecutor,
  account: string,
  fileId: string,
  mediaId: string,
  at: number,
): Promise<void> {
  await db.query(
    `INSERT INTO provider_uploads (account, file_id, media_id, uploaded_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account, file_id) DO UPDATE SET media_id = EXCLUDED.media_id, uploaded_at = EXCLUDED.uploaded_at`,
    [account, fileId, mediaId, at],
  );
}
