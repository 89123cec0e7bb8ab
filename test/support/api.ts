import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signToken } from '#libs/auth';
import type { RatifyConfig } from '#libs/config';
import { createApi } from '../../apps/api/bootstrap.js';
import { buildOpenApi } from '../../apps/api/http/openapi.js';
import { responseChecker } from './openapi-check.js';
import { JWT_SECRET } from './environment.js';

export interface TestUser {
  sub: string;
  name: string;
  roles: string[];
}

export const USERS = {
  officer: { sub: 'u-officer', name: 'Bruce Penhale', roles: ['officer'] },
  otherOfficer: { sub: 'u-officer-2', name: 'Another Officer', roles: ['officer'] },
  hr: { sub: 'u-hr', name: 'HR Officer', roles: ['consultee:hr'] },
  finance: { sub: 'u-fin', name: 'Finance Officer', roles: ['consultee:finance'] },
  legal: { sub: 'u-legal', name: 'Legal Officer', roles: ['consultee:legal'] },
  dm: { sub: 'u-dm', name: 'Managing Director', roles: ['decision-maker'] },
  otherDm: { sub: 'u-dm-2', name: 'Another Director', roles: ['decision-maker'] },
  democratic: { sub: 'u-ds', name: 'Democratic Services', roles: ['democratic-services'] },
  scrutiny: { sub: 'u-scrutiny', name: 'Cllr Scrutiny', roles: ['scrutiny'] },
  admin: { sub: 'u-admin', name: 'Admin', roles: ['admin'] },
} satisfies Record<string, TestUser>;

export function tokenFor(user: TestUser): string {
  return signToken(user, JWT_SECRET);
}

/**
 * A running API (optionally with the worker in-process) and supertest clients bound to it. Every response
 * they get is checked against the app's OpenAPI document (openapi-check.ts).
 */
export async function startApi(config: RatifyConfig, options: { withWorker?: boolean } = {}) {
  const app: INestApplication = await createApi(config, { ...options, quiet: true });
  await app.init();
  const server = app.getHttpServer();
  const check = responseChecker(buildOpenApi(app) as never);
  const checked = (test: request.Test) => test.expect(check);
  const client = () => ({
    get: (path: string) => checked(request(server).get(path)),
    post: (path: string) => checked(request(server).post(path)),
    patch: (path: string) => checked(request(server).patch(path)),
    put: (path: string) => checked(request(server).put(path)),
    delete: (path: string) => checked(request(server).delete(path)),
  });
  const as = (user: TestUser) => {
    const bearer = `Bearer ${tokenFor(user)}`;
    return {
      get: (path: string) => client().get(path).set('Authorization', bearer),
      post: (path: string, body?: object) => client().post(path).set('Authorization', bearer).send(body ?? {}),
      patch: (path: string, body?: object) => client().patch(path).set('Authorization', bearer).send(body ?? {}),
    };
  };
  return { app, server, as, anonymous: client };
}

export type TestApi = Awaited<ReturnType<typeof startApi>>;
