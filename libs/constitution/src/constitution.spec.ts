import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeCallInDeadline } from '#libs/calendar';
import { ConstitutionError, callInRuleFor, defaultConstitution, lifecycleRulesOf, loadConstitution, parseConstitution } from './index.js';

const EXAMPLES = join(process.cwd(), 'docs', 'constitutions');
const problems = (text: string) => {
  try {
    parseConstitution(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConstitutionError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('the shipped constitution examples', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

  it('are all there', () => {
    expect(files).toEqual(expect.arrayContaining(['salford.yaml', 'chorley.yaml', 'bath-and-north-east-somerset.yaml', 'central-bedfordshire.yaml', 'every-setting.yaml']));
  });

  it.each(files)('%s is valid', (file) => {
    const { constitution } = loadConstitution({ COUNCIL_CONFIG: join(EXAMPLES, file) });
    expect(constitution.source).toBe(join(EXAMPLES, file));
    expect(constitution.callIn['non-executive'].applies).toBe(false);
  });

  it('every-setting.yaml states every setting, and each reaches the rules', () => {
    const { constitution: c, council } = loadConstitution({ COUNCIL_CONFIG: join(EXAMPLES, 'every-setting.yaml') });
    expect(council).toEqual({ name: 'Example District Council', referencePrefix: 'EDC' });
    expect(c.closures).toEqual(['--12-27/--12-31', '2025-08-15', '2026-04-07/2026-04-08']);
    expect(c.keyDecisionThreshold).toBe(500000);
    expect(c.forwardPlan).toEqual({ days: 28, unit: 'calendar', closures: c.closures });
    expect(c.callIn.executive).toEqual({
      applies: true,
      minMembers: 3,
      scrutinyChairAlone: true,
      period: { days: 5, unit: 'working', clear: true, endsAt: '17:00', takesEffect: 'next-working-day', effectiveTime: '09:00', countFrom: 'publication', cutOff: '16:00', closures: c.closures },
    });
    // key officer decisions: their own period, and an effective time that means nothing at-end is dropped
    expect(c.callIn['key-officer'].period).toMatchObject({ days: 3, endsAt: '24:00', takesEffect: 'at-end', effectiveTime: null, cutOff: '16:00' });
    expect(c.callIn.officer.applies).toBe(false);
    expect(lifecycleRulesOf(c).callIn['key-officer']).toEqual({ applies: true, minMembers: 3, scrutinyChairAlone: true });
    expect(c.publication).toEqual({ days: 3, unit: 'working' });
  });
});

describe('parseConstitution', () => {
  it('reads JSON as well as YAML, and an empty file as the defaults', () => {
    const json = parseConstitution(JSON.stringify({ callIn: { days: 4, endsAt: '24:00' } }), 'c.json').constitution;
    expect(callInRuleFor(json)).toMatchObject({ days: 4, endsAt: '24:00', clear: true });
    const empty = parseConstitution('', 'empty.yaml').constitution;
    expect({ ...empty, source: 'environment' }).toEqual(defaultConstitution());
  });

  it('names the setting, the allowed values and what it got', () => {
    expect(problems('callIn:\n  unit: weekdays\n')).toContain('callIn.unit must be one of working, calendar, got "weekdays"');
    expect(problems('callIn:\n  endsAt: "25:00"\n')).toContain('callIn.endsAt must be a time HH:mm (24-hour) or 24:00 (the end of the day), got "25:00"');
    // YAML 1.2: an unquoted 16:00 is the text "16:00", not a number of minutes
    expect(callInRuleFor(parseConstitution('callIn:\n  endsAt: 16:00\n', 't.yaml').constitution).endsAt).toBe('16:00');
    expect(problems('callIn:\n  decisionTypes:\n    non-executive: { applies: true }\n')).toContain('callIn.decisionTypes.non-executive.applies must be false: non-executive decisions are never subject to call-in');
    expect(problems('closures: ["27/12"]\n')).toContain("closures.0 '27/12' must be YYYY-MM-DD");
    expect(problems('forwardPlan:\n  clearDays: -1\n')).toContain('forwardPlan.clearDays must be at least 0, got -1');
    expect(problems('publication:\n  unit: weekdays\n')).toContain('publication.unit must be one of working, calendar, got "weekdays"');
    expect(parseConstitution('publication:\n  unit: calendar\n', 't.yaml').constitution.publication).toEqual({ days: 5, unit: 'calendar' });
    expect(defaultConstitution().publication).toEqual({ days: 5, unit: 'working' });
  });

  it('names an unknown setting and the settings it could have meant', () => {
    expect(problems('callin:\n  days: 5\n')).toContain("'callin' is not a setting here (the settings are council, closures, keyDecisionThreshold, forwardPlan, generalException, callIn, publication)");
    expect(problems('callIn:\n  decisionTypes:\n    cabinet: {}\n')).toContain("callIn.decisionTypes: 'cabinet' is not a setting here (the settings are executive, key-officer, officer, non-executive)");
  });

  it('lists every problem at once', () => {
    expect(problems('callIn:\n  days: 0\n  clear: yes-please\n')).toMatch(/has 2 problems:\n  callIn.days .*\n  callIn.clear must be true or false/);
  });

  it('says when the file is not JSON or YAML', () => {
    expect(problems('callIn: [\n')).toMatch(/is not valid JSON or YAML/);
  });

  it('only ever throws a ConstitutionError, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          parseConstitution(text, 'fuzz.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(ConstitutionError);
          expect((error as Error).message).toContain('COUNCIL_CONFIG (fuzz.yaml)');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadConstitution', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ratify-constitution-'));
  const file = join(dir, 'council.yaml');
  writeFileSync(file, 'callIn:\n  days: 3\n');

  it('uses the shortcut variables when there is no file', () => {
    const c = loadConstitution({ CALL_IN_DAYS: '4', CALL_IN_ENDS_AT: '24:00', CALL_IN_MIN_MEMBERS: '3', FORWARD_PLAN_CLEAR_DAYS: '20' }).constitution;
    expect(callInRuleFor(c, 'key-officer')).toMatchObject({ days: 4, endsAt: '24:00' });
    expect(c.callIn.executive.minMembers).toBe(3);
    expect(c.forwardPlan.days).toBe(20);
    expect(() => loadConstitution({ CALL_IN_MIN_MEMBERS: '0' })).toThrow('CALL_IN_MIN_MEMBERS must be a whole number ≥ 1');
  });

  it('refuses a file and a shortcut together, naming both', () => {
    expect(() => loadConstitution({ COUNCIL_CONFIG: file, CALL_IN_DAYS: '5' })).toThrow(`COUNCIL_CONFIG is set, and so is CALL_IN_DAYS`);
    expect(callInRuleFor(loadConstitution({ COUNCIL_CONFIG: file, CALL_IN_DAYS: '' }).constitution).days).toBe(3);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadConstitution({ COUNCIL_CONFIG: join(dir, 'missing.yaml') })).toThrow(/COUNCIL_CONFIG '.*missing.yaml' could not be read/);
  });

  it('applies the closures to every rule', () => {
    writeFileSync(file, 'closures: ["--12-27/--12-31"]\n');
    const c = loadConstitution({ COUNCIL_CONFIG: file }).constitution;
    const dec2024 = computeCallInDeadline('2024-12-20', callInRuleFor(c));
    expect(dec2024.skipped).toContainEqual({ date: '2024-12-27', why: 'council closure day' });
    expect(c.generalException.closures).toEqual(['--12-27/--12-31']);
  });
});
