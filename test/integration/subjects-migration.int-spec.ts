import { afterAll, describe, expect, it } from '@jest/globals';
import { MIGRATIONS, openDatabase } from '#libs/store';
import { Subjects1700000000002 } from '../../libs/store/src/migrations/1700000000002-subjects.js';
import { cleanUp, testConfig } from '../support/environment.js';

/** Migration 1700000000002 moves every timer and delivery row to a subject, losing none and changing no meaning. */
describe('migration to subject-keyed timers and deliveries', () => {
  const config = testConfig();
  const settings = { url: config.databaseUrl!, schema: config.databaseSchema };
  afterAll(() => cleanUp(config));

  it('keeps every row, now keyed on (decision, its id), and goes back the same way', async () => {
    const before = await openDatabase(settings, MIGRATIONS.slice(0, 2));
    const decisionId = '11111111-1111-4111-8111-111111111111';
    await before.query(
      `INSERT INTO decisions (id, reference, version, state, lifecycle, title, decision_maker_title, author_user_id, author_name, is_key_decision, is_subject_to_call_in, urgency)
       VALUES ($1, 'MIG-1', 3, 'consultation', '{}', 'Old', 'Director', 'u', 'U', false, true, 'none')`,
      [decisionId],
    );
    await before.query(
      `INSERT INTO timers (id, decision_id, kind, due_at, status, payload, enqueued_at) VALUES
         ($1 || '-a', $1::uuid, 'REMINDER', '2030-01-01T09:00:00Z', 'pending', '{"kind":"consultee-reminder"}', now()),
         ($1 || '-b', $1::uuid, 'CALL_IN_PERIOD_ENDED', '2020-11-25T17:00:00Z', 'fired', '{}', now()),
         ($1 || '-c', $1::uuid, 'REMINDER', '2021-01-01T09:00:00Z', 'cancelled', '{}', NULL)`,
      [decisionId],
    );
    await before.query(
      `INSERT INTO notifications (decision_id, timer_id, kind, channel, recipient, subject, payload, idempotency_key, status, attempts) VALUES
         ($1::uuid, $1 || '-a', 'consultee-reminder', 'email', 'a@x', 's', '{}', 'k1', 'pending', 0),
         ($1::uuid, $1 || '-a', 'consultee-reminder', 'webhook', 'http://h', 's', '{}', 'k2', 'sent', 1),
         ($1::uuid, $1 || '-a', 'consultee-reminder', 'email', 'b@x', 's', '{}', 'k3', 'dead', 5)`,
      [decisionId],
    );
    await before.destroy();

    const after = await openDatabase(settings);
    try {
      const timers = await after.query(`SELECT id, subject_type, subject_id, kind, status, enqueued_at IS NOT NULL AS enqueued FROM timers ORDER BY id`);
      expect(timers).toEqual([
        { id: `${decisionId}-a`, subject_type: 'decision', subject_id: decisionId, kind: 'REMINDER', status: 'pending', enqueued: true },
        { id: `${decisionId}-b`, subject_type: 'decision', subject_id: decisionId, kind: 'CALL_IN_PERIOD_ENDED', status: 'fired', enqueued: true },
        { id: `${decisionId}-c`, subject_type: 'decision', subject_id: decisionId, kind: 'REMINDER', status: 'cancelled', enqueued: false },
      ]);
      const deliveries = await after.query(`SELECT idempotency_key, subject_type, subject_id, status, attempts FROM notifications ORDER BY idempotency_key`);
      expect(deliveries).toEqual([
        { idempotency_key: 'k1', subject_type: 'decision', subject_id: decisionId, status: 'pending', attempts: 0 },
        { idempotency_key: 'k2', subject_type: 'decision', subject_id: decisionId, status: 'sent', attempts: 1 },
        { idempotency_key: 'k3', subject_type: 'decision', subject_id: decisionId, status: 'dead', attempts: 5 },
      ]);
      const columns = await after.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'decision_id' AND table_name IN ('timers', 'notifications')`, [config.databaseSchema]);
      expect(columns).toEqual([]);

      // Back down (later migrations do not touch these tables, so this one's down runs on its own).
      const runner = after.createQueryRunner();
      try {
        await new Subjects1700000000002().down(runner);
      } finally {
        await runner.release();
      }
      expect(await after.query(`SELECT id, decision_id, status FROM timers ORDER BY id`)).toEqual([
        { id: `${decisionId}-a`, decision_id: decisionId, status: 'pending' },
        { id: `${decisionId}-b`, decision_id: decisionId, status: 'fired' },
        { id: `${decisionId}-c`, decision_id: decisionId, status: 'cancelled' },
      ]);
      expect(await after.query(`SELECT count(*)::int AS n FROM notifications WHERE decision_id = $1`, [decisionId])).toEqual([{ n: 3 }]);
    } finally {
      await after.destroy();
    }
  });
});
