import { Injectable } from '@nestjs/common';
import { decisionMayClose, eventForDecision, isSettled, type ArrangementState } from '#libs/arrangements';
import { Reaction, SYSTEM_ACTOR, type Transition, type UnitOfWork } from '#libs/engine';
import { ArrangementRepository, type DecisionRecord, type StoredArrangement } from '#libs/store';
import { ARRANGEMENT } from './subject.js';

/**
 * Between a decision and its arrangements, in the transaction of the change (the decision's row is locked
 * first, always): the decision taking effect starts their clocks — each goes where its dates put it, so a
 * historical record is overdue at once; a rejected or withdrawn decision cancels them; and the decision is
 * closed once every one of them has ended, been made permanent or been cancelled.
 */
@Injectable()
export class ArrangementReactions {
  @Reaction('decision')
  async onDecision(change: Transition, uow: UnitOfWork) {
    const before = (change.before as DecisionRecord | null)?.decision.state;
    const after = (change.after as DecisionRecord).decision;
    if (before === after.state) return;
    const at = change.history.at.toISOString();
    if (after.state === 'effective') {
      const ctx = after.lifecycle.context;
      const event = eventForDecision({ type: 'effective', at, effectiveAt: ctx.effectiveAt ?? at, decidedAt: ctx.decidedAt });
      await this.tell(change.id, ['proposed', 'planned'], uow, event, 'decision-effective');
    } else if (after.state === 'rejected' || after.state === 'withdrawn') {
      const reason = (change.history.payload.reason ?? change.history.payload.reasons ?? null) as string | null;
      await this.tell(change.id, ['proposed', 'planned'], uow, eventForDecision({ type: after.state, at, reason }), 'decision-' + after.state);
    }
  }

  @Reaction(ARRANGEMENT)
  async onArrangement(change: Transition, uow: UnitOfWork) {
    const after = change.after as StoredArrangement;
    if (!isSettled(after.arrangement.state) || (change.before as StoredArrangement | null)?.arrangement.state === after.arrangement.state) return;
    const decision = await uow.load<DecisionRecord>('decision', after.decisionId);
    if (decision?.decision.state !== 'effective') return;
    const states = (await new ArrangementRepository(uow.tx).statesOf(after.decisionId)).map((s) => s.state as ArrangementState);
    if (!decisionMayClose(states)) return;
    await uow.dispatch('decision', after.decisionId, { type: 'CLOSE', at: uow.now.toISOString() }, { actor: SYSTEM_ACTOR, historyType: 'close', payload: { why: 'every staffing arrangement has ended, been made permanent or been cancelled' } });
  }

  private async tell(decisionId: string, states: string[], uow: UnitOfWork, event: ReturnType<typeof eventForDecision>, historyType: string) {
    const targets = (await new ArrangementRepository(uow.tx).statesOf(decisionId)).filter((a) => states.includes(a.state));
    for (const { id } of targets) {
      await uow.dispatch(ARRANGEMENT, id, event as never, { actor: SYSTEM_ACTOR, historyType });
    }
  }
}
