import { arrangementActions, estimateCost, representArrangement, type ArrangementJson, type CostResult, type PayScales } from '#libs/arrangements';
import type { Actor } from '#libs/lifecycle';
import type { StoredArrangement } from '#libs/store';

/** HR's roles: they act on arrangements and read them all. */
export const mayManageArrangements = (actor: Actor) => actor.roles.includes('hr') || actor.roles.includes('admin');

/** A manager reads the arrangements they are named (by user id) to manage. */
export const managesIt = (a: StoredArrangement, actor: Actor) => a.arrangement.context.facts.manager.userId === actor.userId;

export interface CostView {
  estimated: boolean;
  basis: string | null;
  annual: number | null;
  monthly: number | null;
  total: number | null;
  remaining: number | null;
  /** Why there is no estimate (no grade, a grade not in the pay scales …). */
  reason: string | null;
}

export type ArrangementView = ArrangementJson & {
  decision: { id: string; reference: string; title: string; state: string };
  allowedActions: string[];
  cost: CostView | null;
};

export function costOf(a: StoredArrangement, scales: PayScales | null, today: string): CostResult | null {
  return scales ? estimateCost(a.arrangement, scales, today) : null;
}

export function costView(cost: CostResult | null): CostView | null {
  if (!cost) return null;
  if (!cost.known) return { estimated: false, basis: null, annual: null, monthly: null, total: null, remaining: null, reason: cost.reason };
  return { estimated: true, ...cost.estimate, reason: null };
}

/** CONTRACT.md's arrangement, with the decision that approved it, what this caller may do, and its cost. */
export function representStored(a: StoredArrangement, actor: Actor, scales: PayScales | null, today: string): ArrangementView {
  return {
    ...representArrangement(a.id, a.arrangement, a.decision),
    decision: { id: a.decisionId, reference: a.decision.reference, title: a.decision.title, state: a.decision.state },
    allowedActions: mayManageArrangements(actor) ? arrangementActions(a.arrangement) : [],
    cost: costView(costOf(a, scales, today)),
  };
}
