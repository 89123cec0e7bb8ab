import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { InvalidToken, verifyToken } from '#libs/auth';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { DeliveryQueue, TimerQueue } from '#libs/queue';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for the admin role only. A browser can pass the token once as
 * ?token=<JWT>; it is then kept in an HTTP-only cookie for the board's own requests.
 */
export function mountQueueBoard(app: INestApplication) {
  const config = app.get<RatifyConfig>(RATIFY_CONFIG);
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(app.get(TimerQueue).queue), new BullMQAdapter(app.get(DeliveryQueue).queue)],
    serverAdapter: board,
  });
  app.use(QUEUE_BOARD_PATH, adminOnly(config.jwtSecret), board.getRouter());
}

function adminOnly(secret: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
    const fromCookie = /(?:^|;\s*)ratify_admin=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? fromQuery ?? fromCookie;
    const refuse = (statusCode: number, message: string) =>
      res.status(statusCode).json({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message });
    if (!token) return refuse(401, 'missing bearer token: send Authorization: Bearer <JWT> or ?token=<JWT>');
    try {
      const actor = verifyToken(token, secret);
      if (!actor.roles.includes('admin')) return refuse(403, "the queue board needs the 'admin' role");
    } catch (error) {
      if (error instanceof InvalidToken) return refuse(401, error.message);
      throw error;
    }
    if (fromQuery) res.cookie('ratify_admin', fromQuery, { httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH });
    next();
  };
}
