/**
 * Both seed records' arrangements, entered as a client sends them, represented exactly: every date,
 * duration and flag, through validation, the statechart and the representation.
 */
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_ARRANGEMENT_REMINDER_POLICY as POLICY,
  applyArrangementEvent,
  parseArrangementList,
  representArrangement,
  startArrangement,
  timersFor,
  type DecisionDates,
  type PersistedArrangement,
} from './index.js';
import { DONCASTER_ARRANGEMENTS, OLDHAM_ARRANGEMENTS } from './testing/seed-arrangements.js';

const NO_GRADES = { grade: null, fromGrade: null, toGrade: null, scalePoints: null, hoursFrom: null, hoursTo: null };
const NO_FUNDING = { source: null, amount: null, share: null };
const NO_MANAGER = { name: null, userId: null, email: null };
const UNTOUCHED = { extensions: [], ended: null, madePermanent: null, cancelled: null };

/** Enters a decision's arrangements as drafted, then takes the decision into effect at `at`. */
function enter(body: unknown[], decision: DecisionDates, at: string): PersistedArrangement[] {
  const parsed = parseArrangementList(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value.map(({ facts }) => {
    const planned = startArrangement({ facts });
    expect(planned.state).toBe('planned');
    const r = applyArrangementEvent(planned, { type: 'EFFECTIVE', at, decision }, POLICY);
    if (!r.accepted) throw new Error(r.reason);
    return r.next;
  });
}

const represent = (ps: PersistedArrangement[]) => ps.map((p, i) => representArrangement(`a${i + 1}`, p, { decidedAt: null }));

describe("Oldham's five arrangements (decided and published 18/11/2020, not subject to call-in)", () => {
  const OLDHAM: DecisionDates = { effectiveAt: '2020-11-18', decidedAt: '2020-11-18' };

  it('are represented exactly, three of them retrospective', () => {
    const json = represent(enter(OLDHAM_ARRANGEMENTS, OLDHAM, '2020-11-18T15:00:00.000Z'));
    expect(json).toEqual([
      {
        id: 'a1',
        kind: 'time-allocation',
        title: 'Early Help Development Team supervisor: 50% of time to the team around the school and community model',
        count: 1,
        fte: 0.5,
        ...NO_GRADES,
        start: '2020-10-01',
        end: '2021-03-31',
        duration: null,
        funding: { source: 'DfE social care transformation funding for Team Around the School', amount: null, share: '50%' },
        manager: NO_MANAGER,
        state: 'active',
        retrospective: true,
        resolvedStart: '2020-10-01',
        resolvedEnd: '2021-03-31',
        ...UNTOUCHED,
      },
      {
        id: 'a2',
        kind: 'agency',
        title: 'Agency Senior Practitioner, Early Help triage in the MASH',
        count: 1,
        fte: null,
        ...NO_GRADES,
        start: '2020-12-01',
        end: '2021-05-31',
        duration: null,
        funding: NO_FUNDING,
        manager: NO_MANAGER,
        state: 'scheduled',
        retrospective: false,
        resolvedStart: '2020-12-01',
        resolvedEnd: '2021-05-31',
        ...UNTOUCHED,
      },
      {
        id: 'a3',
        kind: 'honorarium',
        title: 'Customer Service Officer acting as Early Help Process officer (extended maternity cover)',
        count: 1,
        fte: null,
        ...NO_GRADES,
        start: '2020-09-27',
        end: '2021-03-31',
        duration: null,
        funding: NO_FUNDING,
        manager: NO_MANAGER,
        state: 'active',
        retrospective: true,
        resolvedStart: '2020-09-27',
        resolvedEnd: '2021-03-31',
        ...UNTOUCHED,
      },
      {
        id: 'a4',
        kind: 'honorarium',
        title: "Children's Social Care MASH Customer Service Officer acting as Early Help Process officer",
        count: 1,
        fte: null,
        ...NO_GRADES,
        fromGrade: 'Grade 4',
        toGrade: 'Grade 5',
        scalePoints: 2,
        start: '2020-09-01',
        end: '2021-03', // "March 2021", kept as given
        duration: null,
        funding: NO_FUNDING,
        manager: NO_MANAGER,
        state: 'active',
        retrospective: true,
        resolvedStart: '2020-09-01',
        resolvedEnd: '2021-03-31',
        ...UNTOUCHED,
      },
      {
        id: 'a5',
        kind: 'hours-change',
        title: 'Business Support officer: half-time to full-time to input Early Help cases into Mosaic',
        count: 1,
        fte: null,
        ...NO_GRADES,
        grade: 'Grade 2',
        hoursFrom: 18.5,
        hoursTo: 37,
        start: null,
        end: null,
        duration: 'P6W',
        funding: NO_FUNDING,
        manager: NO_MANAGER,
        state: 'scheduled',
        retrospective: false,
        resolvedStart: '2020-11-19',
        resolvedEnd: '2020-12-30',
        ...UNTOUCHED,
      },
    ]);
    expect(json.filter((a) => a.retrospective)).toHaveLength(3);
  });

  it('shows retrospective approval even before the arrangements are told the decision took effect', () => {
    const parsed = parseArrangementList(OLDHAM_ARRANGEMENTS);
    if (!parsed.ok) throw new Error('invalid');
    const json = parsed.value.map(({ facts }, i) => representArrangement(`a${i}`, startArrangement({ facts }), { decidedAt: '2020-11-18' }));
    expect(json.map((a) => [a.state, a.retrospective, a.resolvedStart, a.resolvedEnd])).toEqual([
      ['planned', true, '2020-10-01', '2021-03-31'],
      ['planned', false, '2020-12-01', '2021-05-31'],
      ['planned', true, '2020-09-27', '2021-03-31'],
      ['planned', true, '2020-09-01', '2021-03-31'],
      ['planned', false, null, null], // "for six weeks" from when the decision takes effect: not known yet
    ]);
  });

  it('start the six weeks the day after a call-in period that ends at 17:00 on 25/11/2020', () => {
    const json = represent(enter(OLDHAM_ARRANGEMENTS, { effectiveAt: '2020-11-25T17:00:00.000Z', decidedAt: '2020-11-18' }, '2020-11-25T17:00:05.000Z'));
    expect(json[4]).toMatchObject({ resolvedStart: '2020-11-26', resolvedEnd: '2021-01-06', retrospective: false, state: 'scheduled' });
    expect(json.map((a) => a.state)).toEqual(['active', 'scheduled', 'active', 'active', 'scheduled']); // the agency post starts on 1 December
  });

  it('are all overdue when the 2020 record is entered today, each escalating once', () => {
    const ps = enter(OLDHAM_ARRANGEMENTS, OLDHAM, '2026-01-05T10:00:00.000Z');
    expect(ps.map((p) => p.state)).toEqual(['overdue', 'overdue', 'overdue', 'overdue', 'overdue']);
    for (const p of ps) {
      const escalations = timersFor(p, POLICY, '2026-01-05T10:00:00.000Z').filter((t) => t.type === 'reminder' && t.reminder.kind === 'arrangement-overdue-escalation');
      expect(escalations.map((t) => t.dueAt)).toEqual(['2026-01-05T10:00:00.000Z']);
    }
  });
});

describe("Doncaster's posts (LOP&S - 2021035, £226k from the COVID-19 pressures fund)", () => {
  const DONCASTER: DecisionDates = { effectiveAt: '2021-02-15', decidedAt: '2021-02-15' };

  it('run 12 months from the day after the decision takes effect: 16/02/2021 to 15/02/2022, as CONTRACT.md shows', () => {
    const json = represent(enter(DONCASTER_ARRANGEMENTS, DONCASTER, '2021-02-15T14:00:00.000Z'));
    expect(json).toEqual([
      {
        id: 'a1',
        kind: 'temporary-post',
        title: 'Early Help Pathway Lead',
        count: 2,
        fte: 2,
        ...NO_GRADES,
        grade: 'Grade 9',
        start: null,
        end: null,
        duration: 'P12M',
        funding: { source: 'COVID-19 pressures fund', amount: null, share: null },
        manager: { name: 'Alison Tomes', userId: null, email: null },
        state: 'scheduled',
        retrospective: false,
        resolvedStart: '2021-02-16',
        resolvedEnd: '2022-02-15',
        ...UNTOUCHED,
      },
      {
        id: 'a2',
        kind: 'temporary-post',
        title: 'Family Lead Practitioner',
        count: 4,
        fte: 4,
        ...NO_GRADES,
        grade: 'Grade 7',
        start: null,
        end: null,
        duration: 'P12M',
        funding: { source: 'COVID-19 pressures fund', amount: null, share: null },
        manager: NO_MANAGER,
        state: 'scheduled',
        retrospective: false,
        resolvedStart: '2021-02-16',
        resolvedEnd: '2022-02-15',
        ...UNTOUCHED,
      },
    ]);
  });

  it('take the register’s publication date when that is when it took effect: 03/03/2021 to 02/03/2022', () => {
    const json = represent(enter(DONCASTER_ARRANGEMENTS, { effectiveAt: '2021-03-02', decidedAt: '2021-02-15' }, '2021-03-02T12:00:00.000Z'));
    expect(json.map((a) => [a.resolvedStart, a.resolvedEnd, a.retrospective])).toEqual([
      ['2021-03-03', '2022-03-02', false],
      ['2021-03-03', '2022-03-02', false],
    ]);
  });

  it('remind Alison Tomes 8, 4 and 1 weeks before 15/02/2022 and on the day, at 09:00 London', () => {
    const [leads] = enter(DONCASTER_ARRANGEMENTS, DONCASTER, '2021-02-15T14:00:00.000Z');
    const timers = timersFor(leads, POLICY, '2021-02-15T14:00:00.000Z');
    expect(timers.map((t) => [t.type, t.dueAt])).toEqual([
      ['clock', '2021-02-16T00:00:00.000Z'],
      ['reminder', '2021-12-21T09:00:00.000Z'],
      ['reminder', '2022-01-18T09:00:00.000Z'],
      ['reminder', '2022-02-08T09:00:00.000Z'],
      ['reminder', '2022-02-15T09:00:00.000Z'],
    ]);
    // Nobody named manages the Family Lead Practitioners: HR is reminded.
    const [, practitioners] = enter(DONCASTER_ARRANGEMENTS, DONCASTER, '2021-02-15T14:00:00.000Z');
    const recipients = timersFor(practitioners, POLICY, '2021-02-15T14:00:00.000Z').flatMap((t) => (t.type === 'reminder' ? [t.reminder.recipient] : []));
    expect(new Set(recipients.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ type: 'role', role: 'hr' })]));
  });

  it('are overdue within seconds of being entered years later, and escalate at once', () => {
    const ps = enter(DONCASTER_ARRANGEMENTS, DONCASTER, '2026-01-05T12:00:03.000Z');
    expect(ps.map((p) => p.state)).toEqual(['overdue', 'overdue']);
    const timers = timersFor(ps[0], POLICY, '2026-01-05T12:00:03.000Z');
    expect(timers.map((t) => (t.type === 'reminder' ? [t.reminder.kind, t.dueAt, t.reminder.recipient.type] : t))).toEqual([
      ['arrangement-overdue-escalation', '2026-01-05T12:00:03.000Z', 'escalation'],
      ['arrangement-overdue', '2026-01-12T09:00:00.000Z', 'role'],
    ]);
  });
});
