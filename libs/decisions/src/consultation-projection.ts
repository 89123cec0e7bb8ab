import type { DecisionContext } from '#libs/lifecycle';
import type { ConsultationEntity } from '#libs/store';

/** The consultation rows mirror the lifecycle's sign-offs of the current revision (never the other way round). */
export function projectConsultations(rows: ConsultationEntity[], ctx: DecisionContext): ConsultationEntity[] {
  return rows.map((row) => {
    const signOff = ctx.signOffs[row.area];
    const change = ctx.changesRequested[row.area];
    const mark = signOff ?? change;
    return Object.assign(row, {
      status: signOff ? 'signed-off' : change ? 'changes-requested' : 'pending',
      by: mark?.by ?? null,
      at: mark ? new Date(mark.at) : null,
      comments: mark?.comments ?? null,
    });
  });
}
