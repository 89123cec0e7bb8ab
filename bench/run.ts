/**
 * `npm run bench`: throughput of the pure core and of the decision service against real PostgreSQL and
 * Redis (BENCH_DATABASE_URL / BENCH_REDIS_URL, defaulting to the test services). Figures go to
 * bench/results/latest.json; nothing here asserts a time.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { addDays, computeCallInDeadline } from '#libs/calendar';
import { ConfigModule, loadConfig } from '#libs/config';
import { DecisionService, DecisionsModule } from '#libs/decisions';
import { applyEvent, startLifecycle, type Actor } from '#libs/lifecycle';
import { QueueModule } from '#libs/queue';
import { dropSchema, StoreModule } from '#libs/store';
import { TimersModule } from '#libs/timers';

const id = randomBytes(4).toString('hex');
const config = loadConfig({
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  DATABASE_SCHEMA: `bench_${id}`,
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: `bench-${id}`,
});

async function measure(name: string, n: number, work: (i: number) => unknown | Promise<unknown>) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await work(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const figure = { name, n, seconds: +seconds.toFixed(3), perSecond: Math.round(n / seconds) };
  console.log(`${name}: ${figure.perSecond}/s (${n} in ${figure.seconds} s)`);
  return figure;
}

const actor = (userId: string, roles: string[]): Actor => ({ userId, name: userId, roles });
const officer = actor('u-officer', ['officer']);
const draft = (i: number) => ({
  title: `Bench decision ${i}`,
  decisionMaker: { title: 'Director', userId: 'u-dm' },
  isKeyDecision: false,
  isSubjectToCallIn: true,
  urgency: 'none' as const,
  consultees: [{ area: 'hr' }, { area: 'finance' }, { area: 'legal' }],
});

@Module({ imports: [ConfigModule.with(config), StoreModule, QueueModule, TimersModule, DecisionsModule] })
class BenchModule {}

async function main() {
  const figures = [];
  figures.push(await measure('calendar: call-in deadline', 20_000, (i) => computeCallInDeadline(addDays('2019-01-01', i % 4000))));
  const facts = { isKeyDecision: false, isSubjectToCallIn: true, urgency: 'none' as const, consultees: ['hr'], forwardPlanNoticeAt: null };
  const rules = { forwardPlanClearDays: 28, callInMinMembers: 2 };
  figures.push(
    await measure('lifecycle: draft → for-determination (3 events)', 5_000, () => {
      const at = '2021-01-01T00:00:00.000Z';
      let p = startLifecycle({ facts, rules });
      for (const e of [{ type: 'SUBMIT', at }, { type: 'SIGN_OFF', at, area: 'hr', by: 'u' }, { type: 'APPROVE', at, decidedAt: '2021-01-01' }] as const) {
        const r = applyEvent(p, e);
        if (r.accepted) p = r.next;
      }
    }),
  );

  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  const decisions = app.get(DecisionService);
  try {
    figures.push(
      await measure('service: draft to call-in period over PostgreSQL (7 transactions)', 100, async (i) => {
        const d = await decisions.create(draft(i), officer);
        await decisions.act(d.id, 'submit', {}, officer);
        for (const area of ['hr', 'finance', 'legal']) await decisions.act(d.id, 'sign-off', { area }, actor(`u-${area}`, [`consultee:${area}`]));
        await decisions.act(d.id, 'approve', {}, actor('u-dm', ['decision-maker']));
        await decisions.act(d.id, 'publish', {}, actor('u-ds', ['democratic-services']));
      }),
    );
    const areas = Array.from({ length: 50 }, (_, i) => ({ area: `a${i}` }));
    const contended = await decisions.create({ ...draft(0), consultees: areas }, officer);
    await decisions.act(contended.id, 'submit', {}, officer);
    const start = process.hrtime.bigint();
    await Promise.all(areas.map(({ area }) => decisions.act(contended.id, 'sign-off', { area }, actor(`u-${area}`, [`consultee:${area}`]))));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    figures.push({ name: 'service: 50 concurrent sign-offs on one decision', n: 50, seconds: +seconds.toFixed(3), perSecond: Math.round(50 / seconds) });
    console.log(`service: 50 concurrent sign-offs on one decision: ${Math.round(50 / seconds)}/s`);
  } finally {
    await app.close();
    await dropSchema({ url: config.databaseUrl!, schema: config.databaseSchema });
    const redis = new Redis(config.redisUrl!);
    const keys = await redis.keys(`${config.queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2) + '\n');
  console.log('figures written to bench/results/latest.json');
}

await main();
