import { Inject, Injectable } from '@nestjs/common';
import {
  applyArrangementEvent,
  currentDates,
  timersFor,
  type ArrangementEvent,
  type ArrangementReminderPolicy,
} from '#libs/arrangements';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { Conflict } from '#libs/decisions';
import { Aggregate, type AggregateAdapter, type Applied, type HistoryEntry, type MachineEvent, type ReminderTemplates } from '#libs/engine';
import { REMINDER_TIMER, type ReminderRequest } from '#libs/reminders';
import { ArrangementRepository, type ArrangementColumns, type StoredArrangement, type Tx, type WantedTimer } from '#libs/store';
import { ArrangementNotFound } from './errors.js';
import { arrangementReminderTemplates } from './reminder-templates.js';
import { ARRANGEMENT, ARRANGEMENT_CLOCK_KINDS } from './subject.js';

const ACTION_ASKED = 'End it, extend it or make it permanent';

/** The columns copied from the statechart's data, for the register's filters and order. */
export function columnsOf(a: StoredArrangement): ArrangementColumns {
  const { resolvedStart, resolvedEnd } = currentDates(a.arrangement.context);
  return { resolvedStart, resolvedEnd, manager: { ...a.arrangement.context.facts.manager } };
}

/**
 * A temporary staffing arrangement as the engine drives it: the pure statechart and clocks of
 * libs/arrangements, its row and history in libs/store, its reminders through the shared REMINDER handler.
 * Its overdue weekly reminder is an endless series of which only the next is kept: its timers follow the clock.
 */
@Aggregate()
@Injectable()
export class ArrangementAdapter implements AggregateAdapter<StoredArrangement> {
  readonly subjectType = ARRANGEMENT;
  readonly timerKinds = [...ARRANGEMENT_CLOCK_KINDS, REMINDER_TIMER];
  readonly timersFollowTheClock = true;
  readonly reminders: ReminderTemplates<StoredArrangement>;
  private readonly policy: ArrangementReminderPolicy;

  constructor(@Inject(RATIFY_CONFIG) config: RatifyConfig) {
    this.policy = config.arrangements.policy;
    this.reminders = arrangementReminderTemplates(config);
  }

  idOf = (a: StoredArrangement) => a.id;
  stateOf = (a: StoredArrangement) => a.arrangement.state;
  versionOf = (a: StoredArrangement) => a.version;
  notFound = (id: string) => new ArrangementNotFound(id);

  lock(tx: Tx, id: string) {
    return new ArrangementRepository(tx).lock(id);
  }

  async write(tx: Tx, before: StoredArrangement | null, after: StoredArrangement, history: HistoryEntry): Promise<StoredArrangement> {
    const rows = new ArrangementRepository(tx);
    if (before === null) await rows.insert(after, columnsOf(after), history.at);
    else await rows.update(before, after, columnsOf(after), history.at);
    await rows.appendHistory(after.id, {
      type: history.type,
      at: history.at,
      actorUserId: history.actor.userId,
      actorName: history.actor.name,
      fromState: history.fromState,
      toState: history.toState,
      payload: history.payload,
    });
    return after;
  }

  /** Its next state change as a timer of that event's kind, and its reminders as REMINDER timers. */
  timersFor(a: StoredArrangement, now: Date): WantedTimer[] {
    return timersFor(a.arrangement, this.policy, now.toISOString()).map((t): WantedTimer => {
      const base = { id: `${a.id}-${t.key}`, subjectType: ARRANGEMENT, subjectId: a.id, dueAt: new Date(t.dueAt) };
      if (t.type === 'clock') return { ...base, kind: t.event, payload: { dueAt: t.dueAt } };
      const r = t.reminder;
      const request: ReminderRequest & { endDate: string } = {
        kind: r.kind,
        dueAt: r.dueAt,
        key: r.key,
        recipient: r.recipient,
        actionAsked: ACTION_ASKED,
        deadline: null,
        nth: r.nth,
        endDate: r.endDate,
      };
      return { ...base, kind: REMINDER_TIMER, payload: request as unknown as Record<string, unknown> };
    });
  }

  apply(a: StoredArrangement, event: MachineEvent): Applied<StoredArrangement> {
    return this.applyEvent(a, event as unknown as ArrangementEvent);
  }

  /** The statechart under this council's policy; a refusal carries the state and the actions it allows. */
  applyEvent(a: StoredArrangement, event: ArrangementEvent): Applied<StoredArrangement> {
    const result = applyArrangementEvent(a.arrangement, event, this.policy);
    if (!result.accepted) return { accepted: false, reason: result.reason, details: { state: result.state, allowedActions: result.allowedActions } };
    return { accepted: true, next: { ...a, version: a.version + 1, arrangement: result.next } };
  }

  /** As applyEvent, or the 409 the API answers. */
  applied(a: StoredArrangement, event: ArrangementEvent): StoredArrangement {
    const result = this.applyEvent(a, event);
    if (!result.accepted) throw new Conflict(result.reason, result.details);
    return result.next;
  }

  get reminderPolicy(): ArrangementReminderPolicy {
    return this.policy;
  }
}
