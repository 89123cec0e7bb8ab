import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { londonDateOf } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { Conflict, DECISION, Forbidden, InvalidInput, representDecision } from '#libs/decisions';
import { Engine } from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import { duplicateKey, extractArrangements, parseDecisionRecord, type ProposedArrangement } from '#libs/records';
import { ImportRepository, ReferenceTaken, isUniqueViolation, type DecisionRecord } from '#libs/store';
import { ImportRefused, importedDecision, startState, type ImportSource } from './imported-decision.js';

export interface ImportRequest {
  content: string;
  /** `text` or `html`; guessed from the content when omitted. */
  format?: 'text' | 'html';
  /** The file name, shown in the history entry ("request body" when none). */
  name?: string;
}

export interface ImportResult {
  decision: ReturnType<typeof representDecision>;
  /** The temporary staffing arrangements read from the record, awaiting an officer's confirmation. */
  proposedArrangements: ProposedArrangement[];
}

/** Who may import records into the register. */
export const IMPORT_ROLES = ['democratic-services', 'admin'] as const;

/**
 * Imports one "Decision details" record: parsed (libs/records), checked, and created in one engine
 * transaction — the decision in the state its status and dates imply, a history entry saying it was
 * imported and from what, and the timers that state wants. Bad input is refused before anything is written;
 * a record already in the register (same reference; or with none, same title, decision maker and date of
 * decision) is refused with 409.
 */
@Injectable()
export class ImportService {
  constructor(
    @Inject(Engine) private readonly engine: Engine,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
  ) {}

  async importRecord(request: ImportRequest, actor: Actor): Promise<ImportResult> {
    if (!IMPORT_ROLES.some((r) => actor.roles.includes(r))) throw new Forbidden(`importing records needs the ${IMPORT_ROLES.map((r) => `'${r}'`).join(' or ')} role`);
    const parsed = parseDecisionRecord(request.content, { format: request.format });
    if (!parsed.ok) throw refusal(parsed.problems);
    const record = parsed.record;
    const source: ImportSource = { name: request.name?.trim() || 'request body', format: request.format ?? (/<[a-z!/][^>]*>/i.test(request.content) ? 'html' : 'text') };
    try {
      startState(record);
      const key = duplicateKey(record);
      const created = await this.engine.create<DecisionRecord>(DECISION, async (uow) => {
        const imports = new ImportRepository(uow.tx);
        await imports.lockKey(key);
        const earlier = await imports.duplicateOf({ key, reference: record.reference, title: record.title, decisionMaker: record.decisionMaker, dateOfDecision: record.dateOfDecision });
        if (earlier) throw duplicate(earlier);
        const next = importedDecision(record, extractArrangements(record), { id: randomUUID(), now: uow.now, actor, constitution: this.config.council.constitution, source });
        return {
          next,
          history: {
            type: 'import',
            at: uow.now,
            actor,
            fromState: null,
            toState: next.decision.state,
            payload: { importedFrom: source.name, format: source.format, status: record.status, reference: record.reference },
          },
        };
      });
      const ctx = created.decision.lifecycle.context;
      const effective = ctx.effectiveAt ?? ctx.callInEffectiveAt;
      const { arrangements } = extractArrangements(record, { takesEffect: effective ? (effective.length === 10 ? effective : londonDateOf(effective)) : null });
      return { decision: representDecision(created.decision, created.consultations, actor), proposedArrangements: arrangements };
    } catch (error) {
      if (error instanceof ImportRefused) throw refusal(error.problems);
      if (error instanceof ReferenceTaken) throw new Conflict(`${error.message}: this record has been imported already`, { duplicateOf: { reference: error.reference } });
      if (isUniqueViolation(error, 'decisions_import_key_idx')) throw new Conflict('this record has been imported already');
      throw error;
    }
  }
}

function refusal(problems: { field: string; label: string; message: string }[]): InvalidInput {
  return new InvalidInput(
    `the record cannot be imported: ${problems.map((p) => `${p.label} ${p.message}`).join('; ')}`,
    problems.map((p) => ({ field: p.field, message: `${p.label} ${p.message}` })),
  );
}

function duplicate(earlier: { id: string; reference: string }): Conflict {
  return new Conflict(`this record has been imported already: it is decision ${earlier.reference}`, { duplicateOf: { id: earlier.id, reference: earlier.reference } });
}
