import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The constitution as configuration: a decision type, the records of the forward-plan exceptions, and the
 * call-in waiver. Until now any urgency other than 'none' also exempted a decision from call-in; urgency now
 * waives only the forward-plan notice. So that no stored decision changes meaning, each one that had an
 * urgency and was marked subject to call-in gets a call-in waiver saying so (agreed by: "not recorded"),
 * and a special urgency gets a record of who agreed ("not recorded", no date). The rules kept in each
 * lifecycle take the new shape with the values they had (calendar clear days; call-in for every type).
 */
export class Constitution1700000000003 implements MigrationInterface {
  name = 'Constitution1700000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE decisions
        ADD COLUMN decision_type text NOT NULL DEFAULT 'executive'
          CHECK (decision_type IN ('executive', 'key-officer', 'officer', 'non-executive')),
        ADD COLUMN general_exception_notice_at date,
        ADD COLUMN special_urgency jsonb,
        ADD COLUMN call_in_waiver jsonb`);
    await db.query(`
      UPDATE decisions SET special_urgency = jsonb_build_object('agreedBy', 'not recorded', 'agreedAt', NULL)
       WHERE urgency = 'special-urgency'`);
    await db.query(`
      UPDATE decisions SET call_in_waiver = jsonb_build_object(
          'reason', 'exempt from call-in because urgency (' || urgency || ') was recorded, under the rules before call-in waivers were kept apart',
          'agreedBy', 'not recorded')
       WHERE urgency <> 'none' AND is_subject_to_call_in`);
    await db.query(`
      UPDATE decisions SET lifecycle = jsonb_set(lifecycle, '{context}', (lifecycle -> 'context') || jsonb_build_object(
          'decisionType', decision_type,
          'generalExceptionNoticeAt', general_exception_notice_at,
          'specialUrgency', special_urgency,
          'callInWaiver', call_in_waiver,
          'rules', jsonb_build_object(
            'forwardPlan', jsonb_build_object('days', lifecycle #> '{context,rules,forwardPlanClearDays}', 'unit', 'calendar', 'closures', '[]'::jsonb),
            'generalException', jsonb_build_object('days', 5, 'unit', 'calendar', 'closures', '[]'::jsonb),
            'callIn', (SELECT jsonb_object_agg(t, jsonb_build_object(
                'applies', true, 'minMembers', lifecycle #> '{context,rules,callInMinMembers}', 'scrutinyChairAlone', false))
              FROM unnest(ARRAY['executive', 'key-officer', 'officer', 'non-executive']) AS t),
            'keyDecisionThreshold', NULL)))
       WHERE lifecycle #> '{context,rules,forwardPlanClearDays}' IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE decisions SET lifecycle = jsonb_set(lifecycle, '{context}',
          ((lifecycle -> 'context') - 'decisionType' - 'generalExceptionNoticeAt' - 'specialUrgency' - 'callInWaiver')
          || jsonb_build_object('rules', jsonb_build_object(
            'forwardPlanClearDays', lifecycle #> '{context,rules,forwardPlan,days}',
            'callInMinMembers', lifecycle #> '{context,rules,callIn,executive,minMembers}')))`);
    await db.query(`
      ALTER TABLE decisions
        DROP COLUMN call_in_waiver, DROP COLUMN special_urgency, DROP COLUMN general_exception_notice_at, DROP COLUMN decision_type`);
  }
}
