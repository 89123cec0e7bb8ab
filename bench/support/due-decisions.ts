import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { timersFor, type PersistedLifecycle } from '#libs/lifecycle';
import { TimerScheduler } from '#libs/timers';
import { TimerRepository, TransactionRunner, type WantedTimer } from '#libs/store';
import { copyDecisions } from './decisions.js';

const BATCH = 2000;

export function benchPool(config: RatifyConfig, max = 4): pg.Pool {
  return new pg.Pool({ connectionString: config.databaseUrl, max, options: `-c search_path=${config.databaseSchema}` });
}

/**
 * Decisions in their call-in period whose deadlines are the given due times, each with its call-in timer
 * scheduled the way the engine schedules one: the timer row inserted in a transaction by the same
 * repository statement (TimerRepository.insertNew, marked for the queue when within the horizon), then,
 * after commit, handed to the engine's timer sink (TimerScheduler.schedule → BullMQ). The decisions are
 * copies of `template` (a decision the service layer took to its call-in period) with the deadline in
 * their statechart changed, so firing one is the real transition to effective. Returns the timer ids.
 */
export async function scheduleDueDecisions(app: INestApplicationContext, pool: pg.Pool, template: string, dueTimes: number[], tag: string): Promise<string[]> {
  const runner = app.get(TransactionRunner);
  const sink = app.get(TimerScheduler);
  const { rows } = await pool.query<{ lifecycle: PersistedLifecycle }>('SELECT lifecycle FROM decisions WHERE id = $1', [template]);
  const lifecycle = rows[0].lifecycle;
  const horizonMs = app.get<RatifyConfig>(RATIFY_CONFIG).timers.horizonSeconds * 1000;
  const ids: string[] = [];
  for (let i = 0; i < dueTimes.length; i += BATCH) {
    const slice = dueTimes.slice(i, i + BATCH);
    const decisionIds = slice.map(() => randomUUID());
    const dues = slice.map((t) => new Date(t).toISOString());
    await copyDecisions(
      pool,
      `SELECT $1::uuid AS template, d.new_id, d.due, d.n FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS d(new_id, due, n)`,
      [template, decisionIds, dues],
      {
        reference: `t.reference || '-${tag}-${i}-' || s.n`,
        lifecycle: `jsonb_set(t.lifecycle, '{context,callInDeadline}', to_jsonb(s.due))`,
      },
    );
    // The timers the copies' statecharts ask for (libs/lifecycle timersFor), as the decision adapter keys them.
    const wanted: WantedTimer[] = decisionIds.map((id, k) => {
      const [t] = timersFor({ ...lifecycle, context: { ...lifecycle.context, callInDeadline: dues[k] } });
      return { id: `${id}-${t.key}`, subjectType: 'decision', subjectId: id, kind: t.event, dueAt: new Date(t.dueAt), payload: { dueAt: t.dueAt } };
    });
    const now = new Date();
    const inserted = await runner.run((tx) => new TimerRepository(tx).insertNew(wanted, new Date(now.getTime() + horizonMs), now));
    await sink.schedule(inserted.filter((t) => t.enqueuedAt !== null));
    ids.push(...wanted.map((t) => t.id));
  }
  return ids;
}
