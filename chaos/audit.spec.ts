import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { audit, summaryLine, type AuditInput, type DueDelivery, type Received } from './audit.js';

const email = (key: string, timerId = `t-${key}`, recipient = 'u-dm@ratify.local'): DueDelivery => ({
  idempotencyKey: key,
  channel: 'email',
  timerId,
  recipient,
  messageId: `<${key}@ratify>`,
  status: 'sent',
});
const hook = (key: string, timerId = `t-${key}`): DueDelivery => ({ idempotencyKey: key, channel: 'webhook', timerId, recipient: 'http://hooks', messageId: null, status: 'sent' });
const got = (d: DueDelivery, overrides: Partial<Received> = {}): Received => ({ channel: d.channel, key: d.idempotencyKey, messageId: d.messageId, authentic: true, ...overrides });
const NOW = new Date('2026-11-23T12:00:00Z');
const input = (due: DueDelivery[], received: Received[], extra: Partial<AuditInput> = {}): AuditInput => ({
  due,
  received,
  timers: [],
  stuckBefore: NOW,
  waitingWithoutClock: [],
  reminderKind: 'REMINDER',
  ...extra,
});

describe('chaos audit', () => {
  it('passes when every delivery arrived once', () => {
    const due = [email('a'), hook('b')];
    const r = audit(input(due, due.map((d) => got(d))));
    expect(r).toMatchObject({ expected: 2, received: 2, missing: 0, doubled: 0, unexpected: 0, stuckTimers: 0, ok: true });
    expect(summaryLine(r)).toBe('chaos: 2 expected, 2 received, 0 missing, 0 doubled (all with the same key), 0 unexpected, 0 stuck timers');
  });

  it('counts a delivery that never arrived as missing, whatever its row says', () => {
    const due = [email('a'), { ...hook('b'), status: 'dead' }];
    const r = audit(input(due, [got(due[0])]));
    expect(r).toMatchObject({ missing: 1, ok: false });
    expect(r.samples.missing[0]).toContain('b (dead)');
  });

  it('counts repeats with the same key as doubled and still passes', () => {
    const due = [email('a'), hook('b')];
    const r = audit(input(due, [got(due[0]), got(due[0]), got(due[1]), got(due[1]), got(due[1])]));
    expect(r).toMatchObject({ received: 5, doubled: 2, extraCopies: 3, doubledWithDifferentKey: 0, ok: true });
  });

  it('fails an email copy that carries another Message-ID', () => {
    const due = [email('a')];
    const r = audit(input(due, [got(due[0]), got(due[0], { messageId: '<other@ratify>' })]));
    expect(r).toMatchObject({ doubled: 1, doubledWithDifferentKey: 1, ok: false });
    expect(summaryLine(r)).toContain('1 doubled (1 with a different key)');
  });

  it('fails one reminder made into two deliveries to the same recipient under different keys', () => {
    const due = [email('a', 't1'), email('b', 't1')];
    const r = audit(input(due, due.map((d) => got(d))));
    expect(r).toMatchObject({ missing: 0, doubledWithDifferentKey: 1, ok: false });
  });

  it('counts what Ratify did not owe as unexpected: an unknown key, no key, a forged signature, the wrong channel', () => {
    const due = [email('a'), hook('b')];
    const r = audit(
      input(due, [
        got(due[0]),
        got(due[1]),
        { channel: 'email', key: 'nobody', messageId: null, authentic: true },
        { channel: 'webhook', key: null, messageId: null, authentic: true },
        got(due[1], { authentic: false }),
        got(due[0], { channel: 'webhook', messageId: null }),
      ]),
    );
    expect(r).toMatchObject({ unexpected: 4, missing: 0, doubled: 0, ok: false });
  });

  it('counts pending timers due before the cut-off as stuck, and not later ones or settled ones', () => {
    const timers = [
      { id: 'late', kind: 'CALL_IN_PERIOD_ENDED', status: 'pending', dueAt: new Date(NOW.getTime() - 1) },
      { id: 'future', kind: 'REMINDER', status: 'pending', dueAt: new Date(NOW.getTime() + 1000) },
      { id: 'done', kind: 'REMINDER', status: 'cancelled', dueAt: new Date(0) },
    ];
    const r = audit(input([], [], { timers }));
    expect(r).toMatchObject({ stuckTimers: 1, ok: false });
    expect(r.samples.stuckTimers[0]).toContain('late');
  });

  it('counts a subject waiting on a clock that no timer holds as stuck', () => {
    const r = audit(input([], [], { waitingWithoutClock: ['decision d1'] }));
    expect(r).toMatchObject({ stuckTimers: 1, ok: false });
    expect(r.samples.stuckTimers[0]).toContain('decision d1');
  });

  it('counts a reminder timer that fired without leaving deliveries as missing', () => {
    const due = [email('a', 'with')];
    const timers = [
      { id: 'with', kind: 'REMINDER', status: 'fired', dueAt: NOW },
      { id: 'without', kind: 'REMINDER', status: 'fired', dueAt: NOW },
      { id: 'deadline', kind: 'CALL_IN_PERIOD_ENDED', status: 'fired', dueAt: NOW },
    ];
    const r = audit(input(due, [got(due[0])], { timers }));
    expect(r).toMatchObject({ missing: 1, ok: false });
    expect(r.samples.missing[0]).toContain('without');
  });

  it('property: any order and any number of same-key repeats of what was due passes, and dropping one fails', () => {
    const deliveries = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.boolean()), { minLength: 1, maxLength: 30, selector: ([k]) => k });
    fc.assert(
      fc.property(deliveries, fc.array(fc.nat(3)), fc.nat(), (specs, repeats, drop) => {
        const due = specs.map(([k, isEmail]) => (isEmail ? email(k) : hook(k)));
        const received = due.flatMap((d, i) => Array.from({ length: 1 + (repeats[i] ?? 0) }, () => got(d))).reverse();
        const r = audit(input(due, received));
        expect(r).toMatchObject({ expected: due.length, received: received.length, missing: 0, unexpected: 0, ok: true });
        expect(r.doubled).toBe(due.filter((_, i) => (repeats[i] ?? 0) > 0).length);
        const gone = due[drop % due.length].idempotencyKey;
        expect(audit(input(due, received.filter((x) => x.key !== gone))).missing).toBe(1);
      }),
    );
  });
});
