import type { ConsultationEntity, DecisionEntity } from '#libs/store';
import type { DecisionPatch } from './decision-input.js';
import { InvalidInput } from './errors.js';
import { draftOf } from './representation.js';

/**
 * The part of a PATCH that really changes the record: fields given with the value they already have are
 * dropped, so history records only what changed. Nothing left → 400, and nothing is stored or versioned.
 */
export function realChanges(decision: DecisionEntity, consultations: ConsultationEntity[], patch: DecisionPatch): DecisionPatch {
  const current: Record<string, unknown> = {
    ...draftOf(decision),
    consultees: consultations.map((c) => ({ area: c.area, label: c.label, assigneeUserId: c.assigneeUserId })),
  };
  const given = Object.entries(patch).filter(([, value]) => value !== undefined);
  if (given.length === 0) {
    throw new InvalidInput('the edit changes nothing: send at least one field to change', [
      { field: 'body', message: 'must hold at least one field of the decision' },
    ]);
  }
  const changes = Object.fromEntries(given.filter(([field, value]) => canonical(normalise(field, value)) !== canonical(normalise(field, current[field]))));
  if (Object.keys(changes).length === 0) {
    throw new InvalidInput('the edit changes nothing: every field given already has that value', given.map(([field]) => ({ field, message: 'already has this value' })));
  }
  return changes as DecisionPatch;
}

/** The stored form of a field, so that `{ "area": "hr" }` equals the row it became (label HR, no assignee). */
function normalise(field: string, value: unknown): unknown {
  if (field === 'consultees' && Array.isArray(value)) {
    return value.map((c: { area: string; label?: string | null; assigneeUserId?: string | null }) => ({
      area: c.area,
      label: c.label ?? c.area.toUpperCase(),
      assigneeUserId: c.assigneeUserId ?? null,
    }));
  }
  if (field === 'decisionMaker' && value && typeof value === 'object') {
    const dm = value as { title: string; userId?: string | null };
    return { title: dm.title, userId: dm.userId ?? null };
  }
  return value ?? null;
}

/** JSON with object keys sorted, for comparing values that came from different places. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
