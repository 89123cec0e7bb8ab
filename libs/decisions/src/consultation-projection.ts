import type { DecisionContext } from '#libs/lifecycle';
import type { ConsultationEntity } from '#libs/store';

/**
 * The consultation rows mirror the lifecycle's sign-offs of the current revision (never the other way round).
 * Returns new rows; an unchanged row keeps its identity, so the writer can tell which rows changed.
 */
export function projectConsultations(rows: ConsultationEntity[], ctx: DecisionContext): ConsultationEntity[] {
  return rows.map((row) => {
    const signOff = ctx.signOffs[row.area];
    const change = ctx.changesRequested[row.area];
    const mark = signOff ?? change;
    const status = signOff ? 'signed-off' : change ? 'changes-requested' : 'pending';
    const by = mark?.by ?? null;
    const at = mark ? new Date(mark.at) : null;
    const comments = mark?.comments ?? null;
    if (row.status === status && row.by === by && row.comments === comments && row.at?.getTime() === at?.getTime()) return row;
    return { ...row, status, by, at, comments };
  });
}
