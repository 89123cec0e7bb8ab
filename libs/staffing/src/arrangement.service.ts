import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ARRANGEMENT_STATES,
  fundingWarnings,
  parseArrangementList,
  prepareArrangementAction,
  renderArrangementsCalendar,
  renderArrangementsCsv,
  startArrangement,
  totalCost,
  verifyCalendarSignature,
  calendarUrl,
  applyArrangementEvent,
  type ArrangementAction,
  type ArrangementFacts,
  type CostResult,
  type PersistedArrangement,
} from '#libs/arrangements';
import { londonDateOf } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { Conflict, DecisionService, Forbidden, InvalidInput, canonical, type DecisionPart } from '#libs/decisions';
import { CLOCK, Engine, type ChangeActor, type Clock, type UnitOfWork } from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import { ArrangementRepository, TransactionRunner, type ArrangementFilter, type DecisionEntity, type DecisionRecord, type StoredArrangement, type Tx } from '#libs/store';
import { ArrangementAdapter } from './arrangement.adapter.js';
import { ArrangementNotFound } from './errors.js';
import { arrangementUrl } from './reminder-templates.js';
import { costOf, managesIt, mayManageArrangements, representStored, type ArrangementView } from './representation.js';
import { ARRANGEMENT } from './subject.js';

export interface ArrangementQuery {
  /** One state or several (comma-separated in the URL). */
  states?: string[];
  endingBefore?: string;
  manager?: string;
  decision?: string;
  page: number;
  pageSize: number;
}

/** What a one-click link about an arrangement may show whoever holds it: which one, never its record. */
export interface ArrangementLinkSummary {
  id: string;
  title: string;
  state: string;
  resolvedEnd: string | null;
}

const EDITABLE = ['planned', 'proposed'];

function invalidList(problems: { field: string; message: string }[]) {
  return new InvalidInput(`invalid ${[...new Set(problems.map((p) => p.field))].join(', ')}`, problems);
}

/**
 * The stored, running half of staffing arrangements: their part of a decision's body and representation,
 * HR's register and actions, the exports, and `propose` for the import. Every change is one engine
 * transaction (the decision's row locked first, then the arrangement's; row, history and timers together).
 */
@Injectable()
export class ArrangementService implements DecisionPart, OnModuleInit {
  readonly field = 'staffingArrangements';

  constructor(
    @Inject(Engine) private readonly engine: Engine,
    @Inject(TransactionRunner) private readonly db: TransactionRunner,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ArrangementAdapter) private readonly adapter: ArrangementAdapter,
    @Inject(DecisionService) private readonly decisions: DecisionService,
  ) {}

  onModuleInit() {
    this.decisions.attach(this);
  }

  // ── the decision's part ────────────────────────────────────────────────────────────────────────────

  check(raw: unknown): void {
    const parsed = parseArrangementList(raw, { knownIds: [] });
    if (!parsed.ok) throw invalidList(parsed.problems);
  }

  /**
   * `staffingArrangements` of a create/patch body: the decision's whole list (an item with an id edits that
   * one, one without is new, one left out is removed). Only while the decision is a draft — the decision's
   * statechart has already accepted the edit when this runs.
   */
  async write(uow: UnitOfWork, record: DecisionRecord, raw: unknown, actor: Actor): Promise<boolean> {
    const decision = record.decision;
    const rows = new ArrangementRepository(uow.tx);
    const existing = await rows.forDecisions([decision.id]);
    const parsed = parseArrangementList(raw, { knownIds: existing.map((a) => a.id) });
    if (!parsed.ok) throw invalidList(parsed.problems);
    const kept = new Set(parsed.value.flatMap((item) => (item.id ? [item.id] : [])));
    const removed = existing.filter((a) => !kept.has(a.id));
    const settledRemoved = removed.find((a) => !EDITABLE.includes(a.arrangement.state));
    if (settledRemoved) throw new Conflict(`arrangement ${settledRemoved.id} is ${settledRemoved.arrangement.state}: it can no longer be removed`, { state: decision.state });
    await rows.delete(removed.map((a) => a.id));
    let changed = removed.length > 0;
    const at = uow.now;
    for (const [position, item] of parsed.value.entries()) {
      if (item.id) {
        const current = existing.find((a) => a.id === item.id)!;
        const sameFacts = canonical(current.arrangement.context.facts) === canonical(item.facts);
        if (sameFacts && current.position === position) continue;
        await uow.change<StoredArrangement>(ARRANGEMENT, item.id, (a) => {
          const next = sameFacts ? { ...a, version: a.version + 1 } : this.adapter.applied(a, { type: 'EDIT', at: at.toISOString(), facts: item.facts });
          return { next: { ...next, position }, history: { type: 'edit', at, actor, fromState: a.arrangement.state, toState: next.arrangement.state, payload: { position, facts: item.facts } } };
        });
      } else {
        await this.insert(uow, decision, position, startArrangement({ facts: item.facts }), actor, 'create');
      }
      changed = true;
    }
    return changed;
  }

  async represent(tx: Tx, decisions: DecisionEntity[], actor: Actor) {
    const all = await new ArrangementRepository(tx).forDecisions(decisions.map((d) => d.id));
    const today = this.today();
    const scales = this.config.arrangements.payScales;
    const out = new Map<string, { fields: Record<string, unknown>; warnings: string[] }>();
    for (const d of decisions) {
      const mine = all.filter((a) => a.decisionId === d.id);
      const withCost = mine.map((a) => ({ facts: a.arrangement.context.facts, cost: costOf(a, scales, today) ?? undefined }));
      const warnings = fundingWarnings(d.funding ?? [], withCost).map((w) => `${w.field}: ${w.message}`);
      out.set(d.id, { fields: { staffingArrangements: mine.map((a) => representStored(a, actor, scales, today)) }, warnings });
    }
    return out;
  }

  /**
   * Stores arrangements extracted from an imported record as `proposed`, awaiting an officer's `confirm`,
   * inside the caller's transaction (the decision must exist in it). A decision already in effect passes its
   * dates on, so confirming one starts its clocks at once.
   */
  async propose(uow: UnitOfWork, decisionId: string, proposals: ArrangementFacts[], actor: ChangeActor): Promise<StoredArrangement[]> {
    const record = await uow.load<DecisionRecord>('decision', decisionId);
    if (!record) throw this.decisionsNotFound(decisionId);
    const start = (await new ArrangementRepository(uow.tx).statesOf(decisionId)).length;
    const ctx = record.decision.lifecycle.context;
    const created: StoredArrangement[] = [];
    for (const [i, facts] of proposals.entries()) {
      let p = startArrangement({ facts, proposed: true });
      if (ctx.effectiveAt) {
        const r = applyArrangementEvent(p, { type: 'EFFECTIVE', at: uow.now.toISOString(), decision: { effectiveAt: ctx.effectiveAt, decidedAt: ctx.decidedAt } }, this.adapter.reminderPolicy);
        if (r.accepted) p = r.next;
      }
      created.push(await this.insert(uow, record.decision, start + i, p, actor, 'propose'));
    }
    return created;
  }

  private insert(uow: UnitOfWork, decision: DecisionEntity, position: number, arrangement: PersistedArrangement, actor: ChangeActor, type: string) {
    return uow.create<StoredArrangement>(ARRANGEMENT, () => ({
      next: {
        id: randomUUID(),
        decisionId: decision.id,
        position,
        version: 1,
        arrangement,
        decision: { reference: decision.reference, title: decision.title, decidedAt: decision.decidedAt, state: decision.state, authorUserId: decision.authorUserId },
      },
      history: { type, at: uow.now, actor, fromState: null, toState: arrangement.state, payload: { facts: arrangement.context.facts } },
    }));
  }

  // ── HR's register and actions ──────────────────────────────────────────────────────────────────────

  async list(query: ArrangementQuery, actor: Actor) {
    const today = this.today();
    const scales = this.config.arrangements.payScales;
    const from = (query.page - 1) * query.pageSize;
    const page = { page: query.page, pageSize: query.pageSize };
    if (scales) {
      // The total cost is over every matching arrangement, so every one is read.
      const all = await this.matching(query, actor);
      return {
        items: all.slice(from, from + query.pageSize).map((a) => representStored(a, actor, scales, today)),
        total: all.length,
        ...page,
        cost: totalCost(all.map((a) => costOf(a, scales, today) as CostResult)),
      };
    }
    // No pay scales, no cost to total: only the page is read, and the count (the same slice, in the same order).
    const filter = this.filterOf(query, actor);
    const { items, total } = await this.db.read(async (tx) => {
      const rows = new ArrangementRepository(tx);
      return { items: await rows.list(filter, { offset: from, limit: query.pageSize }), total: await rows.count(filter) };
    });
    return { items: items.map((a) => representStored(a, actor, scales, today)), total, ...page, cost: null };
  }

  async get(id: string, actor: Actor) {
    return this.db.read(async (tx) => {
      const rows = new ArrangementRepository(tx);
      const a = await this.readable(rows, id, actor);
      const history = (await rows.history(id)).map((h) => ({ ...h, at: h.at.toISOString() }));
      return { ...representStored(a, actor, this.config.arrangements.payScales, this.today()), history };
    });
  }

  /**
   * One of HR's actions (CONTRACT.md): 400 naming the field, 409 with the state and the actions it allows.
   * `link`: acting through a one-click link, which is the credential (no role needed) and is spent in the
   * same transaction.
   */
  async act(id: string, action: ArrangementAction, body: unknown, actor: Actor, link?: { spend: (tx: Tx, a: StoredArrangement) => Promise<void> }): Promise<ArrangementView> {
    if (!link && !mayManageArrangements(actor)) throw new Forbidden(`${action} needs the 'hr' or 'admin' role`);
    const changed = await this.engine.change<StoredArrangement>(ARRANGEMENT, id, async (current, uow) => {
      await link?.spend(uow.tx, current);
      const prepared = prepareArrangementAction(current.arrangement, action, body, { at: uow.now.toISOString(), by: actor.userId });
      if (!prepared.ok) {
        if (prepared.status === 400) throw new InvalidInput(prepared.message, prepared.details);
        throw new Conflict(prepared.message, { state: prepared.state, allowedActions: prepared.allowedActions });
      }
      const next = this.adapter.applied(current, prepared.event);
      return { next, history: { type: action, at: uow.now, actor, fromState: current.arrangement.state, toState: next.arrangement.state, payload: (body ?? {}) as Record<string, unknown> } };
    });
    const after = await this.db.read((tx) => new ArrangementRepository(tx).find(id));
    return representStored(after ?? changed!.after, actor, this.config.arrangements.payScales, this.today());
  }

  /** Which arrangement a one-click link names (404 if it is gone), never its record. */
  async linkSummary(id: string): Promise<ArrangementLinkSummary & { decision: { id: string; reference: string; title: string } }> {
    const a = await this.db.read((tx) => new ArrangementRepository(tx).find(id));
    if (!a) throw new ArrangementNotFound(id);
    const json = representStored(a, { userId: 'link', name: 'link', roles: [] }, null, this.today());
    return { id: a.id, title: json.title, state: json.state, resolvedEnd: json.resolvedEnd, decision: { id: a.decisionId, reference: a.decision.reference, title: a.decision.title } };
  }

  // ── exports ────────────────────────────────────────────────────────────────────────────────────────

  /** The signed calendar URL HR hands a manager (it is the credential: it names one manager, nothing else). */
  calendarLink(manager: string, actor: Actor) {
    if (!mayManageArrangements(actor)) throw new Forbidden("a manager's calendar link is handed out by HR ('hr', 'admin')");
    return { manager, url: calendarUrl(this.config.publicUrl, manager, this.config.jwtSecret) };
  }

  /** The iCalendar feed of one manager's arrangements; the URL's HMAC signature is the credential. */
  async calendar(manager: unknown, sig: unknown): Promise<string> {
    if (!verifyCalendarSignature(manager, sig, this.config.jwtSecret)) throw new Forbidden('the calendar link is not signed for this manager (sig does not match)');
    const records = await this.db.read((tx) => new ArrangementRepository(tx).list({ manager: manager as string }));
    return renderArrangementsCalendar(records, {
      name: `Staffing arrangements — ${manager as string}`,
      policy: this.adapter.reminderPolicy,
      now: this.clock.now().toISOString(),
      link: (id) => arrangementUrl(this.config.publicUrl, id),
    });
  }

  async csv(query: Omit<ArrangementQuery, 'page' | 'pageSize'>, actor: Actor): Promise<string> {
    const all = await this.matching({ ...query, page: 1, pageSize: Number.MAX_SAFE_INTEGER }, actor);
    const today = this.today();
    return renderArrangementsCsv(all.map((record) => ({ record, cost: costOf(record, this.config.arrangements.payScales, today) ?? undefined })));
  }

  private matching(query: ArrangementQuery, actor: Actor) {
    const filter = this.filterOf(query, actor);
    return this.db.read((tx) => new ArrangementRepository(tx).list(filter));
  }

  private filterOf(query: ArrangementQuery, actor: Actor): ArrangementFilter {
    for (const s of query.states ?? []) {
      if (!(ARRANGEMENT_STATES as readonly string[]).includes(s)) throw new InvalidInput(`unknown state '${s}'`, [{ field: 'state', message: `must be one or more (comma-separated) of: ${ARRANGEMENT_STATES.join(', ')}` }]);
    }
    return {
      states: query.states,
      endingBefore: query.endingBefore,
      manager: query.manager,
      decisionId: query.decision,
      // Not HR: a manager sees the arrangements they manage, nothing else.
      managedBy: mayManageArrangements(actor) ? undefined : actor.userId,
    };
  }

  private async readable(rows: ArrangementRepository, id: string, actor: Actor): Promise<StoredArrangement> {
    if (!mayManageArrangements(actor)) {
      const a = await rows.find(id);
      if (a && managesIt(a, actor)) return a;
      throw new Forbidden("a staffing arrangement is read by HR ('hr', 'admin') and the manager it names");
    }
    const a = await rows.find(id);
    if (!a) throw new ArrangementNotFound(id);
    return a;
  }

  private decisionsNotFound(id: string) {
    return new InvalidInput(`no decision with id '${id}'`, [{ field: 'decisionId', message: 'names no decision' }]);
  }

  private today() {
    return londonDateOf(this.clock.now().toISOString());
  }
}
