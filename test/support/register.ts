import { expect } from '@jest/globals';
import pg from 'pg';
import type { RatifyConfig } from '#libs/config';
import type { DecisionState } from '#libs/lifecycle';
import { USERS, type TestApi } from './api.js';

/** Words that only internal fields carry in these tests: the public register must never show them. */
export const SECRET_COMMENT = 'INTERNAL-CONSULTEE-COMMENT-7Q';
export const INTERNAL_IDS = ['u-officer', 'u-hr', 'u-fin', 'u-legal', 'u-dm', 'u-ds', 'u-scrutiny'];
export const INTERNAL_KEYS = ['assigneeUserId', 'consultations', 'consultees', 'allowedActions', 'lifecycle', 'author', 'version', 'revision', 'signOffs'];

/** Every state reachable over the API (closed has no action yet: the visibility spec covers it). */
export const REACHABLE: DecisionState[] = [
  'draft', 'consultation', 'for-determination', 'deferred', 'approved', 'call-in-period', 'called-in', 'referred-to-council', 'effective', 'rejected', 'withdrawn',
];

export const base = (reference: string, overrides: Record<string, unknown> = {}) => ({
  reference,
  title: `Register test ${reference}`,
  decisionMaker: { title: 'Director of Register Tests', userId: 'u-dm' },
  isKeyDecision: false,
  isSubjectToCallIn: true,
  urgency: 'none',
  purpose: `Purpose of ${reference}.`,
  recommendations: [{ text: `Recommendation of ${reference}.` }],
  reasons: 'Because.',
  alternativeOptions: [{ text: 'Do nothing.' }],
  consultees: [{ area: 'hr', label: 'HR', assigneeUserId: 'u-hr' }],
  wardsAffected: ['Hyde Park'],
  ...overrides,
});

/**
 * Drives a new decision through the existing API (create, submit, sign off, approve, publish …) into a state.
 * Dates are in the past unless the call-in period must still be running.
 */
export async function driveTo(api: TestApi, state: DecisionState, body: Record<string, unknown>, dates = { decidedAt: '2021-02-15', publishedAt: '2021-03-02' }) {
  const ok = async (res: Promise<{ status: number; body: { state?: string; id?: string } }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${state}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  // Without a worker in the test, "effective" is reached by publishing a decision not subject to call-in.
  const created = await ok(api.as(USERS.officer).post('/api/decisions', state === 'effective' ? { ...body, isSubjectToCallIn: false } : body));
  const id = created.id as string;
  const act = (user: (typeof USERS)[keyof typeof USERS], action: string, payload: object = {}) => ok(api.as(user).post(`/api/decisions/${id}/${action}`, payload));
  if (state === 'draft') return id;
  if (state === 'withdrawn') return (await act(USERS.officer, 'withdraw', { reason: 'not needed' }), id);
  await act(USERS.officer, 'submit');
  if (state === 'consultation') return id;
  await act(USERS.hr, 'sign-off', { area: 'hr', comments: SECRET_COMMENT });
  if (state === 'for-determination') return id;
  if (state === 'deferred') return (await act(USERS.dm, 'defer', { reason: 'later' }), id);
  if (state === 'rejected') return (await act(USERS.dm, 'reject', { reasons: 'no' }), id);
  const callInRunning = ['call-in-period', 'called-in', 'referred-to-council'].includes(state);
  await act(USERS.dm, 'approve', callInRunning ? {} : { decidedAt: dates.decidedAt });
  if (state === 'approved') return id;
  const published = await act(USERS.democratic, 'publish', callInRunning ? {} : { publishedAt: dates.publishedAt });
  if (state === 'effective' || state === 'call-in-period') {
    expect(published.state).toBe(state);
    return id;
  }
  await act(USERS.scrutiny, 'call-in', { members: ['Cllr A', 'Cllr B'], reasons: 'cost' });
  if (state === 'called-in') return id;
  await act(USERS.democratic, 'scrutiny-outcome', { outcome: 'refer-to-council' });
  return id;
}

/** The public number of each decision, read straight from the database (tests only). */
export async function publicNumbers(config: RatifyConfig): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id, public_number::int AS n FROM "${config.databaseSchema}".decisions`);
    return new Map(rows.map((r) => [r.id, r.n]));
  } finally {
    await client.end();
  }
}

/** Fails when a response body shows anything internal. */
export function expectNothingInternal(text: string) {
  expect(text).not.toContain(SECRET_COMMENT);
  for (const id of INTERNAL_IDS) expect(text).not.toMatch(new RegExp(`["'>\\s]${id}["'<\\s]`));
}
