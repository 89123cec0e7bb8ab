import type { AnyStateMachine } from 'xstate';
import { EVENT_FOR_ACTION, displayStatus, type DecisionState, type TimerMeta } from '#libs/lifecycle';

/** One arrow of the chart: a transition of the machine definition. */
export interface ChartEdge {
  from: string;
  to: string;
  event: string;
  label: string;
}

export interface ChartNode {
  id: string;
  final: boolean;
  timers: string[];
}

const ACTION_FOR_EVENT = new Map<string, string>(Object.entries(EVENT_FOR_ACTION).map(([action, event]) => [event, action]));

/** How an event reads on the chart: the HTTP action it comes from, or what the timer / edit means. */
function eventLabel(event: string): string {
  if (ACTION_FOR_EVENT.has(event)) return ACTION_FOR_EVENT.get(event)!;
  if (event === 'CALL_IN_PERIOD_ENDED') return 'call-in deadline passes (timer)';
  return event.toLowerCase().replace(/_/g, '-');
}

/** A named guard in words (`keyDecisionNoticeMet` → "key decision notice met"); an outcome guard by its outcome. */
function guardLabel(guard: unknown): string | null {
  if (!guard) return null;
  const g = typeof guard === 'string' ? { type: guard } : (guard as { type?: string; params?: Record<string, unknown> });
  if (g.params && typeof g.params.outcome === 'string') return g.params.outcome;
  return g.type ? g.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : null;
}

/**
 * Reads the states and transitions out of an XState machine definition (never a hand-kept list), so the
 * drawing changes when the machine does. A transition with no target stays in its state (a loop).
 */
export function chartOf(machine: AnyStateMachine): { nodes: ChartNode[]; edges: ChartEdge[] } {
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];
  for (const [id, node] of Object.entries(machine.root.states)) {
    const meta = node.meta as TimerMeta | undefined;
    nodes.push({ id, final: node.type === 'final', timers: (meta?.timers ?? []).map((t) => t.event) });
    for (const [event, definitions] of node.transitions) {
      for (const definition of definitions) {
        const targets = definition.target?.length ? definition.target.map((t) => t.key) : [id];
        const guard = guardLabel(definition.guard);
        for (const to of targets) edges.push({ from: id, to, event, label: guard ? `${eventLabel(event)} [${guard}]` : eventLabel(event) });
      }
    }
  }
  return { nodes, edges };
}

/** A DOT string literal: quotes and backslashes escaped, so no label can break out of the graph. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** GOV.UK colours (text, blue focus-free highlight, mid grey borders) so the drawing matches the page. */
const INK = '#0b0c0c';
const HIGHLIGHT = '#1d70b8';
const LINE = '#505a5f';

/** The decision lifecycle as a Graphviz DOT graph, the `current` state filled in. */
export function statechartDot(machine: AnyStateMachine, current: string | null): string {
  const { nodes, edges } = chartOf(machine);
  const lines = [
    'digraph lifecycle {',
    `  graph [rankdir=TB, fontname="Helvetica", bgcolor="transparent", nodesep=0.35, ranksep=0.45];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color=${dotString(LINE)}, fontcolor=${dotString(INK)}, fontname="Helvetica", fontsize=12, margin="0.15,0.06"];`,
    `  edge [color=${dotString(LINE)}, fontcolor=${dotString(INK)}, fontname="Helvetica", fontsize=9, arrowsize=0.7];`,
  ];
  for (const n of nodes) {
    const status = displayStatus(n.id as DecisionState);
    const label = status && status.toLowerCase() !== n.id.replace(/-/g, ' ') ? `${n.id}\n${status}` : n.id;
    const attrs = [`id=${dotString(`state-${n.id}`)}`, `label=${dotString(label)}`];
    if (n.final) attrs.push('peripheries=2');
    if (n.id === current) attrs.push(`fillcolor=${dotString(HIGHLIGHT)}`, 'fontcolor="#ffffff"', `color=${dotString(INK)}`, 'penwidth=3');
    lines.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of edges) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(e.label)}];`);
  lines.push('}');
  return lines.join('\n');
}
