import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { DecisionService } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import { benchDriver } from './engine-driver.js';

const actor = (userId: string, roles: string[]): Actor => ({ userId, name: userId, roles });
export const officer = actor('u-officer', ['officer']);
export const dm = actor('u-dm', ['decision-maker']);
export const ds = actor('u-ds', ['democratic-services']);
export const AREAS = ['hr', 'finance', 'legal'];
export const consultee = (area: string) => actor(`u-${area}`, [`consultee:${area}`]);

export const draft = (title: string) => ({
  title,
  decisionMaker: { title: 'Director', userId: 'u-dm' },
  isKeyDecision: false,
  isSubjectToCallIn: true,
  urgency: 'none' as const,
  purpose: 'Temporary capacity in the Early Help service.',
  recommendations: [{ text: 'Appoint an agency Senior Practitioner for six months.' }],
  reasons: 'Option 1',
  consultees: AREAS.map((area) => ({ area })),
});

export type TemplateState = 'draft' | 'consultation' | 'for-determination' | 'approved' | 'call-in-period' | 'effective';

/**
 * A decision taken to `state` through the service layer, as a user would (the bulk loads copy it, so every
 * copied row is one the engine itself wrote). `publishedAt` today leaves it in its call-in period. `extra`:
 * more of the create body (e.g. `staffingArrangements`, when the app has the staffing module).
 */
export async function templateDecision(app: INestApplicationContext, state: TemplateState, extra: Record<string, unknown> = {}): Promise<string> {
  const decisions = app.get(DecisionService);
  const d = await decisions.create({ ...draft(`Template ${state}`), ...extra }, officer);
  if (state === 'draft') return d.id;
  await decisions.act(d.id, 'submit', {}, officer);
  if (state === 'consultation') return d.id;
  for (const area of AREAS) await decisions.act(d.id, 'sign-off', { area }, consultee(area));
  if (state === 'for-determination') return d.id;
  const today = new Date().toISOString().slice(0, 10);
  await decisions.act(d.id, 'approve', { decidedAt: today }, dm);
  if (state === 'approved') return d.id;
  const published = await decisions.act(d.id, 'publish', { publishedAt: today }, ds);
  if (state === 'call-in-period') return d.id;
  const outcome = await benchDriver(app).fire(benchDriver(app).callInTimerId(published), d.id);
  if (outcome !== 'fired') throw new Error(`template's call-in timer: ${outcome}`);
  return d.id;
}

/** The columns of a table a copy may write (not generated, not identity). */
async function writable(db: pg.Pool | pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' AND is_identity = 'NO'
      ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/**
 * Copies decisions (and their consultations) in one statement each: `source` is a SQL row source yielding at
 * least `template uuid`, `new_id uuid` and `n bigint`; `overrides` gives SQL expressions (over t = the
 * template row and s = the source row) for columns that must differ. public_number takes its default.
 */
export async function copyDecisions(db: pg.Pool | pg.PoolClient, source: string, params: unknown[], overrides: Record<string, string> = {}): Promise<number> {
  const columns = (await writable(db, 'decisions')).filter((c) => c !== 'public_number');
  const exprs = columns.map((c) => overrides[c] ?? (c === 'id' ? 's.new_id' : c === 'reference' ? `t.reference || '-' || s.n` : `t.${c}`));
  const { rowCount } = await db.query(
    `INSERT INTO decisions (${columns.join(', ')}) SELECT ${exprs.join(', ')} FROM (${source}) s JOIN decisions t ON t.id = s.template`,
    params,
  );
  const cols = await writable(db, 'consultations');
  await db.query(
    `INSERT INTO consultations (${cols.join(', ')}) SELECT ${cols.map((c) => (c === 'decision_id' ? 's.new_id' : `c.${c}`)).join(', ')}
       FROM (${source}) s JOIN consultations c ON c.decision_id = s.template`,
    params,
  );
  return rowCount ?? 0;
}
