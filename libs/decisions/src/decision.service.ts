import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { callInRuleFor, lifecycleRulesOf } from '#libs/constitution';
import { CLOCK, Engine, type Clock, type Step, type UnitOfWork } from '#libs/engine';
import {
  DECISION_STATES,
  displayStatus,
  mayPerform,
  PERMISSIONS,
  startLifecycle,
  type ReadName,
  type ActionName,
  type Actor,
  type DecisionState,
  type LifecycleFacts,
} from '#libs/lifecycle';
import { DecisionRepository, ReferenceTaken, TransactionRunner, grantsSql, type ConsultationEntity, type DecisionEntity, type DecisionRecord, type Tx } from '#libs/store';
import { eventForAction } from './action-event.js';
import { applyToDecision } from './decision.adapter.js';
import { factChangesOf, lifecycleFactsOf, settleCallInFields } from './decision-facts.js';
import type { ActionBody, ConsulteeInput, DecisionDraft, DecisionPatch } from './decision-input.js';
import type { DecisionPart } from './decision-parts.js';
import { Conflict, DecisionNotFound, Forbidden, InvalidInput } from './errors.js';
import { judgeChain, type ChainVerdict } from './history-chain.js';
import { realChanges } from './patch.js';
import { DECISION } from './timers-wanted.js';
import { allowedActionsFor, assignmentOf, draftOf, representDecision, representHistory, summarise, type DecisionRepresentation } from './representation.js';

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
  private readonly parts: DecisionPart[] = [];

  constructor(
    @Inject(Engine) private readonly engine: Engine,
    @Inject(TransactionRunner) private readonly db: TransactionRunner,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A part of the decision kept by another lib (its staffing arrangements): see DecisionPart. */
  attach(part: DecisionPart) {
    if (!this.parts.some((p) => p.field === part.field)) this.parts.push(part);
  }

  /** The body's fields that belong to parts, and the rest. */
  private splitParts<T extends object>(body: T): { parts: [DecisionPart, unknown][]; rest: T } {
    const rest = { ...body } as Record<string, unknown>;
    const parts: [DecisionPart, unknown][] = [];
    for (const part of this.parts) {
      if (rest[part.field] !== undefined) parts.push([part, rest[part.field]]);
      delete rest[part.field];
    }
    return { parts, rest: rest as T };
  }

  /** The representation with each part's fields and warnings. */
  private async represented(tx: Tx, records: DecisionRecord[], actor: Actor): Promise<DecisionRepresentation[]> {
    const reps = records.map((r) => representDecision(r.decision, r.consultations, actor));
    for (const part of this.parts) {
      const extra = await part.represent(tx, records.map((r) => r.decision), actor);
      reps.forEach((rep, i) => {
        const mine = extra.get(records[i].decision.id);
        if (!mine) return;
        Object.assign(rep, mine.fields);
        rep.warnings = [...rep.warnings, ...mine.warnings];
      });
    }
    return reps;
  }

  private async representOne(tx: Tx, record: DecisionRecord, actor: Actor): Promise<DecisionRepresentation> {
    return (await this.represented(tx, [record], actor))[0];
  }

  /** A decision just written in the caller's transaction (e.g. an import), as GET /api/decisions/:id gives it. */
  representIn(tx: Tx, record: DecisionRecord, actor: Actor): Promise<DecisionRepresentation> {
    return this.representOne(tx, record, actor);
  }

  async create(given: DecisionDraft, actor: Actor) {
    const { parts, rest: body } = this.splitParts(given);
    for (const [part, raw] of parts) part.check(raw);
    if (!actor.roles.includes('officer')) throw new Forbidden("creating a decision needs the 'officer' role");
    const draft = settleCallInFields(body, body, this.lifecycleRules().callIn);
    const consultees = normaliseConsultees(draft.consultees ?? []);
    try {
      return await this.engine.inTransaction(async (uow) => {
      const created = await uow.create<DecisionRecord>(DECISION, ({ now }) => {
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
      for (const [part, raw] of parts) await part.write(uow, created, raw, actor);
      return this.representOne(uow.tx, created, actor);
      });
    } catch (error) {
      if (error instanceof ReferenceTaken) throw new Conflict(error.message);
      throw error;
    }
  }

  async get(id: string, actor: Actor) {
    return this.db.read(async (db) => this.representOne(db, await this.readable(new DecisionRepository(db), id, 'read', actor), actor));
  }

  async history(id: string, actor: Actor) {
    return this.db.read(async (db) => {
      const decisions = new DecisionRepository(db);
      await this.readable(decisions, id, 'read', actor);
      return (await decisions.history(id)).map(representHistory);
    });
  }

  /** Proves the history chain (or says where it breaks): GET /api/decisions/:id/history/verify. */
  async verifyHistory(id: string, actor: Actor): Promise<ChainVerdict> {
    return this.db.read(async (db) => {
      const decisions = new DecisionRepository(db);
      const { decision } = await this.readable(decisions, id, 'read', actor);
      return judgeChain(await decisions.verifyHistory(id), decision.version);
    });
  }

  /**
   * What a one-click link may show whoever holds it: which decision it is, never its record (the link may be
   * forwarded; the record is behind GET /api/decisions/:id and its read permission).
   */
  async summary(id: string) {
    const decision = await this.db.read((db) => new DecisionRepository(db).find(id));
    if (!decision) throw new DecisionNotFound(id);
    return summarise(decision);
  }

  /** 404 for an unknown id, 403 unless the permission table lets this actor read it; e.g. before the notification log. */
  async authorizeRead(id: string, permission: ReadName, actor: Actor): Promise<void> {
    await this.db.read((db) => this.readable(new DecisionRepository(db), id, permission, actor));
  }

  private async readable(decisions: DecisionRepository, id: string, permission: ReadName, actor: Actor): Promise<DecisionRecord> {
    const record = await decisions.load(id);
    if (!record) throw new DecisionNotFound(id);
    if (!mayPerform(permission, assignmentOf(record.decision, record.consultations), actor, undefined, record.decision.state)) {
      throw new Forbidden(readRefusal(permission, record.decision.state));
    }
    return record;
  }

  async list(query: ListQuery, actor: Actor) {
    const states = statesFor(query);
    return this.db.read(async (db) => {
      const decisions = new DecisionRepository(db);
      const { items, total } = await decisions.list({
        visible: grantsSql(PERMISSIONS.read, actor, states),
        states,
        assignedTo: query.assignedTo === 'me' ? { userId: actor.userId, roles: actor.roles } : undefined,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      const consultations = await decisions.consultationsOf(items.map((d) => d.id));
      return { items: await this.represented(db, items.map((d) => ({ decision: d, consultations: consultations.get(d.id)! })), actor), total };
    });
  }

  async edit(id: string, body: DecisionPatch, actor: Actor, ifMatch?: number) {
    const { parts, rest: given } = this.splitParts(body);
    if (given.consultees) normaliseConsultees(given.consultees);
    let partsChanged = false;
    const { after } = await this.change(id, actor, ifMatch, async (current, now, _tx, uow) => {
      const { decision, consultations } = current;
      if (!mayPerform('edit', assignmentOf(decision, consultations), actor)) {
        throw new Forbidden('only the author may edit a decision');
      }
      const patch = parts.length ? changesBesideParts(decision, consultations, given) : realChanges(decision, consultations, given);
      const consultees = patch.consultees;
      const settled = settleCallInFields({ ...draftOf(decision), ...patch }, patch, decision.lifecycle.context.rules.callIn);
      const changes: Partial<LifecycleFacts> = pickFacts(settled, consultees);
      const next = this.applied(current, { type: 'EDIT', at: now.toISOString(), changes }, actor);
      next.decision = { ...next.decision, ...recordFields({ ...draftOf(next.decision), ...settled } as DecisionDraft) };
      if (consultees) next.consultations = consultationRows(id, consultees);
      // The parts are written once the edit is known to be allowed (the statechart accepted it).
      for (const [part, raw] of parts) partsChanged = (await part.write(uow, current, raw, actor)) || partsChanged;
      if (parts.length && !partsChanged && Object.keys(patch).length === 0) {
        throw new InvalidInput('the edit changes nothing: every field given already has that value', Object.keys(body).map((field) => ({ field, message: 'already has this value' })));
      }
      const partFields = Object.fromEntries(parts.map(([part, raw]) => [part.field, raw]));
      return step(current, next, 'edit', now, actor, { ...(patch as Record<string, unknown>), ...partFields });
    });
    return this.db.read((tx) => this.representOne(tx, after, actor));
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
        throw new Forbidden(forbiddenMessage(action, body.area, actor.userId === decision.authorUserId));
      }
      const event = eventForAction(action, body, {
        userId: actor.userId,
        now,
        callInRule: callInRuleFor(this.config.council.constitution, decision.lifecycle.context.decisionType),
        decidedAt: decision.lifecycle.context.decidedAt,
      });
      const next = this.applied(current, event, actor);
      if (action === 'approve' && body.decisionText) next.decision = { ...next.decision, decisionText: body.decisionText };
      return step(current, next, action, new Date(event.at), actor, body as Record<string, unknown>);
    });
    return this.db.read((tx) => this.representOne(tx, after, actor));
  }

  /** One change to one decision: locked, version-checked against If-Match, then `work`. */
  private async change(id: string, actor: Actor, ifMatch: number | undefined, work: (current: DecisionRecord, now: Date, tx: Tx, uow: UnitOfWork) => Promise<Step<DecisionRecord>> | Step<DecisionRecord>) {
    const changed = await this.engine.change<DecisionRecord>(DECISION, id, (current, uow) => {
      const { decision, consultations } = current;
      if (ifMatch !== undefined && ifMatch !== decision.version) {
        throw new Conflict(`version ${ifMatch} is stale: the decision is at version ${decision.version}`, {
          state: decision.state,
          version: decision.version,
          allowedActions: allowedActionsFor(decision, consultations, actor),
        });
      }
      return work(current, uow.now, uow.tx, uow);
    });
    return changed!;
  }

  /** The decision after the event, or 409 with the state and what this actor may do. */
  private applied(current: DecisionRecord, event: Parameters<typeof applyToDecision>[1], actor: Actor): DecisionRecord {
    const result = applyToDecision(current, event);
    if (!result.accepted) {
      throw new Conflict(result.reason, { state: current.decision.state, allowedActions: allowedActionsFor(current.decision, current.consultations, actor), ...result.details });
    }
    return result.next;
  }

  /** The constitution's rules, kept with each new decision. */
  private lifecycleRules() {
    return lifecycleRulesOf(this.config.council.constitution);
  }
}

function step(current: DecisionRecord, next: DecisionRecord, type: string, at: Date, actor: Actor, payload: Record<string, unknown>): Step<DecisionRecord> {
  return { next, history: { type, at, actor, fromState: current.decision.state, toState: next.decision.state, payload } };
}

/** realChanges when parts are given too: the record's own fields may all be unchanged (or absent). */
function changesBesideParts(decision: DecisionEntity, consultations: ConsultationEntity[], given: DecisionPatch): DecisionPatch {
  if (!Object.values(given).some((v) => v !== undefined)) return {};
  try {
    return realChanges(decision, consultations, given);
  } catch (error) {
    if (error instanceof InvalidInput) return {};
    throw error;
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

function readRefusal(permission: ReadName, state: DecisionState): string {
  if (permission === 'read-notifications') return "a decision's notification log is for its author, democratic services and admins";
  return state === 'draft'
    ? 'a draft is read only by its author, its decision maker, its consultees and admins'
    : 'this decision is not published: it is read only by its author, decision maker, consultees, democratic services and admins';
}

function forbiddenMessage(action: ActionName, area: string | undefined, isAuthor: boolean): string {
  if (isAuthor && PERMISSIONS[action].every((grant) => grant.notAuthor)) {
    return `separation of duties: the author of a decision may not ${action} it`;
  }
  switch (action) {
    case 'submit':
      return 'only the author may submit a decision';
    case 'sign-off':
    case 'request-changes':
      return area
        ? `only the assigned consultee (or, with none assigned, a holder of 'consultee:${area}') other than the author may ${action} for '${area}'`
        : `${action} needs an 'area' you are a consultee for`;
    case 'approve':
    case 'reject':
    case 'defer':
    case 'resume':
    case 'refer-back':
      return `only the named decision maker, holding the 'decision-maker' role and not the decision's author, may ${action} this decision`;
    case 'withdraw':
      return 'only the author or an admin may withdraw a decision';
    case 'call-in':
      return "calling in needs the 'scrutiny' role";
    default:
      return `${action} needs the 'democratic-services' role`;
  }
}
