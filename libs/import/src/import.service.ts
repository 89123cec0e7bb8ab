import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { londonDateOf } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { factsFromExtraction, type ArrangementFacts } from '#libs/arrangements';
import { Conflict, DECISION, DecisionService, Forbidden, InvalidInput, type DecisionRepresentation } from '#libs/decisions';
import { Engine } from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import { duplicateKey, extractArrangements, parseDecisionRecord, type ProposedArrangement } from '#libs/records';
import { ArrangementService, representStored, type ArrangementView } from '#libs/staffing';
import { ImportRepository, ReferenceTaken, isUniqueViolation, type DecisionRecord, type ImportedFrom } from '#libs/store';
import { ImportRefused, importedDecision, startState, type ImportSource } from './imported-decision.js';

export interface ImportRequest {
  content: string;
  /** `text` or `html`; guessed from the content when omitted. */
  format?: 'text' | 'html';
  /** The file name, shown in the history entry ("request body" when none). */
  name?: string;
}

/** A stored `proposed` arrangement, with where the extraction read it. */
export type ProposedArrangementView = ArrangementView & { sourceText: string; section: string; confidence: number; notes: string[] };

export interface ImportResult {
  decision: DecisionRepresentation;
  /** The temporary staffing arrangements read from the record, stored as `proposed` awaiting an officer's confirmation. */
  proposedArrangements: ProposedArrangementView[];
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
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(ArrangementService) private readonly arrangements: ArrangementService,
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
      // The arrangements the text proposes, in the arrangements lib's terms; what cannot be carried over is kept as refused.
      const extraction = extractArrangements(record);
      const proposals = proposalsOf(extraction.arrangements);
      return await this.engine.inTransaction(async (uow) => {
        const imports = new ImportRepository(uow.tx);
        await imports.lockKey(key);
        const earlier = await imports.duplicateOf({ key, reference: record.reference, title: record.title, decisionMaker: record.decisionMaker, dateOfDecision: record.dateOfDecision });
        if (earlier) throw duplicate(earlier);
        const next = importedDecision(record, extraction, { id: randomUUID(), now: uow.now, actor, constitution: this.config.council.constitution, source });
        next.decision.imported = { ...next.decision.imported!, proposals: proposals.kept.map((p) => p.origin), refusedProposals: proposals.refused };
        const created = await uow.create<DecisionRecord>(DECISION, () => ({
          next,
          history: {
            type: 'import',
            at: uow.now,
            actor,
            fromState: null,
            toState: next.decision.state,
            payload: { importedFrom: source.name, format: source.format, status: record.status, reference: record.reference, proposedArrangements: proposals.kept.length },
          },
        }));
        // Stored as `proposed`, awaiting an officer's confirmation, in this same transaction.
        const stored = await this.arrangements.propose(uow, created.decision.id, proposals.kept.map((p) => p.facts), actor);
        const today = londonDateOf(uow.now.toISOString());
        const scales = this.config.arrangements.payScales;
        return {
          decision: await this.decisions.representIn(uow.tx, created, actor),
          proposedArrangements: stored.map((a, i) => ({ ...representStored(a, actor, scales, today), ...proposals.kept[i].origin })),
        };
      });
    } catch (error) {
      if (error instanceof ImportRefused) throw refusal(error.problems);
      if (error instanceof ReferenceTaken) throw new Conflict(`${error.message}: this record has been imported already`, { duplicateOf: { reference: error.reference } });
      if (isUniqueViolation(error, 'decisions_import_key_idx')) throw new Conflict('this record has been imported already');
      throw error;
    }
  }
}

/** Each extracted arrangement as facts the arrangements lib accepts, with where it came from; or why it cannot be. */
function proposalsOf(extracted: ProposedArrangement[]) {
  const kept: { facts: ArrangementFacts; origin: NonNullable<ImportedFrom['proposals']>[number] }[] = [];
  const refused: NonNullable<ImportedFrom['refusedProposals']> = [];
  for (const x of extracted) {
    const parsed = factsFromExtraction(x);
    if (parsed.ok) kept.push({ facts: parsed.value, origin: { position: kept.length, sourceText: x.sourceText, section: x.section, confidence: x.confidence, notes: parsed.notes } });
    else refused.push({ sourceText: x.sourceText, problems: parsed.problems.map((p) => `${p.field} ${p.message}`) });
  }
  return { kept, refused };
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
