import type { UnitOfWork } from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import type { DecisionEntity, DecisionRecord, Tx } from '#libs/store';

/**
 * Something a decision's create/patch body and representation carry that another lib keeps in its own rows
 * — its staffing arrangements (libs/staffing). The decision service hands the part its field inside the
 * decision's own transaction, after the decision's row is locked (and, on create, written), so both commit or
 * neither; the part refuses bad input by throwing (InvalidInput → 400, Conflict → 409). It attaches itself to
 * DecisionService at start-up, so libs/decisions does not depend on it.
 */
export interface DecisionPart {
  /** Its field in the body and the representation, e.g. 'staffingArrangements'. */
  readonly field: string;
  /** Pure: refuses bad input for a new decision before anything is written (a sequence spent is not rolled back). */
  check(raw: unknown): void;
  /** Stores what the body says; true when anything changed. */
  write(uow: UnitOfWork, decision: DecisionRecord, raw: unknown, actor: Actor): Promise<boolean>;
  /** Its fields in the representation of each decision, and any warnings (never a refusal). */
  represent(tx: Tx, decisions: DecisionEntity[], actor: Actor): Promise<Map<string, { fields: Record<string, unknown>; warnings: string[] }>>;
}
