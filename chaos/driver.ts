import { signToken } from '#libs/auth';

/** The people the driver acts as (the author never signs off or determines their own decision). */
const PEOPLE = {
  officer: { sub: 'u-officer', name: 'Bruce Penhale', roles: ['officer'] },
  hr: { sub: 'u-hr', name: 'Hannah Reid', roles: ['consultee:hr'] },
  finance: { sub: 'u-fin', name: 'Farid Khan', roles: ['consultee:finance'] },
  legal: { sub: 'u-legal', name: 'Laura Evans', roles: ['consultee:legal'] },
  dm: { sub: 'u-dm', name: 'Gerard Jones', roles: ['decision-maker'] },
  democratic: { sub: 'u-ds', name: 'Dana Scott', roles: ['democratic-services'] },
  scrutiny: { sub: 'u-scrutiny', name: 'Cllr Sam Patel', roles: ['scrutiny'] },
  hrOps: { sub: 'u-hr-ops', name: 'Priya Shah', roles: ['hr'] },
};
type Person = keyof typeof PEOPLE;
const AREA_PERSON: Record<string, Person> = { hr: 'hr', finance: 'finance', legal: 'legal' };

/** Which way one decision goes, drawn at random before it starts. */
export interface Script {
  areas: string[];
  decisionType: 'executive' | 'key-officer';
  subjectToCallIn: boolean;
  /** Published yesterday (its call-in deadline comes due during the run) or years ago (due at once). */
  publishedRecently: boolean;
  ending: 'effective' | 'called-in' | 'rejected' | 'withdrawn';
  requestChanges: boolean;
  deferFirst: boolean;
  referBackFirst: boolean;
  /** Temporary posts it approves (when the arrangements API exists): they ended yesterday, so they are overdue once it takes effect. */
  arrangements: number;
}

export function randomScript(random: () => number = Math.random): Script {
  const pick = <T>(items: [T, number][]): T => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1][0];
  };
  const areas = ['hr', 'finance', 'legal'].filter(() => random() < 0.6);
  const ending = pick<Script['ending']>([['effective', 65], ['called-in', 17], ['rejected', 9], ['withdrawn', 9]]);
  return {
    areas,
    decisionType: random() < 0.3 ? 'key-officer' : 'executive',
    subjectToCallIn: ending === 'called-in' || random() < 0.8,
    publishedRecently: random() < 0.75,
    ending,
    requestChanges: areas.length > 0 && random() < 0.12,
    deferFirst: random() < 0.06,
    referBackFirst: random() < 0.06,
    arrangements: random() < 0.3 ? 1 + Math.floor(random() * 2) : 0,
  };
}

interface Decision {
  id: string;
  version: number;
  state: string;
  consultations: { area: string; status: string }[];
}

interface Step {
  as: Person;
  action: string;
  body?: object;
}

export interface DriverStats {
  started: number;
  finished: number;
  requests: number;
  /** Network failures (the API killed or restarting), each retried. */
  unreachable: number;
  /** 409s: the driver re-reads the decision and goes on from where it is. */
  conflicts: number;
  /** 5xx answers: bugs. */
  serverErrors: string[];
  /** Other 4xx: the driver asked for something it should not have. */
  refused: string[];
  /** Decisions left where they were after too many steps. */
  abandoned: number;
  finalStates: Record<string, number>;
  /** Overdue arrangements HR confirmed as ended (which stops their overdue reminders). */
  arrangementsSettled: number;
}

export interface DriverOptions {
  baseUrl: string;
  jwtSecret: string;
  runId: string;
  /** Date of decision and publication for recently published decisions (yesterday in London). */
  recentDate: string;
  /** Longest pause between two steps of one decision: reminders fire in the gaps, or are cancelled by the next step. */
  maxPauseMs: number;
  /** Waits until the API answers again (it may have been killed). */
  apiUp: () => Promise<void>;
  /** Whether this build has staffing arrangements; without them scripts' arrangements are left out. */
  arrangements: boolean;
  /** The first and last day of the temporary posts: long ago, and yesterday (London). */
  arrangementDates: { start: string; end: string };
}

class Unreachable extends Error {}

/**
 * Drives decisions through their lifecycle over HTTP, as people would, tolerant of the API dying under it:
 * after a network failure or a 409 it reads the decision again and decides the next step from the state it
 * is really in, so a request that did commit before the API died is never applied twice.
 */
export class Driver {
  readonly stats: DriverStats = { started: 0, finished: 0, requests: 0, unreachable: 0, conflicts: 0, serverErrors: [], refused: [], abandoned: 0, finalStates: {}, arrangementsSettled: 0 };
  private readonly tokens = new Map<Person, string>();

  constructor(private readonly opts: DriverOptions) {
    // Tokens live 8 hours (a full run takes minutes), within the API's maximum lifetime.
    for (const [k, p] of Object.entries(PEOPLE)) this.tokens.set(k as Person, signToken(p, opts.jwtSecret));
  }

  /** One decision from creation to the end its script picked (or to the call-in period, whose timer ends it). */
  async drive(n: number, script: Script): Promise<void> {
    this.stats.started++;
    const done = new Set<string>();
    let d = await this.create(n, script);
    for (let steps = 0; ; steps++) {
      const step = nextStep(d, script, done, this.opts.recentDate);
      if (step === null) break;
      if (steps > 60) {
        this.stats.abandoned++;
        break;
      }
      await pause(Math.random() * this.opts.maxPauseMs);
      d = await this.act(d, step);
    }
    this.stats.finished++;
    this.stats.finalStates[d.state] = (this.stats.finalStates[d.state] ?? 0) + 1;
  }

  private async create(n: number, script: Script): Promise<Decision> {
    for (let attempt = 0; ; attempt++) {
      const body = {
        reference: `CHAOS-${this.opts.runId}-${n}${attempt ? `-r${attempt}` : ''}`,
        title: `Chaos decision ${n}`,
        decisionType: script.decisionType,
        decisionMaker: { title: 'Director of Learning, Opportunities and Skills', userId: 'u-dm' },
        isKeyDecision: false,
        isSubjectToCallIn: script.subjectToCallIn,
        urgency: 'none',
        purpose: 'Temporary additional staffing.',
        recommendations: [{ text: 'Recruit to two temporary posts.' }],
        reasons: 'Demand has grown.',
        alternativeOptions: [{ text: 'Do nothing.' }],
        consultees: script.areas.map((area) => (area === 'hr' ? { area, assigneeUserId: 'u-hr' } : { area })),
        conflictsOfInterest: 'None',
        dispensation: 'None',
        ...(this.opts.arrangements && script.arrangements
          ? {
              staffingArrangements: Array.from({ length: script.arrangements }, (_, i) => ({
                kind: 'temporary-post',
                title: `Chaos post ${n}.${i}`,
                count: 1,
                fte: 1,
                grade: 'Grade 7',
                start: this.opts.arrangementDates.start,
                end: this.opts.arrangementDates.end,
                funding: { source: 'Chaos fund', amount: null, share: null },
                manager: { name: 'Alison Tomes', userId: 'u-manager', email: null },
              })),
            }
          : {}),
      };
      try {
        const { status, json } = await this.request('officer', 'POST', '/api/decisions', body);
        if (status === 201) return json as Decision;
        this.note(status, `create ${n}`, json);
      } catch (error) {
        // The create may have committed before the API died: a new reference keeps the next try apart (the
        // orphan, if any, is a draft with no clocks).
        if (!(error instanceof Unreachable)) throw error;
      }
      await this.opts.apiUp();
    }
  }

  /**
   * HR settles overdue arrangements: each one seen overdue on an earlier pass is confirmed ended, so a few of its
   * overdue reminders go out first and the endless series then stops. Called every few seconds until quiet.
   */
  async settleOverdue(seen: Set<string>): Promise<void> {
    try {
      const { status, json } = await this.request('hrOps', 'GET', '/api/arrangements?state=overdue&pageSize=100');
      if (status !== 200) return this.note(status, 'list overdue arrangements', json);
      for (const a of (json as { items: { id: string }[] }).items) {
        if (!seen.has(a.id)) {
          seen.add(a.id);
          continue;
        }
        const done = await this.request('hrOps', 'POST', `/api/arrangements/${a.id}/confirm-ended`, {});
        if (done.status === 200) this.stats.arrangementsSettled++;
        else this.note(done.status, 'confirm-ended', done.json);
      }
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
    }
  }

  private async act(d: Decision, step: Step): Promise<Decision> {
    try {
      const { status, json } = await this.request(step.as, 'POST', `/api/decisions/${d.id}/${step.action}`, step.body ?? {});
      if (status === 200) return json as Decision;
      this.note(status, `${step.action} on ${d.state}`, json);
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
    }
    return this.reread(d.id);
  }

  private async reread(id: string): Promise<Decision> {
    for (;;) {
      try {
        const { status, json } = await this.request('officer', 'GET', `/api/decisions/${id}`);
        if (status === 200) return json as Decision;
        this.note(status, `read ${id}`, json);
      } catch (error) {
        if (!(error instanceof Unreachable)) throw error;
      }
      await this.opts.apiUp();
    }
  }

  private note(status: number, what: string, json: unknown) {
    const line = `${status} ${what}: ${JSON.stringify(json).slice(0, 300)}`;
    if (status === 409) this.stats.conflicts++;
    else if (status >= 500) this.stats.serverErrors.push(line);
    else this.stats.refused.push(line);
  }

  private async request(as: Person, method: string, path: string, body?: object): Promise<{ status: number; json: unknown }> {
    this.stats.requests++;
    let response: Response;
    try {
      response = await fetch(this.opts.baseUrl + path, {
        method,
        headers: { Authorization: `Bearer ${this.tokens.get(as)}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      this.stats.unreachable++;
      throw new Unreachable(String(error));
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      // the connection died mid-answer: as unreachable, the caller re-reads
      this.stats.unreachable++;
      throw new Unreachable('no complete answer');
    }
    return { status: response.status, json };
  }
}

/** The next thing someone does to this decision, from the state it is in; null when the driver is done with it. */
export function nextStep(d: Decision, script: Script, done: Set<string>, recentDate: string): Step | null {
  const once = (what: string) => !done.has(what) && (done.add(what), true);
  switch (d.state) {
    case 'draft':
      return { as: 'officer', action: 'submit' };
    case 'consultation': {
      const pending = d.consultations.filter((c) => c.status === 'pending');
      if (pending.length === 0) return null; // cannot happen: the last sign-off moves it on
      const c = pending[Math.floor(Math.random() * pending.length)];
      const as = AREA_PERSON[c.area];
      if (script.requestChanges && once('request-changes')) return { as, action: 'request-changes', body: { area: c.area, comments: 'Cost it properly.' } };
      return { as, action: 'sign-off', body: { area: c.area, comments: 'Agreed.' } };
    }
    case 'for-determination':
      if (script.deferFirst && once('defer')) return { as: 'dm', action: 'defer', body: { reason: 'Awaiting the budget.' } };
      if (script.referBackFirst && once('refer-back')) return { as: 'dm', action: 'refer-back', body: { comments: 'Add the costs.' } };
      if (script.ending === 'rejected') return { as: 'dm', action: 'reject', body: { reasons: 'Not affordable.' } };
      if (script.ending === 'withdrawn') return { as: 'officer', action: 'withdraw', body: { reason: 'Superseded.' } };
      return { as: 'dm', action: 'approve', body: { decisionText: 'Approved as recommended.', decidedAt: script.publishedRecently ? recentDate : '2020-11-18' } };
    case 'deferred':
      return { as: 'dm', action: 'resume' };
    case 'approved':
      return { as: 'democratic', action: 'publish', body: { publishedAt: script.publishedRecently ? recentDate : '2020-11-18' } };
    case 'call-in-period':
      if (script.ending === 'called-in' && once('call-in')) return { as: 'scrutiny', action: 'call-in', body: { members: ['Cllr A', 'Cllr B'], reasons: 'Value for money.' } };
      return null; // its deadline timer makes it effective
    case 'called-in':
      return { as: 'democratic', action: 'scrutiny-outcome', body: { outcome: 'no-further-action', comments: 'Content.' } };
    default:
      return null;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
