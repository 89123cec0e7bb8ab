import type { INestApplicationContext } from '@nestjs/common';
import { Engine } from '#libs/engine';

/**
 * How the bench reaches the timer path: what the worker does with a job. The call-in timer's id is the one
 * the decision's state asks for (libs/lifecycle timersFor), so the bench needs no query to find it.
 */
export function benchDriver(app: INestApplicationContext) {
  const engine = app.get(Engine);
  return {
    callInTimerId(published: { id: string; revision: number; dates: { callInDeadline: string | null } }): string {
      return `${published.id}-call-in-period-r${published.revision}-${published.dates.callInDeadline!.replace(/\D/g, '')}`;
    },
    fire: (timerId: string, decisionId: string) => engine.fire({ timerId, subjectType: 'decision', subjectId: decisionId }),
  };
}
