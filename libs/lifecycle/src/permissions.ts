import { availableActions } from './lifecycle.js';
import { pendingAreas } from './decision.machine.js';
import type { ActionName, Actor, Assignment, DecisionState, PersistedLifecycle } from './types.js';

/** The roles of CONTRACT.md; `consultee:<area>` is one role per area. */
export const ROLES = ['officer', 'decision-maker', 'democratic-services', 'scrutiny', 'hr', 'admin'] as const;

/** A known role, or `consultee:<area>`. */
export function isRole(role: string): boolean {
  return (ROLES as readonly string[]).includes(role) || /^consultee:[a-z0-9][a-z0-9-]*$/.test(role);
}

/** What one may ask of a decision: its actions, editing it, and reading it, its history or its notification log. */
export const READS = ['read', 'read-notifications'] as const;
export type ReadName = (typeof READS)[number];
export type Permission = ActionName | 'edit' | ReadName;

/**
 * Who a rule names. `author`, `decision-maker` and `consultee` are parties to one decision:
 * - `decision-maker`: holds the `decision-maker` role *and* is the named decision maker (any holder of the
 *   role when none is named) — a user id alone is not enough;
 * - `consultee`: may act for a consultee area of the decision (for the area given, when one is): its
 *   assignee, or any holder of `consultee:<area>` when no one is assigned;
 * - `role:<role>`: holds the role, whatever the decision; `staff`: holds any role Ratify knows.
 */
export type Party = 'author' | 'decision-maker' | 'consultee' | 'staff' | `role:${string}`;

export interface Grant {
  who: readonly Party[];
  /** Only in these states (any state when absent). */
  states?: readonly DecisionState[];
  /** Separation of duties: never the decision's own author, whatever else they hold. */
  notAuthor?: boolean;
}

/** States in which the decision has been published: the public register shows them. */
export const PUBLISHED_STATES: readonly DecisionState[] = ['call-in-period', 'called-in', 'referred-to-council', 'effective', 'closed'];
const SUBMITTED_STATES: readonly DecisionState[] = [
  'consultation', 'for-determination', 'deferred', 'approved', 'call-in-period', 'called-in', 'referred-to-council', 'effective', 'closed', 'rejected', 'withdrawn',
];

/**
 * The permission table: every action and every read, as grants (any one suffices). docs/access.md sets the
 * same rules out per endpoint and role, and the access-matrix test holds the API to that table.
 */
export const PERMISSIONS: Record<Permission, readonly Grant[]> = {
  // Reading the decision and its history: its parties and admins always; democratic services once it has
  // left draft (they publish, run the forward plan and call-in); any member of staff once it is published.
  read: [
    { who: ['author', 'decision-maker', 'consultee', 'role:admin'] },
    { who: ['role:democratic-services'], states: SUBMITTED_STATES },
    { who: ['staff'], states: PUBLISHED_STATES },
  ],
  // The delivery log names recipients and addresses: the author, democratic services and admins.
  'read-notifications': [{ who: ['author', 'role:democratic-services', 'role:admin'] }],
  edit: [{ who: ['author'] }],
  submit: [{ who: ['author'] }],
  'sign-off': [{ who: ['consultee'], notAuthor: true }],
  'request-changes': [{ who: ['consultee'], notAuthor: true }],
  approve: [{ who: ['decision-maker'], notAuthor: true }],
  reject: [{ who: ['decision-maker'], notAuthor: true }],
  defer: [{ who: ['decision-maker'], notAuthor: true }],
  resume: [{ who: ['decision-maker'], notAuthor: true }],
  'refer-back': [{ who: ['decision-maker'], notAuthor: true }],
  withdraw: [{ who: ['author', 'role:admin'] }],
  publish: [{ who: ['role:democratic-services'] }],
  'scrutiny-outcome': [{ who: ['role:democratic-services'] }],
  'council-outcome': [{ who: ['role:democratic-services'] }],
  'call-in': [{ who: ['role:scrutiny'] }],
};

/** May this actor act for this consultee area? The assignee if one is named, else any holder of consultee:<area>. */
export function mayActForArea(a: Assignment, actor: Actor, area: string): boolean {
  const consultee = a.consultees.find((c) => c.area === area);
  if (!consultee) return false;
  return consultee.assigneeUserId ? consultee.assigneeUserId === actor.userId : actor.roles.includes(`consultee:${area}`);
}

/** Is this actor the decision maker of this decision? The role and the assignment, both. */
export function isDecisionMaker(a: Assignment, actor: Actor): boolean {
  if (!actor.roles.includes('decision-maker')) return false;
  return a.decisionMakerUserId ? actor.userId === a.decisionMakerUserId : true;
}

export function isParty(party: Party, a: Assignment, actor: Actor, area?: string): boolean {
  switch (party) {
    case 'author':
      return actor.userId === a.authorUserId;
    case 'decision-maker':
      return isDecisionMaker(a, actor);
    case 'consultee':
      return area !== undefined ? mayActForArea(a, actor, area) : a.consultees.some((c) => mayActForArea(a, actor, c.area));
    case 'staff':
      return actor.roles.some(isRole);
    default:
      return actor.roles.includes(party.slice('role:'.length));
  }
}

/**
 * May this actor do this? Reads depend on the state (pass it); actions do not — the state machine decides
 * whether an action is possible now, after this has decided whether the actor may ask.
 */
export function mayPerform(permission: Permission, a: Assignment, actor: Actor, area?: string, state?: DecisionState): boolean {
  return PERMISSIONS[permission].some(
    (grant) =>
      (!grant.states || (state !== undefined && grant.states.includes(state))) &&
      !(grant.notAuthor && actor.userId === a.authorUserId) &&
      grant.who.some((party) => isParty(party, a, actor, area)),
  );
}

/** What this actor may do now: the state's actions, filtered by who they are (consultees: pending areas only). */
export function permittedActions(p: PersistedLifecycle, a: Assignment, actor: Actor): ActionName[] {
  const pending = pendingAreas(p.context);
  return availableActions(p).filter((action) =>
    action === 'sign-off' || action === 'request-changes'
      ? pending.some((area) => mayPerform(action, a, actor, area))
      : mayPerform(action, a, actor),
  );
}
