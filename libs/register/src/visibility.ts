import { DECISION_STATES, type DecisionState } from '#libs/lifecycle';

/**
 * What the public may see. Only what has been published: never a draft or a consultation; a decision
 * awaiting determination only when the council publishes pending decisions (or it was published before
 * and is being reconsidered); an approved, rejected or withdrawn one only if it had been published.
 */
export const ALWAYS_PUBLIC: readonly DecisionState[] = ['call-in-period', 'called-in', 'referred-to-council', 'effective', 'closed'];
export const PENDING: readonly DecisionState[] = ['for-determination', 'deferred'];
export const PUBLIC_IF_PUBLISHED_BEFORE: readonly DecisionState[] = ['approved', 'rejected', 'withdrawn'];
export const NEVER_PUBLIC: readonly DecisionState[] = DECISION_STATES.filter(
  (s) => !ALWAYS_PUBLIC.includes(s) && !PENDING.includes(s) && !PUBLIC_IF_PUBLISHED_BEFORE.includes(s),
);

export function isPublic(state: DecisionState, publishedAt: string | null, publishPending: boolean): boolean {
  if (ALWAYS_PUBLIC.includes(state)) return true;
  if (PENDING.includes(state)) return publishPending || publishedAt !== null;
  if (PUBLIC_IF_PUBLISHED_BEFORE.includes(state)) return publishedAt !== null;
  return false;
}

const list = (states: readonly string[]) => states.map((s) => `'${s}'`).join(', ');

/** The same rule as SQL over `decisions` (alias `d`); states are constants, publishPending a literal boolean. */
export function publicSql(publishPending: boolean): string {
  return `(d.state IN (${list(ALWAYS_PUBLIC)})
    OR (d.state IN (${list(PENDING)}) AND (${publishPending ? 'TRUE' : 'FALSE'} OR d.published_at IS NOT NULL))
    OR (d.state IN (${list(PUBLIC_IF_PUBLISHED_BEFORE)}) AND d.published_at IS NOT NULL))`;
}
