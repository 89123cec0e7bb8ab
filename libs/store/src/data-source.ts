import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ConsultationEntity } from './entities/consultation.entity.js';
import { DecisionEntity } from './entities/decision.entity.js';
import { HistoryEntity } from './entities/history.entity.js';
import { NotificationEntity } from './entities/notification.entity.js';
import { TimerEntity } from './entities/timer.entity.js';
import { Initial1700000000000 } from './migrations/1700000000000-initial.js';
import { Notifications1700000000001 } from './migrations/1700000000001-notifications.js';
import { Subjects1700000000002 } from './migrations/1700000000002-subjects.js';
import { Constitution1700000000003 } from './migrations/1700000000003-constitution.js';
import { PublicRegister1700000000005 } from './migrations/1700000000005-public-register.js';
import { HistoryHashChain1700000000006 } from './migrations/1700000000006-history-hash-chain.js';
import { Arrangements1700000000007 } from './migrations/1700000000007-arrangements.js';
import { DecisionListOrder1700000000008 } from './migrations/1700000000008-decision-list-order.js';
import { ImportedRecords1700000000009 } from './migrations/1700000000009-imported-records.js';
import { ArrangementStateEnd1700000000010 } from './migrations/1700000000010-arrangement-state-end.js';
import { DecisionMakerState1700000000011 } from './migrations/1700000000011-decision-maker-state.js';

export const ENTITIES = [DecisionEntity, ConsultationEntity, HistoryEntity, TimerEntity, NotificationEntity];
export const MIGRATIONS = [
  Initial1700000000000,
  Notifications1700000000001,
  Subjects1700000000002,
  Constitution1700000000003,
  PublicRegister1700000000005,
  HistoryHashChain1700000000006,
  Arrangements1700000000007,
  DecisionListOrder1700000000008,
  ImportedRecords1700000000009,
  ArrangementStateEnd1700000000010,
  DecisionMakerState1700000000011,
];

export interface DatabaseSettings {
  url: string;
  schema: string;
  /** Connections in the pool: at least the concurrency served (requests, worker jobs), default 20. */
  poolSize?: number;
}

export function dataSourceOptions({ url, schema, poolSize = 20 }: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: {
      // Unqualified names in migrations and raw queries resolve to our schema.
      options: `-c search_path=${schema}`,
      max: poolSize,
      // Every call to PostgreSQL is bounded: connecting, each statement (server side and client side), and
      // a transaction left idle (a crashed request must not hold a decision's row lock for ever).
      connectionTimeoutMillis: 10_000,
      statement_timeout: 60_000,
      query_timeout: 65_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}

/** Creates the schema if needed, connects, and applies pending migrations under an advisory lock (API and worker may start together). */
export async function openDatabase(settings: DatabaseSettings, migrations = MIGRATIONS): Promise<DataSource> {
  await ensureSchema(settings);
  const dataSource = await new DataSource({ ...dataSourceOptions(settings), migrations }).initialize();
  await dataSource.query(`SELECT pg_advisory_lock(hashtext($1))`, [`ratify-migrations-${settings.schema}`]);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`ratify-migrations-${settings.schema}`]);
  }
  return dataSource;
}

export async function ensureSchema({ url, schema }: DatabaseSettings): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

export async function dropSchema({ url, schema }: DatabaseSettings): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
