import { LessThan, type EntityManager } from 'typeorm';
import { TimerEntity, type WantedTimer } from './entities/timer.entity.js';
import { sql } from './sql.js';

interface TimerRow {
  id: string;
  subject_type: string;
  subject_id: string;
  kind: string;
  due_at: Date;
  status: TimerEntity['status'];
  payload: Record<string, unknown>;
  enqueued_at: Date | null;
  settled_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, subject_type, subject_id, kind, due_at, status, payload, enqueued_at, settled_at, created_at';

function timer(r: TimerRow): TimerEntity {
  return {
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    kind: r.kind,
    dueAt: r.due_at,
    status: r.status,
    payload: r.payload,
    enqueuedAt: r.enqueued_at,
    settledAt: r.settled_at,
    createdAt: r.created_at,
  };
}

/**
 * The INSERT of new timers, given the placeholders of its three parameters: the timers as JSON (one native
 * stringify, not six arrays the driver would escape element by element), "queue now those due before", and now.
 */
function insertTimers(json: string, enqueueBefore: string, now: string): string {
  return `INSERT INTO timers (id, subject_type, subject_id, kind, due_at, payload, status, enqueued_at, created_at)
    SELECT v.id, v.subject_type, v.subject_id, v.kind, v.due_at, v.payload, 'pending', CASE WHEN v.due_at <= ${enqueueBefore} THEN ${now}::timestamptz END, ${now}
      FROM jsonb_to_recordset(${json}::jsonb) AS v(id text, subject_type text, subject_id uuid, kind text, due_at timestamptz, payload jsonb)
    ON CONFLICT (id) DO NOTHING
    RETURNING id, subject_type, subject_id, kind, due_at, enqueued_at`;
}

function timersJson(timers: WantedTimer[]): string {
  return JSON.stringify(timers.map((t) => ({ id: t.id, subject_type: t.subjectType, subject_id: t.subjectId, kind: t.kind, due_at: t.dueAt, payload: t.payload })));
}

function inserted(r: Pick<TimerRow, 'id' | 'subject_type' | 'subject_id' | 'kind' | 'due_at' | 'enqueued_at'>): InsertedTimer {
  return { id: r.id, subjectType: r.subject_type, subjectId: r.subject_id, kind: r.kind, dueAt: r.due_at, enqueuedAt: r.enqueued_at };
}

/**
 * A change to one subject's pending timers — cancel those of `cancel` still pending, insert `insert` (as
 * insertNew) — that the engine offers the subject's write to fold into its own statement (one round trip
 * fewer a change). Whoever runs it sets `done`; `TimerRepository.sync` runs one on its own.
 */
export interface TimerSync {
  cancel: string[];
  insert: WantedTimer[];
  enqueueBefore: Date;
  now: Date;
  done?: { cancelledQueued: string[]; inserted: InsertedTimer[] };
}

/** What the SELECTs of timerSyncSql return, beside the caller's own rows (op 'c' cancelled, 'i' inserted). */
export interface TimerSyncRow {
  op: string;
  id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  kind: string | null;
  due_at: Date | null;
  enqueued_at: Date | null;
  enqueued: boolean | null;
}

/**
 * The CTEs of a timer sync for a statement of the caller's (its parameters pushed onto `values`), and the
 * SELECTs (to UNION ALL) that list what they did, as TimerSyncRow; `settleTimerSync` reads them back.
 */
export function timerSyncSql(values: unknown[], sync: TimerSync): { ctes: string[]; selects: string[] } {
  const ctes: string[] = [];
  const selects: string[] = [];
  if (sync.cancel.length === 0 && sync.insert.length === 0) return { ctes, selects };
  const now = `$${values.push(sync.now)}`;
  if (sync.cancel.length) {
    const ids = `$${values.push(sync.cancel)}`;
    ctes.push(`cancelled AS (
         UPDATE timers SET status = 'cancelled', settled_at = ${now} WHERE id = ANY(${ids}::text[]) AND status = 'pending'
         RETURNING id, enqueued_at IS NOT NULL AS enqueued)`);
    selects.push(`SELECT 'c', id, NULL, NULL, NULL, NULL, NULL, enqueued FROM cancelled`);
  }
  if (sync.insert.length) {
    const json = `$${values.push(timersJson(sync.insert))}`;
    const before = `$${values.push(sync.enqueueBefore)}`;
    ctes.push(`inserted AS (${insertTimers(json, before, now)})`);
    selects.push(`SELECT 'i', id, subject_type, subject_id, kind, due_at, enqueued_at, NULL FROM inserted`);
  }
  return { ctes, selects };
}

/** Sets `sync.done` from the rows of a statement that ran timerSyncSql's CTEs (other ops are ignored). */
export function settleTimerSync(sync: TimerSync, rows: TimerSyncRow[]): void {
  sync.done = {
    cancelledQueued: rows.filter((r) => r.op === 'c' && r.enqueued).map((r) => r.id!),
    inserted: rows.filter((r) => r.op === 'i').map((r) => inserted(r as Parameters<typeof inserted>[0])),
  };
}

/** A pending timer that should be (or is) in the queue: what a job is made from. */
export type QueuedTimer = Pick<TimerEntity, 'id' | 'subjectType' | 'subjectId' | 'kind' | 'dueAt'>;

/** A timer as inserted: whether it was marked for the queue at once. */
export type InsertedTimer = QueuedTimer & Pick<TimerEntity, 'enqueuedAt'>;

/** The timers table: the durable half of every clock, for every subject. */
export class TimerRepository {
  constructor(private readonly db: EntityManager) {}

  async find(id: string): Promise<TimerEntity | null> {
    const { rows } = await sql<TimerRow>(this.db, `SELECT ${COLUMNS} FROM timers WHERE id = $1`, [id], 'timer-find');
    return rows[0] ? timer(rows[0]) : null;
  }

  async pendingFor(subjectType: string, subjectId: string): Promise<TimerEntity[]> {
    const { rows } = await sql<TimerRow>(this.db, `SELECT ${COLUMNS} FROM timers WHERE subject_type = $1 AND subject_id = $2 AND status = 'pending' ORDER BY due_at`, [
      subjectType,
      subjectId,
    ]);
    return rows.map(timer);
  }

  /**
   * Inserts the timers that do not exist yet (an id seen before, even settled, is never re-armed) and
   * returns the ones inserted. `enqueueBefore`: timers due before it are marked enqueued in the same
   * statement — the caller hands them to the queue right after commit (and clears the mark if that fails).
   */
  async insertNew(timers: WantedTimer[], enqueueBefore: Date, now: Date): Promise<InsertedTimer[]> {
    if (timers.length === 0) return [];
    const { rows } = await sql<TimerRow>(this.db, insertTimers('$1', '$2', '$3'), [timersJson(timers), enqueueBefore, now], 'timers-insert');
    return rows.map(inserted);
  }

  /**
   * Makes a subject's timers follow a change of state in one statement: cancels those of `cancel` still
   * pending and inserts `insert` (see insertNew). Returns the cancelled ids that had been queued, and the
   * inserted timers.
   */
  async sync(cancel: string[], insert: WantedTimer[], enqueueBefore: Date, now: Date): Promise<{ cancelledQueued: string[]; inserted: InsertedTimer[] }> {
    if (insert.length === 0) return { cancelledQueued: await this.cancel(cancel, now), inserted: [] };
    if (cancel.length === 0) return { cancelledQueued: [], inserted: await this.insertNew(insert, enqueueBefore, now) };
    const { rows } = await sql<TimerRow & { op: 'c' | 'i'; enqueued: boolean }>(
      this.db,
      `WITH cancelled AS (
         UPDATE timers SET status = 'cancelled', settled_at = $3 WHERE id = ANY($1::text[]) AND status = 'pending'
         RETURNING id, enqueued_at IS NOT NULL AS enqueued),
       inserted AS (${insertTimers('$2', '$4', '$3')})
       SELECT 'c' AS op, id, NULL AS subject_type, NULL::uuid AS subject_id, NULL AS kind, NULL::timestamptz AS due_at, NULL::timestamptz AS enqueued_at, enqueued FROM cancelled
       UNION ALL
       SELECT 'i', id, subject_type, subject_id, kind, due_at, enqueued_at, NULL FROM inserted`,
      [cancel, timersJson(insert), now, enqueueBefore],
      'timers-sync',
    );
    return {
      cancelledQueued: rows.filter((r) => r.op === 'c' && r.enqueued).map((r) => r.id),
      inserted: rows.filter((r) => r.op === 'i').map(inserted),
    };
  }

  /** Cancels those of `ids` still pending; returns the cancelled ones that had been handed to the queue. */
  async cancel(ids: string[], at: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<{ id: string; enqueued: boolean }>(
      this.db,
      `UPDATE timers SET status = 'cancelled', settled_at = $2 WHERE id = ANY($1::text[]) AND status = 'pending' RETURNING id, enqueued_at IS NOT NULL AS enqueued`,
      [ids, at],
      'timers-cancel',
    );
    return rows.filter((r) => r.enqueued).map((r) => r.id);
  }

  /**
   * Settles a pending timer as fired and returns it; null when it is not pending (already fired, or
   * cancelled). Callers hold the subject's lock, under which a timer's status cannot change.
   */
  async fire(id: string, at: Date): Promise<TimerEntity | null> {
    const { rows } = await sql<TimerRow>(
      this.db,
      `UPDATE timers SET status = 'fired', settled_at = $2 WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
      [id, at],
      'timer-fire',
    );
    return rows[0] ? timer(rows[0]) : null;
  }

  /** As `fire`, for several at once (a batch of firings): the timers that were pending, now fired. */
  async fireMany(ids: string[], at: Date): Promise<TimerEntity[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<TimerRow>(
      this.db,
      `UPDATE timers SET status = 'fired', settled_at = $2 WHERE id = ANY($1::text[]) AND status = 'pending' RETURNING ${COLUMNS}`,
      [ids, at],
      'timers-fire-many',
    );
    return rows.map(timer);
  }

  /** Which of `ids` are timers and what their subjects are (jobs queued before job data named the subject). */
  async subjectsOf(ids: string[]): Promise<Pick<TimerEntity, 'id' | 'subjectType' | 'subjectId'>[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<TimerRow>(this.db, `SELECT id, subject_type, subject_id FROM timers WHERE id = ANY($1::text[])`, [ids]);
    return rows.map((r) => ({ id: r.id, subjectType: r.subject_type, subjectId: r.subject_id }));
  }

  /** A timer that fired but did nothing (its subject moved on) is recorded as cancelled. */
  async recordStale(id: string, at: Date): Promise<void> {
    await sql(this.db, `UPDATE timers SET status = 'cancelled', settled_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Marks timers as handed to the queue; a row marked already is left unwritten (after a Redis wipe, nearly all are). */
  async markEnqueued(ids: string[], at: Date): Promise<void> {
    if (ids.length) await sql(this.db, `UPDATE timers SET enqueued_at = $2 WHERE id = ANY($1::text[]) AND status = 'pending' AND enqueued_at IS NULL`, [ids, at]);
  }

  /** Undoes the mark of timers the queue did not take (Redis down at commit): the relay will hand them over. */
  async clearEnqueued(ids: string[]): Promise<void> {
    if (ids.length) await sql(this.db, `UPDATE timers SET enqueued_at = NULL WHERE id = ANY($1::text[]) AND status = 'pending'`, [ids]);
  }

  /**
   * The relay's batch: pending timers due before `until` not yet handed to the queue, locked (SKIP LOCKED,
   * so relays in several workers take different rows). Uses the partial index timers_unqueued_idx.
   */
  async claimUnqueued(until: Date, limit: number): Promise<QueuedTimer[]> {
    const { rows } = await sql<TimerRow>(
      this.db,
      `SELECT id, subject_type, subject_id, kind, due_at FROM timers
        WHERE status = 'pending' AND enqueued_at IS NULL AND due_at <= $1
        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [until, limit],
      'timers-claim-unqueued',
    );
    return rows.map(timer);
  }

  /**
   * One batch of the ids of pending timers due before `until`, in (due_at, id) order after the cursor: the
   * reconciler's view of what should be in the queue (index timers_status_due_idx). Ids only — parsing
   * 100,000 rows with their subjects and dates would cost more than comparing them; `queuedTimers` then reads
   * the few missing. The cursor is the due time as PostgreSQL wrote it (text: a JavaScript Date would drop
   * its microseconds and loop).
   */
  async pendingIdsDueBefore(until: Date, after: { cursor: string; id: string } | null, limit: number): Promise<{ id: string; cursor: string }[]> {
    const { rows } = await sql<{ id: string; cursor: string }>(
      this.db,
      `SELECT id, due_at::text AS cursor FROM timers
        WHERE status = 'pending' AND due_at <= $1 AND ($2::timestamptz IS NULL OR (due_at, id) > ($2::timestamptz, $3))
        ORDER BY due_at, id LIMIT $4`,
      [until, after?.cursor ?? null, after?.id ?? '', limit],
      'timers-pending-ids-due-before',
    );
    return rows;
  }

  /** The pending ones of these timers, as the queue needs them. */
  async queuedTimers(ids: string[]): Promise<QueuedTimer[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<TimerRow>(this.db, `SELECT id, subject_type, subject_id, kind, due_at FROM timers WHERE id = ANY($1::text[]) AND status = 'pending'`, [ids]);
    return rows.map(timer);
  }

  /** One batch of the subjects of one type that have pending timers, after the cursor (for a full resync). */
  async subjectsWithPending(subjectType: string, after: string | null, limit: number): Promise<string[]> {
    const { rows } = await sql<{ subject_id: string }>(
      this.db,
      `SELECT DISTINCT subject_id FROM timers WHERE subject_type = $1 AND status = 'pending' AND ($2::uuid IS NULL OR subject_id > $2) ORDER BY subject_id LIMIT $3`,
      [subjectType, after, limit],
    );
    return rows.map((r) => r.subject_id);
  }

  /** The pending timer most past its due time, if any is past it. */
  oldestOverdue(now: Date): Promise<TimerEntity | null> {
    return this.db.findOne(TimerEntity, { where: { status: 'pending', dueAt: LessThan(now) }, order: { dueAt: 'ASC' } });
  }

  /** Every pending timer of a subject (tests, the admin view). */
  allPending(): Promise<TimerEntity[]> {
    return this.db.find(TimerEntity, { where: { status: 'pending' }, order: { dueAt: 'ASC' } });
  }
}
