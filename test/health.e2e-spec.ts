import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { DONCASTER } from './fixtures/seed-decisions.js';

/** CONTRACT.md: 503 when PostgreSQL or Redis is down. Here nothing listens where Redis should be. */
describe('health with Redis down', () => {
  const config = testConfig({ REDIS_URL: 'redis://127.0.0.1:1' });
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp({ ...config, redisUrl: 'redis://127.0.0.1:6379' });
  });

  it('answers 503 naming the service that is down', async () => {
    const res = await api.anonymous().get('/api/health').expect(503);
    expect(res.body).toEqual({ status: 'error', database: 'up', redis: 'down' });
  });

  it('still answers writes, without waiting on Redis: their timers are committed for the relay to hand over', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    const timers = await api.app.get(DataSource).query(`SELECT status, enqueued_at FROM timers WHERE subject_id = $1`, [body.id]);
    expect(timers.length).toBeGreaterThan(0);
    expect(timers.every((t: { status: string; enqueued_at: Date | null }) => t.status === 'pending' && t.enqueued_at === null)).toBe(true);
  });

  it('shows admins the details it can, without queue depth', async () => {
    const res = await api.as(USERS.admin).get('/api/health/details').expect(200);
    expect(res.body).toMatchObject({ queues: null, warnings: [] });
  });
});
