import { createHash } from 'node:crypto';
import pg from 'pg';
import type { RatifyConfig } from '#libs/config';

/**
 * A fingerprint of everything a test's schema holds: every row of every table (as PostgreSQL prints it,
 * sorted) and every sequence's position. Equal fingerprints mean the database is byte-for-byte unchanged.
 */
export async function databaseSnapshot(config: RatifyConfig): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const schema = config.databaseSchema;
    const tables = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`, [schema]);
    const sequences = await client.query<{ name: string }>(`SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = $1 ORDER BY 1`, [schema]);
    const snapshot: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
      const sorted = rows.rows.map((r) => r.row).sort();
      snapshot[name] = `${sorted.length}:${createHash('sha256').update(sorted.join('\n')).digest('hex')}`;
    }
    for (const { name } of sequences.rows) {
      const { rows } = await client.query<{ last: string; called: boolean }>(`SELECT last_value::text AS last, is_called AS called FROM "${schema}"."${name}"`);
      snapshot[`sequence ${name}`] = `${rows[0].last}/${rows[0].called}`;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
