import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, TimerHandler, type TimerFiring } from '#libs/engine';
import { ARRANGEMENT } from './subject.js';

/**
 * An arrangement's state changes at the start of a London day: each timer sends its event with the due time
 * it was set for; an arrangement that no longer waits for exactly that (extended, ended …) refuses it: stale.
 */
@Injectable()
export class ArrangementTimers {
  @TimerHandler('START_REACHED')
  startReached(firing: TimerFiring) {
    return fire(firing, 'start-reached');
  }

  @TimerHandler('ENDING_SOON_REACHED')
  endingSoonReached(firing: TimerFiring) {
    return fire(firing, 'ending-soon-reached');
  }

  @TimerHandler('END_PASSED')
  endPassed(firing: TimerFiring) {
    return fire(firing, 'end-passed');
  }
}

async function fire({ timer, uow, now }: TimerFiring, historyType: string): Promise<'fired' | 'stale'> {
  const dueAt = timer.dueAt.toISOString();
  const applied = await uow.dispatch(ARRANGEMENT, timer.subjectId, { type: timer.kind, at: now.toISOString(), dueAt }, { actor: SYSTEM_ACTOR, historyType, payload: { timerId: timer.id, dueAt } });
  return applied.accepted ? 'fired' : 'stale';
}
