import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults that run locally', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.databaseSchema).toBe('public');
    expect(config.council.forwardPlanClearDays).toBe(28);
  });

  it('names the variable when a number is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
  });

  it('refuses to run in production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set/);
  });

  it('reads the register settings', () => {
    expect(loadConfig({}).register).toEqual({ publishPending: false, maxPageSize: 100 });
    expect(loadConfig({ REGISTER_PUBLISH_PENDING: 'yes', REGISTER_MAX_PAGE_SIZE: '50' }).register).toEqual({ publishPending: true, maxPageSize: 50 });
    expect(() => loadConfig({ REGISTER_PUBLISH_PENDING: 'maybe' })).toThrow(/REGISTER_PUBLISH_PENDING must be true or false/);
  });

  it('only ever throws a ConfigError naming the variable', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('PORT', 'DATABASE_SCHEMA', 'QUEUE_PREFIX', 'CALL_IN_MIN_MEMBERS', 'REGISTER_PUBLISH_PENDING', 'REGISTER_MAX_PAGE_SIZE'), (value, name) => {
        try {
          loadConfig({ [name]: value });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message).toContain(name);
        }
      }),
    );
  });

  it('offers local sign-in only without an issuer and outside production', () => {
    expect(loadConfig({}).web).toMatchObject({ oidc: null, localSignIn: true, secureCookies: false });
    const oidc = loadConfig({ OIDC_ISSUER: 'https://login.example/tenant/v2.0', OIDC_CLIENT_ID: 'ratify', OIDC_ROLE_MAP: 'Ratify.HR=consultee:hr;hr,Ratify.DM=decision-maker' });
    expect(oidc.web.localSignIn).toBe(false);
    expect(oidc.web.oidc).toMatchObject({ clientId: 'ratify', rolesClaim: 'roles', roleMap: { 'Ratify.HR': ['consultee:hr', 'hr'], 'Ratify.DM': ['decision-maker'] } });
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'j', SESSION_SECRET: 's', PUBLIC_URL: 'https://ratify.example' });
    expect(production.web).toMatchObject({ localSignIn: false, secureCookies: true });
  });

  it('says how to fix the sign-in settings', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'j' })).toThrow(/SESSION_SECRET must be set/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_ROLE_MAP: 'nonsense' })).toThrow(/OIDC_ROLE_MAP/);
  });

  it('reads the council and its rules from COUNCIL_CONFIG, keeping the shortcuts as views of it', () => {
    const config = loadConfig({ COUNCIL_CONFIG: join(process.cwd(), 'docs', 'constitutions', 'salford.yaml') });
    expect(config.council).toMatchObject({ name: 'Salford City Council', referencePrefix: 'SCC', callInMinMembers: 2, forwardPlanClearDays: 28 });
    expect(config.council.callInRule).toMatchObject({ days: 5, endsAt: '16:00', takesEffect: 'at-end' });
    expect(config.council.constitution.callIn.officer.applies).toBe(false);
  });

  it('refuses a council name given both by the file and by COUNCIL_NAME', () => {
    const env = { COUNCIL_CONFIG: join(process.cwd(), 'docs', 'constitutions', 'salford.yaml'), COUNCIL_NAME: 'Other' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow('COUNCIL_NAME is set, and COUNCIL_CONFIG gives council.name too');
  });
});
