import { instance, type Viz } from '@viz-js/viz';
import type { AnyStateMachine } from 'xstate';
import { chartOf, statechartDot } from './statechart-dot.js';

/**
 * Renders the lifecycle to SVG on the server with Graphviz (compiled to WebAssembly by @viz-js/viz). One
 * drawing per current state, cached: the machine does not change while the process runs.
 */
export class StatechartRenderer {
  private viz: Promise<Viz> | null = null;
  private readonly cache = new Map<string, string>();

  constructor(private readonly machine: AnyStateMachine) {}

  async svg(current: string | null): Promise<string> {
    const key = current ?? '';
    const cached = this.cache.get(key);
    if (cached) return cached;
    this.viz ??= instance();
    const svg = clean((await this.viz).renderString(statechartDot(this.machine, current), { format: 'svg' }));
    this.cache.set(key, svg);
    return svg;
  }

  /** The same chart as words, for people who cannot see the drawing. */
  describe() {
    return chartOf(this.machine);
  }
}

/**
 * Graphviz's SVG, made fit to inline in a page: no XML prologue or DOCTYPE, no title tooltips that repeat
 * every label, and a viewBox-only size so the page's CSS scales it to any width.
 */
function clean(svg: string): string {
  return svg
    .replace(/^[\s\S]*?(<svg\b)/, '$1')
    .replace(/<title>[^<]*<\/title>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<svg\b([^>]*?)\swidth="[^"]*"\s+height="[^"]*"/, '<svg$1')
    .replace(/<svg\b/, '<svg focusable="false" aria-hidden="true"');
}
