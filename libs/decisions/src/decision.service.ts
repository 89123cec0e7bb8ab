import { Inject, Injectable } from '@nestjs/common';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { CLOCK, Engine, type Clock, type Step } from '#libs/engine';
import {
  DECISION_STATES,
  displayStatus,
  mayPerform,
  startLifecycle,
  type ActionName,
  type Actor,
  type DecisionState,
  type LifecycleFacts,
} from '#libs/lifecycle';
import { DecisionRepository, ReferenceTaken, TransactionRunner, type ConsultationEntity, type DecisionEntity, type DecisionRecord, type Tx } from '#libs/store';
import { randomUUID } from 'node:crypto';
import { eventForAction } from './action-event.js';
import { applyToDecision } from './decision.adapter.js';
import type { ActionBody, ConsulteeInput, DecisionDraft, DecisionPatch } from './decision-input.js';
import { Conflict, DecisionNotFound, Forbidden, InvalidInput } from './errors.js';
import { DECISION } from './timers-wanted.js';
import { allowedActionsFor, assignmentOf, draftOf, representDecision, representHistory } from './representation.js';

export interface ListQuery {
  state?: DecisionState;
  status?: string;
  assignedTo?: 'me';
  page: number;
  pageSize: number;
}

/**
 * The decision's use cases. Each change is one engine transaction (libs/engine): the decision row locked,
 * the statechart applied, the row, its consultations, a history entry and its timers written together, and
 * timers handed to the queue after commit. Reads go through repositories; no SQL here.
 */
@Injectable()
export class DecisionService {
  constructor(
    @Inject(Engine) private readonly engine: Engine,
    @Inject(TransactionRunner) private readonly db: TransactionRunner,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(draft: DecisionDraft, actor: Actor) {
    if (!actor.roles.includes('officer')) throw new Forbidden("creating a decision needs the 'officer' role");
    const consultees = normaliseConsultees(draft.consultees ?? []);
    try {
      const created = await this.engine.create<DecisionRecord>(DECISION, ({ now }) => {
        const id = randomUUID();
        const lifecycle = startLifecycle({ facts: factsOf(draft, consultees), rules: this.lifecycleRules() });
        const decision = {
          ...recordFields(draft),
          id,
          reference: draft.reference ?? '',
          version: 1,
          state: lifecycle.state,
          lifecycle,
          authorUserId: actor.userId,
          authorName: actor.name,
          decisionText: null,
          stateEnteredAt: now,
          decidedAt: null,
          publishedAt: null,
          createdAt: now,
          updatedAt: now,
        } as DecisionEntity;
        return {
          next: { decision, consultations: consultationRows(id, consultees) },
          history: { type: 'create', at: now, actor, fromState: null, toState: decision.state, payload: { reference: draft.reference ?? null } },
        };
      });
      return representDecision(created.decision, created.consultations, actor);
    } catch (error) {
      if (error instanceof ReferenceTaken) throw new Conflict(error.message);
      throw error;
    }
  }

  async get(id: string, actor: Actor) {
    const record = await this.db.read((db) => new DecisionRepository(db).load(id));
    if (!record) throw new DecisionNotFound(id);
    return representDecision(record.decision, record.consultations, actor);
  }

  async history(id: string) {
    return this.db.read(async (db) => {
      const decisions = new DecisionRepository(db);
      if (!(await decisions.find(id))) throw new DecisionNotFound(id);
      return (await decisions.history(id)).map(representHistory);
    });
  }

  async list(query: ListQuery, actor: Actor) {
    const states = statesFor(query);
    return this.db.read(async (db) => {
      const decisions = new DecisionRepository(db);
      const { items, total } = await decisions.list({
        states,
        assignedTo: query.assignedTo === 'me' ? { userId: actor.userId, roles: actor.roles } : undefined,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      const consultations = await decisions.consultationsOf(items.map((d) => d.id));
      return { items: items.map((d) => representDecision(d, consultations.get(d.id)!, actor)), total };
    });
  }

  async edit(id: string, patch: DecisionPatch, actor: Actor, ifMatch?: number) {
    const consultees = patch.consultees ? normaliseConsultees(patch.consultees) : undefined;
    const { after } = await this.change(id, actor, ifMatch, (current, now) => {
      if (!mayPerform('edit', assignmentOf(current.decision, current.consultations), actor)) {
        throw new Forbidden('only the author may edit a decision');
      }
      const changes: Partial<LifecycleFacts> = pickFacts(patch, consultees);
      const next = this.applied(current, { type: 'EDIT', at: now.toISOString(), changes }, actor);
      next.decision = { ...next.decision, ...recordFields({ ...draftOf(next.decision), ...patch } as DecisionDraft) };
      if (consultees) next.consultations = consultationRows(id, consultees);
      return step(current, next, 'edit', now, actor, patch as Record<string, unknown>);
    });
    return representDecision(after.decision, after.consultations, actor);
  }

  /** `within` runs inside the action's transaction (e.g. spending a single-use link), so both commit or neither. */
  async act(id: string, action: ActionName, body: ActionBody, actor: Actor, ifMatch?: number, within?: (tx: Tx) => Promise<void>) {
    const { after } = await this.change(id, actor, ifMatch, async (current, now, tx) => {
      await within?.(tx);
      const { decision, consultations } = current;
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
        callInRule: this.config.council.callInRule,
        decidedAt: decision.lifecycle.context.decidedAt,
      });
      const next = this.applied(current, event, actor);
      if (action === 'approve' && body.decisionText) next.decision = { ...next.decision, decisionText: body.decisionText };
      return step(current, next, action, new Date(event.at), actor, body as Record<string, unknown>);
    });
    return representDecision(after.decision, after.consultations, actor);
  }

  /** One change to one decision: locked, version-checked against If-Match, then `work`. */
  private async change(id: string, actor: Actor, ifMatch: number | undefined, work: (current: DecisionRecord, now: Date, tx: Tx) => Promise<Step<DecisionRecord>> | Step<DecisionRecord>) {
    const changed = await this.engine.change<DecisionRecord>(DECISION, id, (current, uow) => {
      const { decision, consultations } = current;
      if (ifMatch !== undefined && ifMatch !== decision.version) {
        throw new Conflict(`version ${ifMatch} is stale: the decision is at version ${decision.version}`, {
          state: decision.state,
          version: decision.version,
          allowedActions: allowedActionsFor(decision, consultations, actor),
        });
      }
      return work(current, uow.now, uow.tx);
    });
    return changed!;
  }

  /** The decision after the event, or 409 with the state and what this actor may do. */
  private applied(current: DecisionRecord, event: Parameters<typeof applyToDecision>[1], actor: Actor): DecisionRecord {
    const result = applyToDecision(current, event);
    if (!result.accepted) {
      throw new Conflict(result.reason, { state: current.decision.state, allowedActions: allowedActionsFor(current.decision, current.consultations, actor) });
    }
    return result.next;
  }

  private lifecycleRules() {
    const { forwardPlanClearDays, callInMinMembers } = this.config.council;
    return { forwardPlanClearDays, callInMinMembers };
  }
}

function step(current: DecisionRecord, next: DecisionRecord, type: string, at: Date, actor: Actor, payload: Record<string, unknown>): Step<DecisionRecord> {
  return { next, history: { type, at, actor, fromState: current.decision.state, toState: next.decision.state, payload } };
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
  return {
    isKeyDecision: d.isKeyDecision,
    isSubjectToCallIn: d.isSubjectToCallIn,
    urgency: d.urgency,
    consultees: consultees.map((c) => c.area),
    forwardPlanNoticeAt: d.forwardPlanNoticeAt ?? null,
  };
}

function pickFacts(patch: DecisionPatch, consultees?: ConsulteeInput[]): Partial<LifecycleFacts> {
  const facts: Partial<LifecycleFacts> = {};
  if (patch.isKeyDecision !== undefined) facts.isKeyDecision = patch.isKeyDecision;
  if (patch.isSubjectToCallIn !== undefined) facts.isSubjectToCallIn = patch.isSubjectToCallIn;
  if (patch.urgency !== undefined) facts.urgency = patch.urgency;
  if (patch.forwardPlanNoticeAt !== undefined) facts.forwardPlanNoticeAt = patch.forwardPlanNoticeAt ?? null;
  if (consultees) facts.consultees = consultees.map((c) => c.area);
  return facts;
}

/** The descriptive fields of the record, as columns. */
function recordFields(d: DecisionDraft): Partial<DecisionEntity> {
  return {
    title: d.title,
    decisionMakerTitle: d.decisionMaker.title,
    decisionMakerUserId: d.decisionMaker.userId ?? null,
    isKeyDecision: d.isKeyDecision,
    isSubjectToCallIn: d.isSubjectToCallIn,
    urgency: d.urgency,
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
