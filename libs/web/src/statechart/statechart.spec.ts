import { describe, expect, it } from '@jest/globals';
import { setup } from 'xstate';
import { DECISION_STATES, decisionMachine } from '#libs/lifecycle';
import { chartOf, dotString, statechartDot } from './statechart-dot.js';
import { StatechartRenderer } from './statechart-renderer.js';

describe('statechart drawn from the machine definition', () => {
  const { nodes, edges } = chartOf(decisionMachine);

  it('has every state of the lifecycle and every transition of its definition', () => {
    expect(nodes.map((n) => n.id).sort()).toEqual([...DECISION_STATES].sort());
    const definition = Object.entries(decisionMachine.root.states).flatMap(([id, node]) =>
      [...node.transitions.values()].flat().flatMap((t) => (t.target?.length ? t.target.map((x) => `${id}->${x.key}`) : [`${id}->${id}`])),
    );
    expect(edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(definition.sort());
    expect(edges).toContainEqual(expect.objectContaining({ from: 'call-in-period', to: 'effective', label: 'call-in deadline passes (timer) [timer is current]' }));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'called-in', to: 'referred-to-council', label: 'scrutiny-outcome [refer-to-council]' }));
    expect(nodes.find((n) => n.id === 'call-in-period')!.timers).toEqual(['CALL_IN_PERIOD_ENDED']);
    expect(nodes.filter((n) => n.final).map((n) => n.id).sort()).toEqual(['closed', 'rejected', 'withdrawn']);
  });

  it('follows the machine when the machine changes', () => {
    const tiny = setup({}).createMachine({ id: 't', initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } });
    expect(chartOf(tiny).edges).toEqual([{ from: 'a', to: 'b', event: 'GO', label: 'go' }]);
  });

  it('highlights only the current state', () => {
    const dot = statechartDot(decisionMachine, 'approved');
    expect(dot.match(/penwidth=3/g)).toHaveLength(1);
    expect(dot).toMatch(/"approved" \[[^\]]*fillcolor="#1d70b8"/);
    expect(statechartDot(decisionMachine, null)).not.toContain('penwidth=3');
  });

  it('escapes what it writes into DOT', () => {
    expect(dotString('a "quoted" \\ label')).toBe('"a \\"quoted\\" \\\\ label"');
  });

  it('renders SVG with Graphviz, scalable and marked as decoration of the text beside it', async () => {
    const renderer = new StatechartRenderer(decisionMachine);
    const svg = await renderer.svg('call-in-period');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox=');
    expect(svg).not.toMatch(/<svg[^>]*\swidth=/);
    expect(svg).toMatch(/<g id="state&#45;call&#45;in&#45;period" class="node">\s*<path fill="#1d70b8"/);
    expect(svg).not.toMatch(/<script|style=/i);
    expect(await renderer.svg('call-in-period')).toBe(svg);
  });
});
