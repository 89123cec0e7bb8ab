import { displayStatus, type DecisionState } from '#libs/lifecycle';

export interface HistoryEntry {
  seq: number;
  type: string;
  at: string;
  actor: { userId: string; name: string };
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
}

export interface TimelineItem {
  title: string;
  at: string;
  by: string;
  change: string | null;
  details: { key: string; value: string; isDate?: boolean }[];
}

const TITLES: Record<string, string> = {
  create: 'Draft created',
  edit: 'Draft edited',
  submit: 'Submitted',
  'sign-off': 'Signed off',
  'request-changes': 'Changes requested',
  approve: 'Recommendations approved',
  reject: 'Rejected',
  defer: 'Deferred',
  resume: 'Resumed',
  'refer-back': 'Referred back to the author',
  withdraw: 'Withdrawn',
  publish: 'Published',
  'call-in': 'Called in',
  'scrutiny-outcome': 'Scrutiny outcome recorded',
  'council-outcome': 'Full council outcome recorded',
  'call-in-period-ended': 'Call-in period ended',
  close: 'Closed',
};

const DETAIL_KEYS: [string, string][] = [
  ['area', 'Area'],
  ['outcome', 'Outcome'],
  ['decidedAt', 'Date of decision'],
  ['publishedAt', 'Publication date'],
  ['until', 'Until'],
  ['members', 'Members'],
  ['reasons', 'Reasons'],
  ['reason', 'Reason'],
  ['comments', 'Comments'],
  ['decisionText', 'Decision as taken'],
  ['reference', 'Reference'],
];

const DATE_KEYS = new Set(['decidedAt', 'publishedAt', 'until']);

function status(state: string | null): string | null {
  return state ? (displayStatus(state as DecisionState) ?? state) : null;
}

/** The history, newest first, in words: what happened, who did it, what it changed and what they said. */
export function timelineOf(history: HistoryEntry[], areaLabels: Record<string, string> = {}): TimelineItem[] {
  return [...history].reverse().map((h) => {
    const p = h.payload ?? {};
    const details: TimelineItem['details'] = DETAIL_KEYS.flatMap(([key, label]) => {
      const v = p[key];
      if (v === undefined || v === null || v === '') return [];
      const value = Array.isArray(v) ? v.join(', ') : key === 'area' ? (areaLabels[String(v)] ?? String(v)) : String(v);
      return [{ key: label, value, isDate: DATE_KEYS.has(key) }];
    });
    if (h.type === 'edit') {
      const changed = Object.keys(p).filter((k) => p[k] !== undefined);
      if (changed.length) details.push({ key: 'Fields changed', value: changed.join(', ') });
    }
    const from = status(h.fromState);
    const to = status(h.toState);
    return {
      title: TITLES[h.type] ?? h.type,
      at: h.at,
      by: h.actor.userId === 'system' ? 'Ratify (timer)' : h.actor.name,
      change: h.fromState && h.fromState !== h.toState ? `${from} → ${to}` : null,
      details: h.type === 'edit' ? details.filter((d) => d.key === 'Fields changed') : details,
    };
  });
}
