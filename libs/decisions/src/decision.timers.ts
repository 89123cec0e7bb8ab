import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, TimerHandler, type TimerFiring } from '#libs/engine';
import { DECISION } from './timers-wanted.js';

/** The decision's own clocks: each fires its lifecycle event; a decision that has moved on refuses it (stale). */
@Injectable()
export class DecisionTimers {
  @TimerHandler('CALL_IN_PERIOD_ENDED')
  async callInPeriodEnded({ timer, uow, now }: TimerFiring): Promise<'fired' | 'stale'> {
    const applied = await uow.dispatch(
      DECISION,
      timer.subjectId,
      { type: timer.kind, at: now.toISOString(), ...timer.payload },
      { actor: SYSTEM_ACTOR, historyType: 'call-in-period-ended', payload: { timerId: timer.id, dueAt: timer.dueAt.toISOString() } },
    );
    return applied.accepted ? 'fired' : 'stale';
  }
}
