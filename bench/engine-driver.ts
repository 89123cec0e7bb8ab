import type { INestApplicationContext } from '@nestjs/common';
import { Engine } from '#libs/engine';
import { TimerRepository, TransactionRunner } from '#libs/store';

/** How the bench reaches the timer path: what the worker does with a job. */
export function benchDriver(app: INestApplicationContext) {
  const engine = app.get(Engine);
  const db = app.get(TransactionRunner);
  return {
    async pendingCallInTimer(decisionId: string): Promise<string> {
      const pending = await db.read((tx) => new TimerRepository(tx).pendingFor('decision', decisionId));
      return pending.find((t) => t.kind === 'CALL_IN_PERIOD_ENDED')!.id;
    },
    fire: (timerId: string, decisionId: string) => engine.fire({ timerId, subjectType: 'decision', subjectId: decisionId }),
  };
}
