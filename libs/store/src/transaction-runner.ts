import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql, type Tx } from './sql.js';

/**
 * How services reach the database: `run` is one transaction (commit when the work resolves, roll back when
 * it throws), `read` runs statements outside one. Services hand the Tx to repositories and never query it.
 */
@Injectable()
export class TransactionRunner {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  read<T>(work: (db: Tx) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }

  /**
   * Runs `work` only when this process holds the named PostgreSQL advisory lock (one holder among every
   * process sharing the database); null when another holds it. The lock is a session lock on a connection
   * kept for the duration, so a process that dies releases it with its connection.
   */
  async exclusive<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [name]);
      if (!locked) return null;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** True when the database answers within `timeoutMs`. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    try {
      await Promise.race([sql(this.dataSource.manager, 'SELECT 1'), new Promise((_, no) => setTimeout(no, timeoutMs).unref())]);
      return true;
    } catch {
      return false;
    }
  }
}
