import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signToken } from '#libs/auth';
import type { RatifyConfig } from '#libs/config';
import { createApi } from '../../apps/api/bootstrap.js';
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

/** A running API (optionally with the worker in-process) and a supertest client bound to it. */
export async function startApi(config: RatifyConfig, options: { withWorker?: boolean } = {}) {
  const app: INestApplication = await createApi(config, { ...options, quiet: true });
  await app.init();
  const server = app.getHttpServer();
  const as = (user: TestUser) => ({
    get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${tokenFor(user)}`),
    post: (path: string, body?: object) => request(server).post(path).set('Authorization', `Bearer ${tokenFor(user)}`).send(body ?? {}),
    patch: (path: string, body?: object) => request(server).patch(path).set('Authorization', `Bearer ${tokenFor(user)}`).send(body ?? {}),
  });
  return { app, server, as, anonymous: () => request(server) };
}

export type TestApi = Awaited<ReturnType<typeof startApi>>;
