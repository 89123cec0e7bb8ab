import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { actorFromClaims, claimAt } from './oidc-claims.js';
import { isRole } from './token.js';

const settings = { rolesClaim: 'roles', roleMap: {}, userIdClaim: 'sub', nameClaim: 'name' };

describe('OIDC claims → Ratify user', () => {
  it('takes the user id, the name and the Ratify roles', () => {
    expect(actorFromClaims({ sub: 'u-hr', name: 'Harriet', roles: ['consultee:hr', 'hr'] }, settings)).toEqual({
      userId: 'u-hr',
      name: 'Harriet',
      roles: ['consultee:hr', 'hr'],
    });
  });

  it('maps provider role names through the role map, and drops what Ratify does not know', () => {
    const mapped = actorFromClaims(
      { oid: 'abc', name: 'Dee', app: { roles: ['Ratify.DecisionMaker', 'Ratify.HR', 'Global Admin'] } },
      { ...settings, rolesClaim: 'app.roles', userIdClaim: 'oid', roleMap: { 'Ratify.DecisionMaker': ['decision-maker'], 'Ratify.HR': ['consultee:hr', 'hr'] } },
    );
    expect(mapped).toEqual({ userId: 'abc', name: 'Dee', roles: ['decision-maker', 'consultee:hr', 'hr'] });
  });

  it('reads a space-separated string claim, and a claim whose name has dots', () => {
    expect(actorFromClaims({ sub: 'a', 'https://ratify/roles': 'officer scrutiny' }, { ...settings, rolesClaim: 'https://ratify/roles' }).roles).toEqual(['officer', 'scrutiny']);
    expect(claimAt({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
  });

  it('refuses claims without a user id, and falls back to the id for the name', () => {
    expect(() => actorFromClaims({ name: 'x' }, settings)).toThrow(/'sub'/);
    expect(actorFromClaims({ sub: 'u1' }, settings)).toEqual({ userId: 'u1', name: 'u1', roles: [] });
  });

  it('never grants a role that is not a Ratify role', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.dictionary(fc.string(), fc.array(fc.string())), (roles, roleMap) => {
        const actor = actorFromClaims({ sub: 'u', roles }, { ...settings, roleMap });
        expect(actor.roles.every(isRole)).toBe(true);
      }),
    );
  });
});
