/**
 * Reads at scale: `rows` decisions bulk-loaded in one INSERT … SELECT over generate_series (copies of
 * decisions the service layer made, one per state, with their consultations), spread over 200 decision
 * makers and 300 authors, most of them long effective as a council's register is. Then, through the service
 * layer (DecisionService.list, as the API and "My work" call it), p50/p99 of "For Determination for me" and
 * of the list by state, with every statement those calls send EXPLAINed and checked for a sequential scan.
 */
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { DecisionService } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import { copyDecisions, type TemplateState } from '../support/decisions.js';
import { figure, latencies, timeMs } from '../support/stats.js';

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
    if (text && /^\s*SELECT/i.test(text)) seen.push({ text, values: (Array.isArray(v) ? v : (q as { values?: unknown[] })?.values) ?? [] });
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
        decision_maker_user_id: `'u-dm-' || (s.n % 200)`,
        author_user_id: `'u-officer-' || (s.n % 300)`,
        created_at: `now() - s.n * interval '1 minute'`,
      },
    );
    await pool.query('ANALYZE decisions');
    await pool.query('ANALYZE consultations');
  });
  o.log(`reads: ${o.rows} decisions loaded in ${Math.round(loadMs)} ms`);

  const decisions = app.get(DecisionService);
  const dm: Actor = { userId: 'u-dm-7', name: 'Director 7', roles: ['decision-maker'] };
  const ds: Actor = { userId: 'u-ds', name: 'Democratic Services', roles: ['democratic-services'] };
  const queries: Record<string, () => Promise<unknown>> = {
    forDeterminationForMe: () => decisions.list({ state: 'for-determination', assignedTo: 'me', page: 1, pageSize: 20 } as never, dm),
    listByState: () => decisions.list({ state: 'approved', page: 1, pageSize: 20 } as never, ds),
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
    results[name] = { p50Ms: figure(p50), p99Ms: figure(p99), iterations: o.iterations, seqScan, plans };
    o.log(`reads: ${name} p50 ${figure(p50).median} ms, p99 ${figure(p99).median} ms${seqScan ? ' — SEQ SCAN' : ''}`);
  }
  const { rows } = await pool.query(`SELECT to_regclass('arrangements') IS NOT NULL AS exists`);
  results.arrangementsEndingIn8Weeks = rows[0].exists
    ? { skipped: 'an arrangements table exists, but this scenario was written before it and does not query it yet' }
    : { skipped: 'no arrangements table on main when this ran: nothing to measure' };
  return { rows: o.rows, loadMs: Math.round(loadMs), queries: results };
}
