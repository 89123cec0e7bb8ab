/**
 * The chaos run's verdict, as a pure function: what the database says was due (delivery rows, timers) against
 * what the SMTP server and the webhook receiver accepted. Kept apart from the I/O so it has its own tests.
 */

/** A delivery row: something Ratify owes a receiver. */
export interface DueDelivery {
  idempotencyKey: string;
  channel: 'email' | 'webhook';
  /** The reminder timer that made it, and to whom: two rows for the same pair would be one reminder sent twice. */
  timerId: string | null;
  recipient: string;
  /** The Message-ID every copy of an email must carry (null for webhooks). */
  messageId: string | null;
  status: string;
}

/** One message a receiver accepted. `key` is null when it carried none (that alone makes it unexpected). */
export interface Received {
  channel: 'email' | 'webhook';
  key: string | null;
  messageId: string | null;
  /** False when a webhook's signature did not verify: not something Ratify sent. */
  authentic: boolean;
}

export interface TimerRow {
  id: string;
  kind: string;
  status: string;
  dueAt: Date;
}

export interface AuditInput {
  due: DueDelivery[];
  received: Received[];
  timers: TimerRow[];
  /** Timers still pending and due before this instant are stuck. */
  stuckBefore: Date;
  /** Subjects waiting in a state only a clock ends (a call-in period) with no pending timer to end it: counted as stuck. */
  waitingWithoutClock: string[];
  /** The kind of timer that must have made deliveries when it fired (REMINDER). */
  reminderKind: string;
}

export interface AuditResult {
  expected: number;
  received: number;
  missing: number;
  /** Deliveries that arrived more than once; `extraCopies` counts the copies beyond the first. */
  doubled: number;
  extraCopies: number;
  /** Of the doubled: copies that did not carry the delivery's own key (a different Message-ID), or one reminder made into two deliveries. */
  doubledWithDifferentKey: number;
  unexpected: number;
  stuckTimers: number;
  /** A few of each, to start looking from. */
  samples: { missing: string[]; doubled: string[]; doubledWithDifferentKey: string[]; unexpected: string[]; stuckTimers: string[] };
  ok: boolean;
}

const SAMPLES = 20;

export function audit(input: AuditInput): AuditResult {
  const byKey = new Map(input.due.map((d) => [d.idempotencyKey, d]));
  const copies = new Map<string, Received[]>();
  const unexpected: string[] = [];
  for (const r of input.received) {
    const row = r.key === null ? undefined : byKey.get(r.key);
    if (!r.authentic || row === undefined || row.channel !== r.channel) {
      unexpected.push(`${r.channel} ${r.key ?? '(no key)'}${r.authentic ? '' : ' (signature does not verify)'}`);
      continue;
    }
    copies.set(row.idempotencyKey, [...(copies.get(row.idempotencyKey) ?? []), r]);
  }

  const missing: string[] = [];
  const doubled: string[] = [];
  const differentKey: string[] = [];
  let extraCopies = 0;
  for (const row of input.due) {
    const got = copies.get(row.idempotencyKey) ?? [];
    if (got.length === 0) missing.push(`${row.channel} ${row.idempotencyKey} (${row.status})`);
    if (got.length > 1) {
      doubled.push(`${row.idempotencyKey} ×${got.length}`);
      extraCopies += got.length - 1;
    }
    // Every copy of an email carries the row's Message-ID: a copy with another is the same mail under another key.
    if (row.messageId !== null && got.some((r) => r.messageId !== row.messageId)) differentKey.push(`${row.idempotencyKey}: Message-ID ${got.map((r) => r.messageId).join(', ')} ≠ ${row.messageId}`);
  }

  // One reminder, one delivery per recipient and channel: a second row for the same pair is a duplicate under a new key.
  const perReminder = new Map<string, string[]>();
  for (const row of input.due) {
    if (row.timerId === null) continue;
    const pair = `${row.timerId} ${row.channel} ${row.recipient}`;
    perReminder.set(pair, [...(perReminder.get(pair) ?? []), row.idempotencyKey]);
  }
  for (const [pair, keys] of perReminder) if (keys.length > 1) differentKey.push(`${pair}: ${keys.length} deliveries (${keys.join(', ')})`);

  // A reminder timer that fired must have left its deliveries (they are written in the transaction that settles it).
  const withDeliveries = new Set(input.due.map((d) => d.timerId));
  for (const t of input.timers) {
    if (t.kind === input.reminderKind && t.status === 'fired' && !withDeliveries.has(t.id)) missing.push(`reminder timer ${t.id} fired without deliveries`);
  }

  const stuck = [
    ...input.timers.filter((t) => t.status === 'pending' && t.dueAt.getTime() < input.stuckBefore.getTime()).map((t) => `${t.id} (${t.kind}, due ${t.dueAt.toISOString()})`),
    ...input.waitingWithoutClock.map((s) => `${s} waits on a clock no pending timer holds`),
  ];

  const result = {
    expected: input.due.length,
    received: input.received.length,
    missing: missing.length,
    doubled: doubled.length,
    extraCopies,
    doubledWithDifferentKey: differentKey.length,
    unexpected: unexpected.length,
    stuckTimers: stuck.length,
    samples: {
      missing: missing.slice(0, SAMPLES),
      doubled: doubled.slice(0, SAMPLES),
      doubledWithDifferentKey: differentKey.slice(0, SAMPLES),
      unexpected: unexpected.slice(0, SAMPLES),
      stuckTimers: stuck.slice(0, SAMPLES),
    },
  };
  return { ...result, ok: result.missing === 0 && result.unexpected === 0 && result.stuckTimers === 0 && result.doubledWithDifferentKey === 0 };
}

/** The one line the run prints. */
export function summaryLine(r: AuditResult): string {
  const doubledNote = r.doubledWithDifferentKey === 0 ? 'all with the same key' : `${r.doubledWithDifferentKey} with a different key`;
  return `chaos: ${r.expected} expected, ${r.received} received, ${r.missing} missing, ${r.doubled} doubled (${doubledNote}), ${r.unexpected} unexpected, ${r.stuckTimers} stuck timers`;
}
