import { isRole, type Actor, type Grant, type Party } from '#libs/lifecycle';

/**
 * The SQL form of a permission's grants (libs/lifecycle PERMISSIONS), over `d` (decisions), for one actor:
 * a list shows exactly the decisions `mayPerform('read', …)` allows, computed by the database so that
 * paging and totals stay right. The access-matrix test checks the two agree.
 *
 * `within`: the states the caller's query also restricts `d.state` to (a list by state). The condition is
 * then only ever asked of rows in those states, so what it would answer for them is settled here: a grant
 * whose parties are all ruled out by the actor's roles, or whose states hold none of them, allows none of
 * those rows and is left out; a grant whose states hold all of them needs no test of the state; and one
 * that then allows any such row by role alone makes the whole condition TRUE. The same rows either way — but
 * PostgreSQL is not asked to test every row's state, author and consultations for what is already known
 * (a count of every approved decision for democratic services becomes a count of the state index alone).
 */
export function grantsSql(grants: readonly Grant[], actor: Actor, within?: readonly string[]): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { visUserId: actor.userId, visRoles: actor.roles };
  const known = within && within.length > 0 ? within : undefined;
  const clauses: string[] = [];
  for (const [i, grant] of grants.entries()) {
    const parties = grant.who.map((party) => partySql(party, actor));
    if (known && parties.every((p) => p === 'FALSE')) continue;
    const states = grant.states as readonly string[] | undefined;
    const holdsAll = known && states ? known.every((s) => states.includes(s)) : false;
    if (known && states && !holdsAll && known.every((s) => !states.includes(s))) continue;
    const parts = [`(${parties.sort(cheapFirst).join(' OR ')})`];
    if (grant.states && !holdsAll) {
      params[`visStates${i}`] = grant.states.length ? [...grant.states] : ['-'];
      parts.push(`d.state IN (:...visStates${i})`);
    }
    if (grant.notAuthor) parts.push('d.author_user_id <> :visUserId');
    if (known && parties.includes('TRUE') && parts.length === 1) return { sql: 'TRUE', params };
    clauses.push(`(${parts.join(' AND ')})`);
  }
  return { sql: clauses.length ? `(${clauses.sort(cheapFirst).join(' OR ')})` : 'FALSE', params };
}

/**
 * PostgreSQL evaluates OR's arms in the order written and stops at the first true one: the arms that read
 * only the row go before those with a subquery, so a grant by role or state settles a row without running
 * the consultations subquery for it (at a million decisions this was most of a list's time). Stable sort:
 * nothing else moves, and OR's meaning does not depend on the order.
 */
function cheapFirst(a: string, b: string): number {
  return Number(a.includes('EXISTS')) - Number(b.includes('EXISTS'));
}

function partySql(party: Party, actor: Actor): string {
  switch (party) {
    case 'author':
      return 'd.author_user_id = :visUserId';
    case 'decision-maker':
      return actor.roles.includes('decision-maker') ? '(d.decision_maker_user_id = :visUserId OR d.decision_maker_user_id IS NULL)' : 'FALSE';
    case 'consultee':
      return `EXISTS (SELECT 1 FROM consultations vc WHERE vc.decision_id = d.id
                AND (vc.assignee_user_id = :visUserId OR (vc.assignee_user_id IS NULL AND 'consultee:' || vc.area = ANY(:visRoles))))`;
    case 'staff':
      return actor.roles.some(isRole) ? 'TRUE' : 'FALSE';
    default:
      return actor.roles.includes(party.slice('role:'.length)) ? 'TRUE' : 'FALSE';
  }
}
