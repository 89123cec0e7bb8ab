import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, type TestApi } from './support/api.js';

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
});
