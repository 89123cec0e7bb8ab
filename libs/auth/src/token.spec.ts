import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { InvalidToken, isRole, signToken, verifyToken } from './token.js';

const secret = 'test-secret';

describe('tokens', () => {
  it('round-trips the claims of CONTRACT.md', () => {
    const token = signToken({ sub: 'u1', name: 'A Person', roles: ['officer', 'consultee:hr'] }, secret);
    expect(verifyToken(token, secret)).toEqual({ userId: 'u1', name: 'A Person', roles: ['officer', 'consultee:hr'] });
  });

  it('refuses another secret, another algorithm, and an expired token', () => {
    const token = signToken({ sub: 'u1', name: 'A', roles: [] }, secret);
    expect(() => verifyToken(token, 'other')).toThrow(InvalidToken);
    const none = jwt.sign({ sub: 'u1', roles: [] }, '', { algorithm: 'none' });
    expect(() => verifyToken(none, secret)).toThrow(InvalidToken);
    const expired = jwt.sign({ sub: 'u1', roles: [], exp: Math.floor(Date.now() / 1000) - 120 }, secret);
    expect(() => verifyToken(expired, secret)).toThrow(/expired/);
  });

  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'u1', name: 'A', roles: ['admin'] };

  it('refuses a token that never expires, or lives past the maximum lifetime', () => {
    expect(() => verifyToken(jwt.sign(claims, secret), secret)).toThrow(/'exp' claim is missing/);
    expect(() => verifyToken(jwt.sign({ ...claims, exp: now + 100 * 365 * 86400 }, secret), secret)).toThrow(/maximum of 24 hours/);
    expect(() => verifyToken(jwt.sign({ ...claims, iat: now - 3600, exp: now + 24 * 3600 }, secret), secret)).toThrow(/maximum/);
    expect(() => verifyToken(jwt.sign({ ...claims, exp: now + 25 * 3600 }, secret, { noTimestamp: true }), secret)).toThrow(/maximum/);
    expect(verifyToken(jwt.sign({ ...claims, exp: now + 8 * 3600 }, secret), secret).userId).toBe('u1');
    expect(verifyToken(jwt.sign({ ...claims, exp: now + 3600 }, secret, { noTimestamp: true }), secret).userId).toBe('u1');
    const short = { maxLifetimeSeconds: 600, clockToleranceSeconds: 0 };
    expect(() => verifyToken(signToken(claims, secret, 3600), secret, short)).toThrow(/maximum/);
  });

  it('refuses a token issued in the future or not yet valid, allowing for the clock tolerance', () => {
    expect(() => verifyToken(jwt.sign({ ...claims, iat: now + 86400, exp: now + 86400 + 60 }, secret), secret)).toThrow(/'iat' claim lies in the future/);
    expect(() => verifyToken(jwt.sign({ ...claims, nbf: now + 3600, exp: now + 7200 }, secret), secret)).toThrow(/not active/);
    expect(verifyToken(jwt.sign({ ...claims, iat: now + 30, exp: now + 3600 }, secret), secret).userId).toBe('u1');
    const [header] = jwt.sign({}, secret).split('.');
    const body = Buffer.from(JSON.stringify({ ...claims, iat: 'yesterday', exp: now + 3600 })).toString('base64url');
    const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
    expect(() => verifyToken(`${header}.${body}.${signature}`, secret)).toThrow(/'iat' claim must be a number/);
  });

  it('refuses alg none, other HMAC algorithms and public-key algorithms', () => {
    const exp = now + 3600;
    expect(() => verifyToken(jwt.sign({ ...claims, exp }, null, { algorithm: 'none' }), secret)).toThrow(InvalidToken);
    expect(() => verifyToken(jwt.sign({ ...claims, exp }, secret, { algorithm: 'HS512' }), secret)).toThrow(/invalid algorithm/);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => verifyToken(jwt.sign({ ...claims, exp }, privateKey, { algorithm: 'RS256' }), secret)).toThrow(InvalidToken);
    // A hand-made "none" token with an empty signature.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(() => verifyToken(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp })}.`, secret)).toThrow(InvalidToken);
  });

  it('refuses a token whose roles are not a string array', () => {
    const token = jwt.sign({ sub: 'u1', roles: 'admin' }, secret, { expiresIn: 60 });
    expect(() => verifyToken(token, secret)).toThrow(/roles/);
  });

  it('never accepts garbage', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      expect(() => verifyToken(s, secret)).toThrow(InvalidToken);
    }));
  });

  it('knows the roles', () => {
    expect(isRole('consultee:finance')).toBe(true);
    expect(isRole('democratic-services')).toBe(true);
    expect(isRole('king')).toBe(false);
    expect(isRole('consultee:')).toBe(false);
  });
});
