import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { AggregateAdapter, Transition } from './aggregate.js';
import { Aggregate, Reaction, TimerHandler } from './decorators.js';
import type { TimerFiring, UnitOfWork } from './unit-of-work.js';

export type TimerHandlerFn = (firing: TimerFiring) => Promise<'fired' | 'stale'>;
export type ReactionFn = (change: Transition, uow: UnitOfWork) => Promise<void>;

/**
 * The adapters, timer handlers and reactions found in the application (Nest's DiscoveryService), so a new
 * aggregate plugs in by declaring providers, not by editing a list here.
 */
@Injectable()
export class EngineRegistry {
  private found?: {
    adapters: Map<string, AggregateAdapter<unknown>>;
    handlers: Map<string, { fn: TimerHandlerFn; owner: string }[]>;
    reactions: Map<string, ReactionFn[]>;
  };

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
  ) {}

  adapter<A>(subjectType: string): AggregateAdapter<A> {
    const adapter = this.discover().adapters.get(subjectType);
    if (!adapter) throw new Error(`no aggregate adapter for subject type '${subjectType}' (is its module imported?)`);
    return adapter as AggregateAdapter<A>;
  }

  handler(kind: string): TimerHandlerFn {
    const handlers = this.discover().handlers.get(kind) ?? [];
    if (handlers.length !== 1) throw new Error(`timer kind '${kind}' has ${handlers.length} handlers, needs exactly one`);
    return handlers[0].fn;
  }

  reactions(subjectType: string): ReactionFn[] {
    return this.discover().reactions.get(subjectType) ?? [];
  }

  /**
   * Every timer kind an adapter declares has exactly one handler, and every handler's kind is declared
   * (Immich's job repository checks its job names the same way). Run where timers fire: the worker.
   */
  assertEveryKindHandled(): void {
    const { adapters, handlers } = this.discover();
    const declared = new Set([...adapters.values()].flatMap((a) => a.timerKinds));
    const problems: string[] = [];
    for (const kind of declared) {
      const found = handlers.get(kind) ?? [];
      if (found.length === 0) problems.push(`'${kind}' has no @TimerHandler`);
      if (found.length > 1) problems.push(`'${kind}' has ${found.length} handlers (${found.map((h) => h.owner).join(', ')})`);
    }
    for (const kind of handlers.keys()) if (!declared.has(kind)) problems.push(`@TimerHandler('${kind}') handles a kind no aggregate declares`);
    if (problems.length) throw new Error(`timer handlers out of step: ${problems.join('; ')}`);
  }

  private discover() {
    if (this.found) return this.found;
    const adapters = new Map<string, AggregateAdapter<unknown>>();
    const handlers = new Map<string, { fn: TimerHandlerFn; owner: string }[]>();
    const reactions = new Map<string, ReactionFn[]>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: Aggregate.KEY })) {
      const adapter = wrapper.instance as AggregateAdapter<unknown> | undefined;
      if (!adapter) continue;
      if (adapters.has(adapter.subjectType)) throw new Error(`two aggregate adapters for subject type '${adapter.subjectType}'`);
      adapters.set(adapter.subjectType, adapter);
    }
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const prototype = Object.getPrototypeOf(instance);
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const kind = this.discovery.getMetadataByDecorator(TimerHandler, wrapper, method);
        if (typeof kind === 'string') {
          const fn = (instance[method] as TimerHandlerFn).bind(instance);
          handlers.set(kind, [...(handlers.get(kind) ?? []), { fn, owner: `${String(wrapper.name)}.${method}` }]);
        }
        const subjectType = this.discovery.getMetadataByDecorator(Reaction, wrapper, method);
        if (typeof subjectType === 'string') {
          reactions.set(subjectType, [...(reactions.get(subjectType) ?? []), (instance[method] as ReactionFn).bind(instance)]);
        }
      }
    }
    this.found = { adapters, handlers, reactions };
    return this.found;
  }
}
