import type { Request, Response } from 'express';

export interface Validated<T> {
  body: T;
  etag: string;
  lastModified: Date | null;
}

/**
 * Answers a GET with ETag / Last-Modified, and 304 with no body when the client's copy is current
 * (If-None-Match, else If-Modified-Since: express's `req.fresh`). Representations vary by Accept.
 */
export function sendConditional(req: Request, res: Response, page: Validated<unknown>, type: string): void {
  res.setHeader('ETag', page.etag);
  if (page.lastModified) res.setHeader('Last-Modified', page.lastModified.toUTCString());
  res.setHeader('Cache-Control', 'public, no-cache');
  res.vary('Accept');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.status(200).type(type).send(typeof page.body === 'string' ? page.body : JSON.stringify(page.body));
}
