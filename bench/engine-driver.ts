import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionService } from '#libs/decisions';

/** How the bench reaches the timer path (what the worker does with a job). */
export function benchDriver(app: INestApplicationContext) {
  const decisions = app.get(DecisionService);
  const db = app.get(DataSource);
  return {
    async pendingCallInTimer(decisionId: string): Promise<string> {
      const [row] = await db.query(`SELECT id FROM timers WHERE decision_id = $1 AND kind = 'CALL_IN_PERIOD_ENDED' AND status = 'pending'`, [decisionId]);
      return row.id;
    },
    fire: (timerId: string) => decisions.fireTimer(timerId),
  };
}
