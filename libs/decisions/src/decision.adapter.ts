import { Inject, Injectable } from '@nestjs/common';
import { londonDateOf } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { Aggregate, type AggregateAdapter, type Applied, type HistoryEntry, type MachineEvent, type ReminderTemplates } from '#libs/engine';
import { applyEvent, type LifecycleEvent } from '#libs/lifecycle';
import { REMINDER_TIMER } from '#libs/reminders';
import { DecisionRepository, type DecisionRecord, type TimerSync, type Tx, type WantedTimer } from '#libs/store';
import { projectConsultations } from './consultation-projection.js';
import { DecisionNotFound } from './errors.js';
import { decisionReminderTemplates } from './reminder-templates.js';
import { DECISION, wantedTimers } from './timers-wanted.js';

/** Applies a lifecycle event to a decision (pure): the statechart, then what the row copies from it. */
export function applyToDecision(record: DecisionRecord, event: LifecycleEvent): Applied<DecisionRecord> {
  const result = applyEvent(record.decision.lifecycle, event);
  if (!result.accepted) return result;
  const before = record.decision;
  const ctx = result.next.context;
  const at = new Date(event.at);
  const decision = {
    ...before,
    lifecycle: result.next,
    state: result.next.state,
    version: before.version + 1,
    decidedAt: ctx.decidedAt,
    publishedAt: ctx.publishedAt,
    stateEnteredAt: result.next.state !== before.state ? at : before.stateEnteredAt,
    updatedAt: at,
  };
  return { accepted: true, next: { decision, consultations: projectConsultations(record.consultations, ctx) } };
}

/** The decision aggregate as the engine drives it. */
@Aggregate()
@Injectable()
export class DecisionAdapter implements AggregateAdapter<DecisionRecord> {
  readonly subjectType = DECISION;
  readonly timerKinds = ['CALL_IN_PERIOD_ENDED', REMINDER_TIMER] as const;
  readonly reminders: ReminderTemplates<DecisionRecord>;

  constructor(@Inject(RATIFY_CONFIG) private readonly config: RatifyConfig) {
    this.reminders = decisionReminderTemplates(config);
  }

  idOf(record: DecisionRecord) {
    return record.decision.id;
  }

  stateOf(record: DecisionRecord) {
    return record.decision.state;
  }

  versionOf(record: DecisionRecord) {
    return record.decision.version;
  }

  lock(tx: Tx, id: string) {
    return new DecisionRepository(tx).lock(id);
  }

  lockMany(tx: Tx, ids: string[]) {
    return new DecisionRepository(tx).lockMany([...ids].sort());
  }

  notFound(id: string) {
    return new DecisionNotFound(id);
  }

  async write(tx: Tx, before: DecisionRecord | null, after: DecisionRecord, history: HistoryEntry, timers?: TimerSync): Promise<DecisionRecord> {
    const decisions = new DecisionRepository(tx);
    const id = after.decision.id;
    const entry = (payload: Record<string, unknown>) => ({
      decisionId: id,
      type: history.type,
      at: history.at,
      actorUserId: history.actor.userId,
      actorName: history.actor.name,
      fromState: history.fromState,
      toState: history.toState,
      payload,
    });
    if (before !== null) {
      // The row, its changed sign-offs, the history entry and its timers in one statement.
      await decisions.write(before, after, entry(history.payload), timers);
      return after;
    }
    const prefix = this.config.council.referencePrefix;
    const reference = await decisions.insert({ ...after.decision, reference: after.decision.reference || null }, { prefix, year: londonDateOf(history.at.toISOString()).slice(0, 4) });
    after = { ...after, decision: { ...after.decision, reference } };
    await decisions.insertConsultations(id, after.consultations);
    await decisions.appendHistory(entry({ ...history.payload, reference })); // the create entry records the reference, given or generated
    return after;
  }

  timersFor(record: DecisionRecord): WantedTimer[] {
    const constitution = this.config.council.constitution;
    return wantedTimers(record, this.config.reminders, { ...constitution.publication, closures: constitution.closures });
  }

  apply(record: DecisionRecord, event: MachineEvent): Applied<DecisionRecord> {
    return applyToDecision(record, event as unknown as LifecycleEvent);
  }
}
