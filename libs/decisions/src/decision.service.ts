import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { londonDateOf } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { callInRuleFor, lifecycleRulesOf } from '#libs/constitution';
import {
  DECISION_STATES,
  applyEvent,
  displayStatus,
  mayPerform,
  startLifecycle,
  type ActionName,
  type Actor,
  type DecisionState,
  type LifecycleEvent,
  type LifecycleFacts,
} from '#libs/lifecycle';
import { DecisionRepository, TimerRepository, type ConsultationEntity, type DecisionEntity, type TimerEntity } from '#libs/store';
import { eventForAction } from './action-event.js';
import { factChangesOf, lifecycleFactsOf, settleCallInFields } from './decision-facts.js';
import { projectConsultations } from './consultation-projection.js';
import type { ActionBody, ConsulteeInput, DecisionDraft, DecisionPatch } from './decision-input.js';
import { Conflict, DecisionNotFound, Forbidden, InvalidInput } from './errors.js';
import { CLOCK, TIMER_SINK, type Clock, type TimerSink } from './ports.js';
import { withPendingTimer } from './pending-timer.js';
import { wantedTimers } from './timers-wanted.js';
import { allowedActionsFor, assignmentOf, draftOf, representDecision, representHistory } from './representation.js';

const SYSTEM: Actor = { userId: 'system', name: 'Ratify', roles: [] };

interface Changed {
  decision: DecisionEntity;
  consultations: ConsultationEntity[];
  scheduled: TimerEntity[];
  cancelled: string[];
}

export interface ListQuery {
  state?: DecisionState;
  status?: string;
  assignedTo?: 'me';
  page: number;
  pageSize: number;
}

/**
 * The imperative shell around the lifecycle: each change locks the decision row, applies the statechart,
 * writes the decision, its consultations, a history row and its timers in one transaction, and only then
 * hands timers to the queue.
 */
@Injectable()
export class DecisionService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(TIMER_SINK) private readonly timers: TimerSink,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(body: DecisionDraft, actor: Actor) {
    if (!actor.roles.includes('officer')) throw new Forbidden("creating a decision needs the 'officer' role");
    const draft = settleCallInFields(body, body, this.lifecycleRules().callIn);
    const consultees = normaliseConsultees(draft.consultees ?? []);
    const now = this.clock.now();
    const { decision, consultations } = await this.dataSource.transaction(async (m) => {
      const decisions = new DecisionRepository(m);
      const reference = draft.reference ?? (await this.newReference(decisions, now));
      if (draft.reference && (await decisions.referenceExists(draft.reference))) {
        throw new Conflict(`a decision with reference '${draft.reference}' already exists`);
      }
      const lifecycle = startLifecycle({ facts: factsOf(draft, consultees), rules: this.lifecycleRules() });
      const decision = await decisions.insert({
        ...recordFields(draft),
        reference,
        version: 1,
        state: lifecycle.state,
        lifecycle,
        authorUserId: actor.userId,
        authorName: actor.name,
        stateEnteredAt: now,
        decidedAt: null,
        publishedAt: null,
      });
      const consultations = consultationRows(decision.id, consultees);
      await decisions.replaceConsultations(decision.id, consultations);
      await decisions.appendHistory(historyRow(decision.id, 'create', now, actor, null, decision.state, { reference }));
      return { decision, consultations };
    });
    return representDecision(decision, consultations, actor);
  }

  async get(id: string, actor: Actor) {
    const decisions = new DecisionRepository(this.dataSource.manager);
    const decision = await decisions.find(id);
    if (!decision) throw new DecisionNotFound(id);
    return representDecision(decision, await decisions.consultations(id), actor);
  }

  async history(id: string) {
    const decisions = new DecisionRepository(this.dataSource.manager);
    if (!(await decisions.find(id))) throw new DecisionNotFound(id);
    return (await decisions.history(id)).map(representHistory);
  }

  async list(query: ListQuery, actor: Actor) {
    const decisions = new DecisionRepository(this.dataSource.manager);
    const states = statesFor(query);
    const { items, total } = await decisions.list({
      states,
      assignedTo: query.assignedTo === 'me' ? { userId: actor.userId, roles: actor.roles } : undefined,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    const consultations = await decisions.consultationsOf(items.map((d) => d.id));
    return { items: items.map((d) => representDecision(d, consultations.get(d.id)!, actor)), total };
  }

  async edit(id: string, patch: DecisionPatch, actor: Actor, ifMatch?: number) {
    const now = this.clock.now();
    const consultees = patch.consultees ? normaliseConsultees(patch.consultees) : undefined;
    const changed = await this.change(id, actor, ifMatch, async (m, decision, consultations) => {
      if (!mayPerform('edit', assignmentOf(decision, consultations), actor)) {
        throw new Forbidden('only the author may edit a decision');
      }
      const settled = settleCallInFields({ ...draftOf(decision), ...patch }, patch, decision.lifecycle.context.rules.callIn);
      const changes: Partial<LifecycleFacts> = pickFacts(settled, consultees);
      const result = await this.apply(m, decision, consultations, { type: 'EDIT', at: now.toISOString(), changes }, actor, 'edit', patch as Record<string, unknown>);
      Object.assign(result.decision, recordFields({ ...draftOf(result.decision), ...settled } as DecisionDraft));
      await new DecisionRepository(m).save(result.decision);
      if (consultees) {
        result.consultations = consultationRows(id, consultees);
        await new DecisionRepository(m).replaceConsultations(id, result.consultations);
      }
      return result;
    });
    return representDecision(changed.decision, changed.consultations, actor);
  }

  /** `within` runs inside the action's transaction (e.g. spending a single-use link), so both commit or neither. */
  async act(id: string, action: ActionName, body: ActionBody, actor: Actor, ifMatch?: number, within?: (m: EntityManager) => Promise<void>) {
    const now = this.clock.now();
    const changed = await this.change(id, actor, ifMatch, async (m, decision, consultations) => {
      await within?.(m);
      if (body.area !== undefined && !consultations.some((c) => c.area === body.area)) {
        throw new InvalidInput(`'${body.area}' is not a consultee area of this decision`, [
          { field: 'area', message: `must be one of: ${consultations.map((c) => c.area).join(', ') || '(none)'}` },
        ]);
      }
      if (!mayPerform(action, assignmentOf(decision, consultations), actor, body.area)) {
        throw new Forbidden(forbiddenMessage(action, body.area));
      }
      const event = eventForAction(action, body, {
        userId: actor.userId,
        now,
        callInRule: callInRuleFor(this.config.council.constitution, decision.lifecycle.context.decisionType),
        decidedAt: decision.lifecycle.context.decidedAt,
      });
      const result = await this.apply(m, decision, consultations, event, actor, action, body as Record<string, unknown>);
      if (action === 'approve' && body.decisionText) {
        result.decision.decisionText = body.decisionText;
        await new DecisionRepository(m).save(result.decision);
      }
      return result;
    });
    return representDecision(changed.decision, changed.consultations, actor);
  }

  /**
   * Fires a durable timer. A timer that was cancelled, already fired, or whose decision has moved on
   * (the machine refuses the event) is a no-op that reports 'stale'.
   */
  async fireTimer(timerId: string): Promise<'fired' | 'stale'> {
    const now = this.clock.now();
    const changed = await withPendingTimer(this.dataSource, timerId, async (m, decision, timer) => {
      const timers = new TimerRepository(m);
      const event = { type: timer.kind, at: now.toISOString(), ...timer.payload } as LifecycleEvent;
      if (!applyEvent(decision.lifecycle, event).accepted) {
        await timers.settle([timer.id], 'cancelled', now);
        return null;
      }
      const consultations = await new DecisionRepository(m).consultations(decision.id);
      const changed = await this.apply(m, decision, consultations, event, SYSTEM, timerHistoryType(timer.kind), { timerId, dueAt: timer.dueAt.toISOString() });
      await timers.settle([timer.id], 'fired', now);
      return changed;
    });
    if (!changed) return 'stale';
    await this.afterCommit(changed);
    return 'fired';
  }

  private async change(
    id: string,
    actor: Actor,
    ifMatch: number | undefined,
    work: (m: EntityManager, d: DecisionEntity, c: ConsultationEntity[]) => Promise<Changed>,
  ): Promise<Changed> {
    const changed = await this.dataSource.transaction(async (m) => {
      const decisions = new DecisionRepository(m);
      const decision = await decisions.findForUpdate(id);
      if (!decision) throw new DecisionNotFound(id);
      const consultations = await decisions.consultations(id);
      if (ifMatch !== undefined && ifMatch !== decision.version) {
        throw new Conflict(`version ${ifMatch} is stale: the decision is at version ${decision.version}`, {
          state: decision.state,
          version: decision.version,
          allowedActions: allowedActionsFor(decision, consultations, actor),
        });
      }
      return work(m, decision, consultations);
    });
    await this.afterCommit(changed);
    return changed;
  }

  /** Applies one event and writes everything it changes, inside the caller's transaction. */
  private async apply(
    m: EntityManager,
    decision: DecisionEntity,
    consultations: ConsultationEntity[],
    event: LifecycleEvent,
    actor: Actor,
    historyType: string,
    payload: Record<string, unknown>,
  ): Promise<Changed> {
    const result = applyEvent(decision.lifecycle, event);
    if (!result.accepted) {
      throw new Conflict(result.reason, { state: decision.state, allowedActions: allowedActionsFor(decision, consultations, actor), ...result.details });
    }
    const decisions = new DecisionRepository(m);
    const fromState = decision.state;
    const ctx = result.next.context;
    if (result.next.state !== fromState) decision.stateEnteredAt = new Date(event.at);
    Object.assign(decision, {
      lifecycle: result.next,
      state: result.next.state,
      version: decision.version + 1,
      decidedAt: ctx.decidedAt,
      publishedAt: ctx.publishedAt,
    });
    await decisions.save(decision);
    const projected = projectConsultations(consultations, ctx);
    await decisions.replaceConsultations(decision.id, projected);
    const at = new Date(event.at);
    await decisions.appendHistory(historyRow(decision.id, historyType, at, actor, fromState, decision.state, payload));
    const { scheduled, cancelled } = await this.syncTimers(m, decision, projected, at);
    return { decision, consultations: projected, scheduled, cancelled };
  }

  /** Makes the pending timers match what the state wants (wantedTimers): cancel the rest, insert the new. */
  private async syncTimers(m: EntityManager, decision: DecisionEntity, consultations: ConsultationEntity[], now: Date) {
    const timers = new TimerRepository(m);
    const wanted = wantedTimers(decision, consultations, this.config.reminders);
    const wantedIds = new Set(wanted.map((t) => t.id));
    const cancelled = (await timers.pendingFor(decision.id)).filter((t) => !wantedIds.has(t.id)).map((t) => t.id);
    await timers.settle(cancelled, 'cancelled', now);
    const scheduled = await timers.insertNew(wanted);
    return { scheduled, cancelled };
  }

  /**
   * Re-derives the timers of every decision that has pending ones (the reconciler's database half):
   * a timer whose decision has moved on is cancelled, a missing one is inserted. Returns the cancelled ids.
   */
  async resyncTimers(): Promise<string[]> {
    const ids: string[] = await this.dataSource.query(`SELECT DISTINCT decision_id AS id FROM timers WHERE status = 'pending'`).then((rows) => rows.map((r: { id: string }) => r.id));
    const cancelled: string[] = [];
    for (const id of ids) {
      const changed = await this.dataSource.transaction(async (m) => {
        const decisions = new DecisionRepository(m);
        const decision = await decisions.findForUpdate(id);
        if (!decision) return null;
        const result = await this.syncTimers(m, decision, await decisions.consultations(id), this.clock.now());
        return { decision, consultations: [], ...result };
      });
      if (changed) {
        await this.afterCommit(changed);
        cancelled.push(...changed.cancelled);
      }
    }
    return cancelled;
  }

  private async afterCommit(changed: Changed) {
    await this.timers.cancel(changed.cancelled);
    await this.timers.schedule(changed.scheduled);
  }

  private async newReference(decisions: DecisionRepository, now: Date) {
    const n = await decisions.nextReferenceNumber();
    return `${this.config.council.referencePrefix}-${londonDateOf(now.toISOString()).slice(0, 4)}-${String(n).padStart(4, '0')}`;
  }

  /** The constitution's rules, kept with each new decision. */
  private lifecycleRules() {
    return lifecycleRulesOf(this.config.council.constitution);
  }
}

function normaliseConsultees(consultees: ConsulteeInput[]): ConsulteeInput[] {
  const seen = new Set<string>();
  consultees.forEach((c, i) => {
    if (seen.has(c.area)) {
      throw new InvalidInput(`consultee area '${c.area}' appears twice`, [{ field: `consultees.${i}.area`, message: 'must be unique' }]);
    }
    seen.add(c.area);
  });
  return consultees;
}

function factsOf(d: DecisionDraft, consultees: ConsulteeInput[]): LifecycleFacts {
  return lifecycleFactsOf(d, consultees);
}

function pickFacts(patch: DecisionPatch, consultees?: ConsulteeInput[]): Partial<LifecycleFacts> {
  return factChangesOf(patch, consultees);
}

/** The descriptive fields of the record, as columns. */
function recordFields(d: DecisionDraft): Partial<DecisionEntity> {
  return {
    title: d.title,
    decisionMakerTitle: d.decisionMaker.title,
    decisionMakerUserId: d.decisionMaker.userId ?? null,
    decisionType: d.decisionType ?? 'executive',
    isKeyDecision: d.isKeyDecision,
    isSubjectToCallIn: d.isSubjectToCallIn ?? true,
    urgency: d.urgency,
    generalExceptionNoticeAt: d.generalExceptionNoticeAt ?? null,
    specialUrgency: d.specialUrgency ?? null,
    callInWaiver: d.callInWaiver ?? null,
    forwardPlanNoticeAt: d.forwardPlanNoticeAt ?? null,
    plannedDeterminationAt: d.plannedDeterminationAt ?? null,
    purpose: d.purpose ?? '',
    recommendations: d.recommendations ?? [],
    reasons: d.reasons ?? '',
    alternativeOptions: d.alternativeOptions ?? [],
    contact: d.contact ?? null,
    funding: d.funding ?? [],
    conflictsOfInterest: d.conflictsOfInterest ?? null,
    dispensation: d.dispensation ?? null,
    wardsAffected: d.wardsAffected ?? [],
    otherConsulted: d.otherConsulted ?? null,
  };
}

function consultationRows(decisionId: string, consultees: ConsulteeInput[]): ConsultationEntity[] {
  return consultees.map((c, position) => ({
    decisionId,
    area: c.area,
    position,
    label: c.label ?? c.area.toUpperCase(),
    assigneeUserId: c.assigneeUserId ?? null,
    status: 'pending' as const,
    by: null,
    at: null,
    comments: null,
  }));
}

function historyRow(decisionId: string, type: string, at: Date, actor: Actor, fromState: string | null, toState: string, payload: Record<string, unknown>) {
  return { decisionId, type, at, actorUserId: actor.userId, actorName: actor.name, fromState, toState, payload };
}

function timerHistoryType(kind: string) {
  return kind.toLowerCase().replace(/_/g, '-');
}

function statesFor(query: ListQuery): string[] | undefined {
  let states: string[] | undefined = query.state ? [query.state] : undefined;
  if (query.status) {
    const matching = DECISION_STATES.filter((s) => displayStatus(s).toLowerCase() === query.status!.toLowerCase());
    if (matching.length === 0) {
      const statuses = [...new Set(DECISION_STATES.map(displayStatus))];
      throw new InvalidInput(`unknown status '${query.status}'`, [{ field: 'status', message: `must be one of: ${statuses.join(', ')}` }]);
    }
    states = states ? states.filter((s) => (matching as string[]).includes(s)) : matching;
  }
  return states;
}

function forbiddenMessage(action: ActionName, area?: string): string {
  switch (action) {
    case 'submit':
      return 'only the author may submit a decision';
    case 'sign-off':
    case 'request-changes':
      return area
        ? `only the assigned consultee (or, with none assigned, a holder of 'consultee:${area}') may ${action} for '${area}'`
        : `${action} needs an 'area' you are a consultee for`;
    case 'approve':
    case 'reject':
    case 'defer':
    case 'resume':
    case 'refer-back':
      return `only the named decision maker may ${action} this decision`;
    case 'withdraw':
      return 'only the author or an admin may withdraw a decision';
    case 'call-in':
      return "calling in needs the 'scrutiny' role";
    default:
      return `${action} needs the 'democratic-services' role`;
  }
}
