import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { metricsRegistry } from './metrics.js';

export type MetricsAuth = (authorization: string | undefined) => 'ok' | 'unauthorized' | 'forbidden';

/**
 * Who may scrape: `Authorization: Bearer <METRICS_TOKEN>` (what Prometheus sends), or whatever else the
 * caller accepts (the API: an admin JWT). Queue depth and lateness are not for the public.
 */
export function metricsAuth(metricsToken: string | undefined, otherwise: MetricsAuth): MetricsAuth {
  return (authorization) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (metricsToken && bearer && bearer.length === metricsToken.length && timingSafeEqual(Buffer.from(bearer), Buffer.from(metricsToken))) return 'ok';
    return otherwise(authorization);
  };
}

/** The /metrics answer, for Express or a bare node:http server. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, auth: MetricsAuth): Promise<void> {
  const verdict = auth(req.headers.authorization);
  if (verdict !== 'ok') {
    const statusCode = verdict === 'unauthorized' ? 401 : 403;
    res.writeHead(statusCode, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message: 'metrics need METRICS_TOKEN or an admin token' }));
    return;
  }
  res.writeHead(200, { 'Content-Type': metricsRegistry.contentType });
  res.end(await metricsRegistry.metrics());
}

/** The worker's own /metrics on METRICS_PORT (the API serves its own on its port). */
export function startMetricsServer(port: number, host: string, auth: MetricsAuth): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') void serveMetrics(req, res, auth);
    else {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'only GET /metrics here' }));
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
