import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { adminBearer } from '#libs/auth';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { metricsAuth, observeHttp, serveMetrics } from '#libs/metrics';

/**
 * Prometheus metrics at /metrics (METRICS_TOKEN or an admin JWT), and HTTP latency for every request,
 * (queue depth comes from QueueDepthMetrics, a provider of ApiModule and WorkerModule)
 * labelled by route pattern (never the raw path, which would make a series per id).
 */
export function mountMetrics(app: INestApplication) {
  const config = app.get<RatifyConfig>(RATIFY_CONFIG);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      observeHttp(req.method, route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });
  const auth = metricsAuth(config.security.metricsToken, adminBearer(config));
  app.getHttpAdapter().getInstance().get('/metrics', (req: Request, res: Response) => void serveMetrics(req, res, auth));
}
