/**
 * The little the gateway asks of a SQL database. PGlite implements it today; a PostgreSQL pool can implement it
 * later (a team deployment) without touching the repositories, which only ever see these two calls.
 */
/** A Uint8Array is a `bytea` (the template library's files). */
export type SqlValue = string | number | boolean | null | Uint8Array;

export interface SqlExecutor {
  /** Runs one statement with `$1, $2...` parameters and returns its rows. */
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface Sql extends SqlExecutor {
  /** Runs `fn` in one transaction: everything it wrote commits together, or nothing does if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
