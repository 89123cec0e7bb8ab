import { availableActions } from './lifecycle.js';
import { pendingAreas } from './decision.machine.js';
import type { ActionName, Actor, Assignment, PersistedLifecycle } from './types.js';

const DECISION_MAKER_ACTIONS: (ActionName | 'edit')[] = ['approve', 'reject', 'defer', 'resume', 'refer-back'];
const DEMOCRATIC_SERVICES_ACTIONS: (ActionName | 'edit')[] = ['publish', 'scrutiny-outcome', 'council-outcome'];

/** May this actor act for this consultee area? The assignee if one is named, else any holder of consultee:<area>. */
export function mayActForArea(a: Assignment, actor: Actor, area: string): boolean {
  const consultee = a.consultees.find((c) => c.area === area);
  if (!consultee) return false;
  return consultee.assigneeUserId ? consultee.assigneeUserId === actor.userId : actor.roles.includes(`consultee:${area}`);
}

/** Who may do what (DOMAIN.md "Who uses it"); the state is not considered here. */
export function mayPerform(action: ActionName | 'edit', a: Assignment, actor: Actor, area?: string): boolean {
  if (action === 'submit' || action === 'edit') return actor.userId === a.authorUserId;
  if (action === 'sign-off' || action === 'request-changes') {
    return area !== undefined ? mayActForArea(a, actor, area) : a.consultees.some((c) => mayActForArea(a, actor, c.area));
  }
  if (DECISION_MAKER_ACTIONS.includes(action)) {
    return a.decisionMakerUserId ? actor.userId === a.decisionMakerUserId : actor.roles.includes('decision-maker');
  }
  if (action === 'withdraw') return actor.userId === a.authorUserId || actor.roles.includes('admin');
  if (DEMOCRATIC_SERVICES_ACTIONS.includes(action)) return actor.roles.includes('democratic-services');
  if (action === 'call-in') return actor.roles.includes('scrutiny');
  return false;
}

/** What this actor may do now: the state's actions, filtered by who they are (consultees: pending areas only). */
export function permittedActions(p: PersistedLifecycle, a: Assignment, actor: Actor): ActionName[] {
  const pending = pendingAreas(p.context);
  return availableActions(p).filter((action) =>
    action === 'sign-off' || action === 'request-changes'
      ? pending.some((area) => mayActForArea(a, actor, area))
      : mayPerform(action, a, actor),
  );
}
