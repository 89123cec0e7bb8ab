import { assign, setup } from 'xstate';
import { goesToCallIn, lifecycleRules, noticeCheck } from './rules.js';
import type { DecisionContext, LifecycleEvent, LifecycleFacts, LifecycleInput, TimerRequest } from './types.js';

type E<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;

/** The facts EDIT may change; nothing else in the context (revision, sign-offs, dates) is editable. */
export const EDITABLE_FACTS = [
  'decisionType',
  'isKeyDecision',
  'isSubjectToCallIn',
  'urgency',
  'generalExceptionNoticeAt',
  'specialUrgency',
  'callInWaiver',
  'consultees',
  'forwardPlanNoticeAt',
] as const satisfies readonly (keyof LifecycleFacts)[];

/** The defined fact fields of an EDIT's changes (unknown keys and `undefined` values are ignored). */
export function factChanges(changes: Partial<LifecycleFacts>): Partial<LifecycleFacts> {
  const picked: Record<string, unknown> = {};
  for (const key of EDITABLE_FACTS) {
    if (changes[key] !== undefined) picked[key] = key === 'consultees' ? [...new Set(changes.consultees)] : changes[key];
  }
  return picked as Partial<LifecycleFacts>;
}

export function pendingAreas(ctx: DecisionContext): string[] {
  return ctx.consultees.filter((area) => !ctx.signOffs[area]);
}

/** The key-decision rule (forward plan, general exception, special urgency): see noticeCheck. */
export function keyDecisionNoticeMet(ctx: DecisionContext, decidedAt: string): boolean {
  return noticeCheck(ctx, decidedAt).met;
}

/** Enough distinct members, or the scrutiny chair alone where the rule set allows it. */
export function callInAllowed(ctx: DecisionContext, members: string[], scrutinyChair = false): boolean {
  const rule = ctx.rules.callIn[ctx.decisionType];
  return (scrutinyChair && rule.scrutinyChairAlone) || new Set(members).size >= rule.minMembers;
}

const newRevision = (ctx: DecisionContext) => ({ revision: ctx.revision + 1, signOffs: {} });

/**
 * The decision lifecycle of DOMAIN.md. Pure: every event carries `at`; timers are not `after` delays but
 * requests declared in state `meta` (see timersFor), kept durably by the shell.
 */
export const decisionMachine = setup({
  types: {
    context: {} as DecisionContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleInput,
  },
  guards: {
    hasConsultees: ({ context }) => context.consultees.length > 0,
    areaIsPending: ({ context, event }) => {
      const { area } = event as E<'SIGN_OFF'>;
      return context.consultees.includes(area) && !context.signOffs[area];
    },
    lastPendingArea: ({ context, event }) => {
      const { area } = event as E<'SIGN_OFF'>;
      const pending = pendingAreas(context);
      return pending.includes(area) && pending.every((a) => a === area);
    },
    areaIsConsultee: ({ context, event }) => context.consultees.includes((event as E<'REQUEST_CHANGES'>).area),
    keyDecisionNoticeMet: ({ context, event }) => keyDecisionNoticeMet(context, (event as E<'APPROVE'>).decidedAt),
    goesToCallIn: ({ context }) => goesToCallIn(context),
    enoughMembers: ({ context, event }) => callInAllowed(context, (event as E<'CALL_IN'>).members, (event as E<'CALL_IN'>).scrutinyChair),
    timerIsCurrent: ({ context, event }) => (event as E<'CALL_IN_PERIOD_ENDED'>).dueAt === context.callInDeadline,
    outcomeIs: ({ event }, params: { outcome: string }) => (event as E<'SCRUTINY_OUTCOME'>).outcome === params.outcome,
  },
  actions: {
    applyEdit: assign(({ event }) => factChanges((event as E<'EDIT'>).changes)),
    // forDeterminationAt belongs to the revision: cleared here, set again when this revision is ready.
    recordSubmission: assign(({ event }) => ({ submittedAt: event.at, forDeterminationAt: null, changesRequested: {} })),
    recordForDetermination: assign(({ event }) => ({ forDeterminationAt: event.at })),
    recordSignOff: assign(({ context, event }) => {
      const e = event as E<'SIGN_OFF'>;
      return { signOffs: { ...context.signOffs, [e.area]: { by: e.by, at: e.at, comments: e.comments ?? null } } };
    }),
    recordChangesRequested: assign(({ context, event }) => {
      const e = event as E<'REQUEST_CHANGES'>;
      return { ...newRevision(context), changesRequested: { [e.area]: { by: e.by, at: e.at, comments: e.comments } } };
    }),
    startNewRevision: assign(({ context }) => newRevision(context)),
    recordDecision: assign(({ event }) => ({ decidedAt: (event as E<'APPROVE'>).decidedAt })),
    recordDeferral: assign(({ event }) => ({ deferredUntil: (event as E<'DEFER'>).until ?? null })),
    clearDeferral: assign({ deferredUntil: null }),
    recordPublication: assign(({ event }) => {
      const e = event as E<'PUBLISH'>;
      return { publishedAt: e.publishedAt, callInDeadline: e.callIn.deadline, callInEffectiveAt: e.callIn.effectiveAt };
    }),
    takeEffectOnPublication: assign(({ event }) => {
      const e = event as E<'PUBLISH'>;
      return { publishedAt: e.publishedAt, callInDeadline: null, callInEffectiveAt: null, effectiveAt: e.publishedAt };
    }),
    takeEffectAtEndOfCallIn: assign(({ context }) => ({ effectiveAt: context.callInEffectiveAt })),
    takeEffectNow: assign(({ event }) => ({ effectiveAt: event.at })),
    recordCallIn: assign(({ event }) => ({ calledInBy: [...new Set((event as E<'CALL_IN'>).members)] })),
    markReconsideration: assign({ reconsideration: true }),
  },
}).createMachine({
  id: 'decision',
  initial: 'draft',
  context: ({ input }) => ({
    ...input.facts,
    decisionType: input.facts.decisionType ?? 'executive',
    generalExceptionNoticeAt: input.facts.generalExceptionNoticeAt ?? null,
    specialUrgency: input.facts.specialUrgency ?? null,
    callInWaiver: input.facts.callInWaiver ?? null,
    // A repeated area would never stop being pending, so consultation could never end.
    consultees: [...new Set(input.facts.consultees)],
    rules: lifecycleRules(input.rules),
    revision: 1,
    signOffs: {},
    changesRequested: {},
    reconsideration: false,
    submittedAt: null,
    forDeterminationAt: null,
    decidedAt: null,
    publishedAt: null,
    callInDeadline: null,
    callInEffectiveAt: null,
    effectiveAt: null,
    deferredUntil: null,
    calledInBy: [],
  }),
  states: {
    draft: {
      on: {
        EDIT: { actions: 'applyEdit' },
        SUBMIT: [
          { guard: 'hasConsultees', target: 'consultation', actions: 'recordSubmission' },
          { target: 'for-determination', actions: ['recordSubmission', 'recordForDetermination'] },
        ],
        WITHDRAW: 'withdrawn',
      },
    },
    consultation: {
      on: {
        SIGN_OFF: [
          { guard: 'lastPendingArea', target: 'for-determination', actions: ['recordSignOff', 'recordForDetermination'] },
          { guard: 'areaIsPending', actions: 'recordSignOff' },
        ],
        REQUEST_CHANGES: { guard: 'areaIsConsultee', target: 'draft', actions: 'recordChangesRequested' },
        WITHDRAW: 'withdrawn',
      },
    },
    'for-determination': {
      on: {
        APPROVE: { guard: 'keyDecisionNoticeMet', target: 'approved', actions: 'recordDecision' },
        REJECT: { target: 'rejected', actions: 'recordDecision' },
        DEFER: { target: 'deferred', actions: 'recordDeferral' },
        REFER_BACK: { target: 'draft', actions: 'startNewRevision' },
        WITHDRAW: 'withdrawn',
      },
    },
    deferred: {
      on: {
        RESUME: { target: 'for-determination', actions: 'clearDeferral' },
        WITHDRAW: 'withdrawn',
      },
    },
    approved: {
      on: {
        PUBLISH: [
          { guard: 'goesToCallIn', target: 'call-in-period', actions: 'recordPublication' },
          { target: 'effective', actions: 'takeEffectOnPublication' },
        ],
      },
    },
    'call-in-period': {
      // The shell keeps this timer as a row plus a BullMQ delayed job (XState `after` would die with the process).
      meta: { timers: [{ event: 'CALL_IN_PERIOD_ENDED', at: 'callInDeadline' }] },
      on: {
        CALL_IN: { guard: 'enoughMembers', target: 'called-in', actions: 'recordCallIn' },
        CALL_IN_PERIOD_ENDED: { guard: 'timerIsCurrent', target: 'effective', actions: 'takeEffectAtEndOfCallIn' },
      },
    },
    'called-in': {
      on: {
        SCRUTINY_OUTCOME: [
          { guard: { type: 'outcomeIs', params: { outcome: 'no-further-action' } }, target: 'effective', actions: 'takeEffectNow' },
          { guard: { type: 'outcomeIs', params: { outcome: 'refer-back' } }, target: 'for-determination', actions: 'markReconsideration' },
          { guard: { type: 'outcomeIs', params: { outcome: 'refer-to-council' } }, target: 'referred-to-council' },
        ],
      },
    },
    'referred-to-council': {
      on: {
        COUNCIL_OUTCOME: [
          { guard: { type: 'outcomeIs', params: { outcome: 'no-further-action' } }, target: 'effective', actions: 'takeEffectNow' },
          { guard: { type: 'outcomeIs', params: { outcome: 'refer-back' } }, target: 'for-determination', actions: 'markReconsideration' },
        ],
      },
    },
    effective: { on: { CLOSE: 'closed' } },
    closed: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

export interface TimerMeta {
  timers: { event: TimerRequest['event']; at: keyof DecisionContext }[];
}
