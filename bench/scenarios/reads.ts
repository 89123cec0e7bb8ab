/**
 * Reads at scale: `rows` decisions bulk-loaded in one INSERT … SELECT over generate_series (copies of
 * decisions the service layer made, one per state, with their consultations), spread over 200 decision
 * makers and 300 authors, most of them long effective as a council's register is, and one staffing
 * arrangement for every eighth decision in effect (a copy of one the service layer made), ending across
 * six years. Then VACUUM (ANALYZE), as autovacuum would have done by the time a real table held that much.
 * Through the service layer (DecisionService.list and ArrangementService.list, as the API and "My work" call
 * them), p50/p99 of "For Determination for me", of the list by state and of HR's "arrangements ending in the
 * next 8 weeks", with every statement those calls send EXPLAINed and checked for a sequential scan.
 */
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { londonDateOf } from '#libs/calendar';
import { ConfigModule, type RatifyConfig } from '#libs/config';
import { DecisionService, DecisionsModule } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import { QueueModule } from '#libs/queue';
import { ArrangementService, StaffingModule } from '#libs/staffing';
import { StoreModule } from '#libs/store';
import { TimersModule } from '#libs/timers';
import { copyDecisions, templateDecision, type TemplateState } from '../support/decisions.js';
import { figure, latencies, timeMs } from '../support/stats.js';

/**
 * The app the reads run in: the engine-vs-floor app's modules and the staffing module, as the API has them
 * (so a decision list represents its staffing arrangements, one more statement, as GET /api/decisions does).
 */
export async function readsApp(config: RatifyConfig): Promise<INestApplicationContext> {
  @Module({ imports: [ConfigModule.with(config), StoreModule, QueueModule, TimersModule, DecisionsModule, StaffingModule] })
  class ReadsModule {}
  return NestFactory.createApplicationContext(ReadsModule, { logger: ['error'], abortOnError: false });
}

/** As "My work" asks HR's register (apps/api/web/my-work.controller.ts): running, ending within 8 weeks and the day. */
const ENDING_WITHIN_DAYS = 8 * 7 + 1;
const RUNNING = ['scheduled', 'active', 'ending-soon', 'overdue', 'extended'];
/** One decision in effect in this many has an arrangement; one ended arrangement in this many was never confirmed ended (overdue). */
const ARRANGEMENT_EVERY = 8;
const OVERDUE_EVERY = 50;

export interface ReadOptions {
  rows: number;
  iterations: number;
  rounds: number;
  log: (line: string) => void;
}

/** Of every 100 decisions: how many in each state (the rest effective). */
const MIX: [TemplateState, number][] = [
  ['draft', 2],
  ['consultation', 3],
  ['for-determination', 2],
  ['approved', 1],
  ['call-in-period', 1],
];

/** Captures the SQL a piece of work sends through pg (to EXPLAIN exactly what the service ran). */
async function capture(work: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: { text: string; values: unknown[] }[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [q, v] = args;
    const text = typeof q === 'string' ? q : (q as { text?: string })?.text;
    if (text && /^\s*(SELECT|WITH)\b/i.test(text)) seen.push({ text, values: (Array.isArray(v) ? v : (q as { values?: unknown[] })?.values) ?? [] });
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, into: PlanNode[] = []): PlanNode[] {
  into.push(node);
  for (const child of node.Plans ?? []) walk(child, into);
  return into;
}

export async function readsAtScale(app: INestApplicationContext, pool: pg.Pool, templates: Record<TemplateState, string>, o: ReadOptions) {
  const cases = MIX.flatMap(([state, n]) => Array.from({ length: n }, () => `'${templates[state]}'::uuid`));
  while (cases.length < 100) cases.push(`'${templates.effective}'::uuid`);
  const loadMs = await timeMs(async () => {
    await copyDecisions(
      pool,
      `SELECT (ARRAY[${cases.join(', ')}])[g % 100 + 1] AS template,
              ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS new_id, g AS n
         FROM generate_series(1, $1::int) g`,
      [o.rows],
      {
        reference: `'READ-' || s.n`,
        title: `'Decision ' || s.n`,
        // By blocks of 100 (one of each state in the mix): n % 200 would give each decision maker decisions in
        // one state only (200 is a multiple of the mix's 100), and u-dm-7 none for determination at all.
        decision_maker_user_id: `'u-dm-' || (s.n / 100 % 200)`,
        author_user_id: `'u-officer-' || (s.n / 100 % 300)`,
        created_at: `now() - s.n * interval '1 minute'`,
      },
    );
  });
  o.log(`reads: ${o.rows} decisions loaded in ${Math.round(loadMs)} ms`);

  // Arrangements: copies of one the service layer made (an agency post on a decision taken to effective),
  // on every eighth copied decision in effect, starting up to four years ago and running 3–24 months, so
  // their ends spread from four years ago to two years ahead. The statechart's data carries the same dates
  // (explicit start and end) and state as the register's columns: past ends are ended (one in 50 never
  // confirmed, so overdue), future starts scheduled, ends within 8 weeks ending-soon, the rest active.
  const arrangementDecision = await templateDecision(app, 'effective', {
    staffingArrangements: [{ kind: 'agency', title: 'Agency Senior Practitioner', start: londonDateOf(new Date().toISOString()), end: londonDateOf(new Date(Date.now() + 180 * 86_400_000).toISOString()), manager: { name: 'Template Manager', userId: 'u-manager', email: null } }],
  });
  let arrangements = 0;
  const arrangementsLoadMs = await timeMs(async () => {
    const { rowCount } = await pool.query(
      `INSERT INTO arrangements (id, decision_id, position, state, version, data, resolved_start, resolved_end, manager_name, manager_user_id, manager_email, created_at, updated_at)
       SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(s.n), 12, '0'))::uuid, s.decision_id, 0, x.state, t.version,
              jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.data,
                '{facts,start}', to_jsonb(to_char(s.start_on, 'YYYY-MM-DD'))),
                '{facts,end}', to_jsonb(to_char(e.end_on, 'YYYY-MM-DD'))),
                '{facts,manager}', jsonb_build_object('name', 'Manager ' || s.n % 150, 'userId', 'u-manager-' || s.n % 150, 'email', NULL)),
                '{ended}', CASE WHEN x.state = 'ended' THEN jsonb_build_object('on', to_char(e.end_on, 'YYYY-MM-DD'), 'at', (e.end_on + 1)::timestamptz, 'by', 'u-hr') ELSE 'null'::jsonb END)
              || CASE WHEN x.state = 'overdue' THEN jsonb_build_object('overdueSince', (e.end_on + 1)::timestamptz) ELSE '{}'::jsonb END,
              s.start_on, e.end_on, 'Manager ' || s.n % 150, 'u-manager-' || s.n % 150, NULL, s.start_on::timestamptz, s.start_on::timestamptz
         FROM (SELECT g AS n, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS decision_id,
                      current_date - (g::bigint * 7919 % 1461)::int AS start_on, 3 + g % 22 AS months
                 FROM generate_series($2::int, $1::int, $2::int) g) s
         JOIN decisions d ON d.id = s.decision_id AND d.state = 'effective'
         CROSS JOIN LATERAL (SELECT (s.start_on + make_interval(months => s.months))::date - 1 AS end_on) e
         CROSS JOIN LATERAL (SELECT CASE WHEN e.end_on < current_date THEN CASE WHEN s.n % ($2::int * $3::int) = 0 THEN 'overdue' ELSE 'ended' END
                                         WHEN s.start_on > current_date THEN 'scheduled'
                                         WHEN e.end_on - 56 <= current_date THEN 'ending-soon'
                                         ELSE 'active' END AS state) x
         JOIN arrangements t ON t.decision_id = $4::uuid`,
      [o.rows, ARRANGEMENT_EVERY, OVERDUE_EVERY, arrangementDecision],
    );
    arrangements = rowCount ?? 0;
  });
  o.log(`reads: ${arrangements} arrangements loaded in ${Math.round(arrangementsLoadMs)} ms`);
  // A table this size has been vacuumed by autovacuum long before anyone reads it (a bulk load has not):
  // the visibility map it sets is what lets a count be answered from an index alone.
  const vacuumMs = await timeMs(async () => {
    for (const table of ['decisions', 'consultations', 'arrangements']) await pool.query(`VACUUM (ANALYZE) ${table}`);
    // And the load's gigabyte of WAL written out now, not by a checkpoint in the middle of the timings (needs
    // a superuser or pg_checkpoint; elsewhere the measurement simply runs with the checkpoint pending).
    await pool.query('CHECKPOINT').catch(() => undefined);
  });
  o.log(`reads: VACUUM (ANALYZE) in ${Math.round(vacuumMs)} ms`);

  const decisions = app.get(DecisionService);
  const dm: Actor = { userId: 'u-dm-7', name: 'Director 7', roles: ['decision-maker'] };
  const ds: Actor = { userId: 'u-ds', name: 'Democratic Services', roles: ['democratic-services'] };
  const register = app.get(ArrangementService);
  const hr: Actor = { userId: 'u-hr', name: 'HR Officer', roles: ['hr'] };
  const queries: Record<string, () => Promise<unknown>> = {
    forDeterminationForMe: () => decisions.list({ state: 'for-determination', assignedTo: 'me', page: 1, pageSize: 20 } as never, dm),
    listByState: () => decisions.list({ state: 'approved', page: 1, pageSize: 20 } as never, ds),
    arrangementsEndingIn8Weeks: () =>
      register.list({ states: RUNNING, endingBefore: londonDateOf(new Date(Date.now() + ENDING_WITHIN_DAYS * 86_400_000).toISOString()), page: 1, pageSize: 100 }, hr),
  };
  const results: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(queries)) {
    const statements = await capture(run);
    const plans = [];
    for (const s of statements) {
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`, s.values);
      const explained = (rows[0]['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time': number }[])[0];
      const nodes = walk(explained.Plan);
      plans.push({
        sql: s.text.replace(/\s+/g, ' ').slice(0, 400),
        seqScans: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']),
        indexes: [...new Set(nodes.map((n) => n['Index Name']).filter(Boolean))],
        executionMs: explained['Execution Time'],
        plan: process.env.BENCH_PLANS ? explained.Plan : undefined,
      });
    }
    for (let i = 0; i < 10; i++) await run(); // warm
    const p50: number[] = [];
    const p99: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const lat: number[] = [];
      for (let i = 0; i < o.iterations; i++) lat.push(await timeMs(run));
      const l = latencies(lat);
      p50.push(l.p50Ms);
      p99.push(l.p99Ms);
    }
    const seqScan = plans.some((p) => p.seqScans.length > 0);
    const { total } = (await run()) as { total: number };
    results[name] = { p50Ms: figure(p50), p99Ms: figure(p99), iterations: o.iterations, total, seqScan, plans };
    o.log(`reads: ${name} p50 ${figure(p50).median} ms, p99 ${figure(p99).median} ms${seqScan ? ' — SEQ SCAN' : ''}`);
  }
  return { rows: o.rows, loadMs: Math.round(loadMs), arrangements, arrangementsLoadMs: Math.round(arrangementsLoadMs), vacuumMs: Math.round(vacuumMs), queries: results };
}
