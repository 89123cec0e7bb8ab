import { arrangementCard, type ArrangementView } from './arrangements.js';
import { statusTag } from './status-tag.js';

/** One arrangement read from an imported record's text, with where it was read and how sure the reading is. */
export interface ProposedArrangementView extends Omit<ArrangementView, 'id'> {
  id: string | null;
  sourceText?: string;
  confidence?: number;
}

/** What page 5's import shows after a record is stored: the decision and the arrangements proposed from it. */
export function importResultView(result: {
  decision: { id: string; reference: string; title: string; state: string; status: string };
  proposedArrangements: ProposedArrangementView[];
}) {
  return {
    decision: { ...result.decision, tag: statusTag(result.decision.state, result.decision.status) },
    arrangements: result.proposedArrangements.map((a, i) => {
      const card = arrangementCard({ ...a, id: a.id ?? `proposed-${i + 1}` });
      const read = [
        a.sourceText ? { key: 'Read from', value: `“${a.sourceText}”` } : null,
        typeof a.confidence === 'number' ? { key: 'How much it stated', value: `${Math.round(a.confidence * 100)}%` } : null,
      ].filter((r): r is { key: string; value: string } => r !== null);
      return { ...card, rows: [...card.rows, ...read] };
    }),
  };
}

const sentence = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/**
 * The import's refusals: every problem names a part of the record, which is all one field on the page, so
 * each links to the pasted text (or the file, when one was uploaded).
 */
export function importErrors(problems: { field: string; message: string }[], field: 'content' | 'file') {
  const messages = problems.map((p) => sentence(p.message));
  return { summary: messages.map((text) => ({ text, href: `#${field}` })), byField: { [field]: messages.join('. ') } };
}
