import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DECISION_STATES } from '#libs/lifecycle';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, type TestApi, type TestUser } from './support/api.js';

/**
 * 100 clients acting at once on the same 10 decisions — authors editing with If-Match and submitting,
 * consultees signing off, decision makers approving, deferring and resuming, democratic services
 * publishing — and afterwards: no lost update (every accepted change is one version and one history entry),
 * no duplicate history entry, and every loser answered 409 with a real state and what it may do in it.
 */
const DECISIONS = 10;
const CLIENTS = 100;
const ROUNDS = 3;
const AREAS = ['hr', 'finance', 'legal', 'estates', 'ict'];

/** A small seeded PRNG, so a failing run can be replayed (the seed is in the test name). */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome = { decision: string; action: string; status: number; body: Record<string, unknown> };

describe('100 clients on the same 10 decisions', () => {
  const config = testConfig();
  let api: TestApi;
  const author: TestUser = { sub: 'u-author', name: 'Author', roles: ['officer'] };
  const ids: string[] = [];
  const seed = Number(process.env.LOAD_SEED ?? Date.now() % 100_000);

  beforeAll(async () => {
    api = await startApi(config);
    for (let i = 0; i < DECISIONS; i++) {
      const res = await api.as(author).post('/api/decisions', {
        reference: `LOAD-${i}`,
        title: `Temporary staffing ${i}`,
        decisionMaker: { title: 'Director' },
        isKeyDecision: false,
        isSubjectToCallIn: false,
        urgency: 'none',
        consultees: AREAS.map((area) => ({ area })),
      }).expect(201);
      ids.push(res.body.id);
    }
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it(`loses no update and duplicates no history entry (seed ${seed})`, async () => {
    const random = prng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const clients: { user: TestUser; actions: string[] }[] = Array.from({ length: CLIENTS }, (_, n) => {
      if (n < 10) return { user: author, actions: ['edit', 'submit'] };
      if (n < 60) {
        const area = AREAS[n % AREAS.length];
        return { user: { sub: `u-${area}-${n}`, name: `${area} ${n}`, roles: [`consultee:${area}`] }, actions: ['sign-off'] };
      }
      if (n < 80) return { user: { sub: `u-dm-${n}`, name: `Director ${n}`, roles: ['decision-maker'] }, actions: ['approve', 'approve', 'defer', 'resume'] };
      return { user: { sub: `u-ds-${n}`, name: `Democratic Services ${n}`, roles: ['democratic-services'] }, actions: ['publish'] };
    });
    // Each client's plan is drawn up front, so the interleaving is the only thing left to chance.
    const plans = clients.map((c) => Array.from({ length: ROUNDS }, () => ({ decision: pick(ids), action: pick(c.actions), useIfMatch: random() < 0.5 })));

    const outcomes: Outcome[] = [];
    await Promise.all(
      clients.map(async (client, n) => {
        for (const { decision, action, useIfMatch } of plans[n]) {
          const seen = await api.as(client.user).get(`/api/decisions/${decision}`);
          // Democratic services may not read a draft: they act without a version in hand.
          const version = seen.status === 200 ? String(seen.body.version) : undefined;
          const request =
            action === 'edit'
              ? api.as(client.user).patch(`/api/decisions/${decision}`, { reasons: `edit by client ${n} at ${Math.random()}` })
              : api.as(client.user).post(`/api/decisions/${decision}/${action}`, action === 'sign-off' ? { area: client.user.roles[0].slice('consultee:'.length) } : action === 'defer' ? { reason: 'budget' } : {});
          const res = await (version && (useIfMatch || action === 'edit') ? request.set('If-Match', version) : request);
          outcomes.push({ decision, action, status: res.status, body: res.body });
        }
      }),
    );

    // Every answer is a success or a 409 with the state and what may be done in it.
    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 409).slice(0, 3)).toEqual([]);
    for (const loser of outcomes.filter((o) => o.status === 409)) {
      expect(DECISION_STATES).toContain(loser.body.state);
      expect(Array.isArray(loser.body.allowedActions)).toBe(true);
    }
    expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(DECISIONS);

    for (const id of ids) {
      const mine = outcomes.filter((o) => o.decision === id);
      const wins = mine.filter((o) => o.status === 200);
      const decision = (await api.as(author).get(`/api/decisions/${id}`).expect(200)).body;
      const history = (await api.as(author).get(`/api/decisions/${id}/history`).expect(200)).body as { seq: number; type: string; toState: string }[];
      // One entry per accepted change, numbered without gap or repeat, and as many as the version.
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history).toHaveLength(1 + wins.length);
      expect(decision.version).toBe(history.length);
      // No two winners were handed the same version: each saw its own change applied.
      const versions = wins.map((w) => w.body.version as number).sort((a, b) => a - b);
      expect(versions).toEqual(versions.map((_, i) => i + 2));
      expect(decision.state).toBe(history.at(-1)!.toState);
      // Each area signed off once, and every recorded sign-off is on the decision.
      const signOffs = history.filter((h) => h.type === 'sign-off').length;
      expect(signOffs).toBeLessThanOrEqual(AREAS.length);
      expect(decision.consultations.filter((c: { status: string }) => c.status === 'signed-off')).toHaveLength(signOffs);
      // A loser's 409 named a state this decision really passed through.
      const states = new Set(['draft', ...history.map((h) => h.toState)]);
      for (const loser of mine.filter((o) => o.status === 409)) expect(states.has(loser.body.state as string)).toBe(true);
      // The content is the last winning edit's.
      const lastEdit = wins.filter((w) => w.action === 'edit').sort((a, b) => (b.body.version as number) - (a.body.version as number))[0];
      if (lastEdit) expect(decision.reasons).toBe(lastEdit.body.reasons);
    }
  }, 300_000);
});
