import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
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
    const expired = jwt.sign({ sub: 'u1', roles: [], exp: Math.floor(Date.now() / 1000) - 10 }, secret);
    expect(() => verifyToken(expired, secret)).toThrow(/expired/);
  });

  it('refuses a token whose roles are not a string array', () => {
    const token = jwt.sign({ sub: 'u1', roles: 'admin' }, secret);
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
