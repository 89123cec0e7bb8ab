/**
 * The lifecycle through HTTP: the real Nest app (apps/api createApi) on a local port, driven by `lanes`
 * concurrent clients over an undici pool, each taking decisions through create, submit, three sign-offs,
 * approve and publish (7 requests, 7 transitions). Transitions per second and p50/p99 per request.
 */
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'undici';
import { signToken } from '#libs/auth';
import type { RatifyConfig } from '#libs/config';
import { createApi } from '../../apps/api/bootstrap.js';
import { JWT_SECRET } from '../support/env.js';
import { latencies, msSince } from '../support/stats.js';

const AREAS = ['hr', 'finance', 'legal'];
const users = {
  officer: { sub: 'u-officer', name: 'Officer', roles: ['officer'] },
  dm: { sub: 'u-dm', name: 'Director', roles: ['decision-maker'] },
  ds: { sub: 'u-ds', name: 'Democratic Services', roles: ['democratic-services'] },
  ...Object.fromEntries(AREAS.map((a) => [a, { sub: `u-${a}`, name: a, roles: [`consultee:${a}`] }])),
};
const bearer = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, `Bearer ${signToken(u, JWT_SECRET)}`]));

const draft = (i: number) => ({
  title: `HTTP bench decision ${i}`,
  decisionMaker: { title: 'Director', userId: 'u-dm' },
  isKeyDecision: false,
  isSubjectToCallIn: true,
  urgency: 'none',
  purpose: 'Temporary capacity in the Early Help service.',
  recommendations: [{ text: 'Appoint an agency Senior Practitioner for six months.' }],
  reasons: 'Option 1',
  consultees: AREAS.map((area) => ({ area })),
});

export interface HttpRun {
  lanes: number;
  transitions: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface HttpBench {
  run(n: number, lanes: number): Promise<HttpRun>;
  close(): Promise<void>;
}

/** Starts the API (no worker) on a free local port. */
export async function startHttpBench(config: RatifyConfig): Promise<HttpBench> {
  const app: INestApplication = await createApi(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  let pool: Pool | null = null;
  let seq = 0;

  async function post(path: string, who: string, body: object, into: number[]): Promise<Record<string, unknown>> {
    const start = process.hrtime.bigint();
    const res = await pool!.request({ method: 'POST', path, headers: { authorization: bearer[who], 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.body.text();
    into.push(msSince(start));
    if (res.statusCode >= 300) throw new Error(`POST ${path} as ${who}: ${res.statusCode} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  async function lifecycle(i: number, lat: number[]) {
    const created = await post('/api/decisions', 'officer', draft(i), lat);
    const id = created.id as string;
    await post(`/api/decisions/${id}/submit`, 'officer', {}, lat);
    for (const area of AREAS) await post(`/api/decisions/${id}/sign-off`, area, { area }, lat);
    await post(`/api/decisions/${id}/approve`, 'dm', { decidedAt: '2020-11-18' }, lat);
    await post(`/api/decisions/${id}/publish`, 'ds', { publishedAt: '2020-11-18' }, lat);
  }

  return {
    async run(n, lanes) {
      await pool?.close();
      pool = new Pool(`http://127.0.0.1:${port}`, { connections: lanes, pipelining: 1 });
      const lat: number[] = [];
      let next = 0;
      const start = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          for (let i = next++; i < n; i = next++) await lifecycle(seq++, lat);
        }),
      );
      const seconds = msSince(start) / 1000;
      const l = latencies(lat);
      return { lanes, transitions: lat.length, seconds: +seconds.toFixed(3), perSecond: Math.round(lat.length / seconds), p50Ms: l.p50Ms, p99Ms: l.p99Ms };
    },
    async close() {
      await pool?.close();
      await app.close();
    },
  };
}
