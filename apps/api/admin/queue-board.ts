import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { InvalidToken, tokenRules, verifyToken } from '#libs/auth';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { DeliveryQueue, TimerQueue } from '#libs/queue';
import { BOARD_COOKIE, signBoardSession, verifyBoardSession } from './board-session.js';

export const QUEUE_BOARD_PATH = '/admin/queues';
const SESSION_PATH = `${QUEUE_BOARD_PATH}/session`;

/**
 * Bull Board at /admin/queues, for the admin role only: `Authorization: Bearer <admin JWT>`, or a short-lived
 * board session. A browser gets one by pasting its token into the form at /admin/queues/session (a POST,
 * so the token never sits in a URL, a history or a log); the session is a cookie of its own — HttpOnly,
 * Secure, SameSite=Strict, scoped to the board's path, BOARD_SESSION_MINUTES long — never the JWT itself.
 */
export function mountQueueBoard(app: INestApplication) {
  const config = app.get<RatifyConfig>(RATIFY_CONFIG);
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(app.get(TimerQueue).queue), new BullMQAdapter(app.get(DeliveryQueue).queue)],
    serverAdapter: board,
  });
  app.use(SESSION_PATH, boardSession(config));
  app.use(QUEUE_BOARD_PATH, adminOnly(config), board.getRouter());
}

function refuse(res: Response, statusCode: number, message: string) {
  const error = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 405: 'Method Not Allowed' }[statusCode] ?? 'Error';
  res.status(statusCode).json({ statusCode, error, message });
}

/** The admin a bearer token names, or an answer already sent. */
function admin(token: string, config: RatifyConfig, res: Response) {
  try {
    const actor = verifyToken(token, config.jwtSecret, tokenRules(config));
    if (actor.roles.includes('admin')) return actor;
    refuse(res, 403, "the queue board needs the 'admin' role");
  } catch (error) {
    if (!(error instanceof InvalidToken)) throw error;
    refuse(res, 401, error.message);
  }
  return null;
}

function bearer(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function boardSession(config: RatifyConfig) {
  const secure = { httpOnly: true, secure: true, sameSite: 'strict' as const, path: QUEUE_BOARD_PATH };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/' && req.path !== '/end') return next();
    if (req.method === 'GET' && req.path === '/') {
      res.type('html').send(SIGN_IN_PAGE);
      return;
    }
    if (req.method !== 'POST') return refuse(res, 405, 'use POST');
    if (req.path === '/end') {
      res.clearCookie(BOARD_COOKIE, secure).redirect(303, SESSION_PATH);
      return;
    }
    const token = bearer(req) ?? (typeof req.body?.token === 'string' ? req.body.token.trim() : undefined);
    if (!token) return refuse(res, 401, 'send an admin token as Authorization: Bearer <JWT> or in the form field "token"');
    const actor = admin(token, config, res);
    if (!actor) return;
    const seconds = config.security.boardSessionSeconds;
    res.cookie(BOARD_COOKIE, signBoardSession(actor.userId, config.jwtSecret, seconds), { ...secure, maxAge: seconds * 1000 });
    res.redirect(303, `${QUEUE_BOARD_PATH}/`);
  };
}

function adminOnly(config: RatifyConfig) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ('token' in req.query) {
      return refuse(res, 400, `tokens are not accepted in URLs: sign in at ${SESSION_PATH}, or send Authorization: Bearer <JWT>`);
    }
    const token = bearer(req);
    if (token) return admin(token, config, res) ? next() : undefined;
    const session = /(?:^|;\s*)ratify_board=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (session && verifyBoardSession(session, config.jwtSecret)) return next();
    if (req.accepts(['json', 'html']) === 'html') return res.redirect(303, SESSION_PATH);
    refuse(res, 401, `the queue board needs an admin: sign in at ${SESSION_PATH}, or send Authorization: Bearer <JWT>`);
  };
}

const SIGN_IN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue board — sign in</title></head>
<body><h1>Queue board</h1>
<form method="post" action="${SESSION_PATH}">
<p><label for="token">Admin token (from <code>npm run token -- --roles admin …</code>)</label></p>
<p><textarea id="token" name="token" rows="4" cols="80" autocomplete="off" required></textarea></p>
<p><button type="submit">Open the board</button></p>
</form></body></html>`;
