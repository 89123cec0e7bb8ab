import type { EntityManager } from 'typeorm';

/**
 * A transaction (or, outside one, the pool) as repositories see it. Services hold one only to hand it to
 * repositories; they never query through it themselves.
 */
export type Tx = EntityManager;

export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/**
 * One statement straight through the `pg` client the transaction holds: no entity hydration, and with a
 * `name` a server-side prepared statement (parsed and planned once per connection). For the hot paths of the
 * engine; everything else may use TypeORM's manager. Every connection has the same search_path, so a
 * statement prepared on it means the same tables each time.
 */
export async function sql<R = Record<string, unknown>>(tx: Tx, text: string, values: unknown[] = [], name?: string): Promise<SqlResult<R>> {
  const runner = tx.queryRunner as unknown as { connect(): Promise<PgClient> } | undefined;
  const client: PgClient = runner ? await runner.connect() : (tx.connection.driver as unknown as { master: PgClient }).master;
  const result = await client.query({ name, text, values });
  return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
}

/** PostgreSQL's unique_violation, on a raw `pg` error or TypeORM's wrapper of one. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } } | null;
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
