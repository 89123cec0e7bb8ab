import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseCallInRule, type ResolvedCallInRule } from '#libs/calendar';
import { DECISION_TYPES } from '#libs/lifecycle';
import { defaultConstitution, type CallInSettings, type Constitution } from './constitution.js';
import { constitutionFile, settingsAt, type ConstitutionFile } from './schema.js';

type Env = Record<string, string | undefined>;

/** A setting that cannot be used; the message names it and says what it accepts. */
export class ConstitutionError extends Error {}

/** The environment variables that, without a file, state the simple case. */
export const SHORTCUTS = ['CALL_IN_DAYS', 'CALL_IN_CLEAR', 'CALL_IN_ENDS_AT', 'CALL_IN_TAKES_EFFECT', 'CALL_IN_MIN_MEMBERS', 'FORWARD_PLAN_CLEAR_DAYS'] as const;

export interface LoadedConstitution {
  constitution: Constitution;
  /** The council's name and reference prefix, when the file gives them. */
  council: { name?: string; referencePrefix?: string };
}

/**
 * The council's constitution: COUNCIL_CONFIG (a JSON or YAML file) when set, otherwise Ratify's defaults
 * adjusted by the shortcut variables. Setting both a file and a shortcut is refused rather than one quietly
 * winning. Throws ConstitutionError naming the setting and what it accepts.
 */
export function loadConstitution(env: Env): LoadedConstitution {
  const path = env.COUNCIL_CONFIG;
  if (!path) return { constitution: fromShortcuts(env), council: {} };
  const clash = SHORTCUTS.filter((name) => env[name] !== undefined && env[name] !== '');
  if (clash.length) {
    throw new ConstitutionError(
      `COUNCIL_CONFIG is set, and so is ${clash.join(', ')}: state every rule in the constitution file (${path}) and unset ${clash.length > 1 ? 'those variables' : 'that variable'}`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConstitutionError(`COUNCIL_CONFIG '${path}' could not be read: ${(error as Error).message}`);
  }
  return parseConstitution(text, path);
}

/** Parses and validates the text of a constitution file (JSON or YAML: YAML is a superset of JSON). */
export function parseConstitution(text: string, source: string): LoadedConstitution {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new ConstitutionError(`COUNCIL_CONFIG (${source}) is not valid JSON or YAML: ${(error as Error).message}`);
  }
  const parsed = constitutionFile.safeParse(raw ?? {}, { reportInput: true });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const at = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        const known = settingsAt(issue.path);
        return `${at ? `${at}: ` : ''}${issue.keys.map((k) => `'${k}'`).join(', ')} ${issue.keys.length > 1 ? 'are not settings' : 'is not a setting'} here (the settings are ${known.join(', ')})`;
      }
      const got = issue.input === undefined ? '' : `, got ${JSON.stringify(issue.input)}`;
      return `${at || 'the file'} ${issue.message}${got}`;
    });
    throw new ConstitutionError(`COUNCIL_CONFIG (${source}) has ${lines.length > 1 ? `${lines.length} problems` : 'a problem'}:\n  ${lines.join('\n  ')}`);
  }
  return { constitution: fromFile(parsed.data, source), council: parsed.data.council ?? {} };
}

function fromShortcuts(env: Env): Constitution {
  let period: ResolvedCallInRule;
  try {
    period = parseCallInRule(env);
  } catch (error) {
    throw new ConstitutionError((error as Error).message);
  }
  return defaultConstitution({ period, minMembers: whole(env, 'CALL_IN_MIN_MEMBERS', 1), forwardPlanDays: whole(env, 'FORWARD_PLAN_CLEAR_DAYS', 0) });
}

function whole(env: Env, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new ConstitutionError(`${name} must be a whole number ≥ ${min}, got '${raw}'`);
  return Number(raw);
}

function fromFile(file: ConstitutionFile, source: string): Constitution {
  const defaults = defaultConstitution();
  const closures = file.closures ?? [];
  const { decisionTypes = {}, minMembers, scrutinyChairAlone, ...periodFields } = file.callIn ?? {};
  const base: CallInSettings = {
    ...defaults.callIn.executive,
    ...(minMembers !== undefined ? { minMembers } : {}),
    ...(scrutinyChairAlone !== undefined ? { scrutinyChairAlone } : {}),
    period: { ...defaults.callIn.executive.period, ...periodFields, closures },
  };
  const callIn = Object.fromEntries(
    DECISION_TYPES.map((type) => {
      const { applies = defaults.callIn[type].applies, minMembers: m, scrutinyChairAlone: chair, ...own } = (decisionTypes[type] ?? {}) as Partial<CallInSettings> &
        Partial<ResolvedCallInRule>;
      const settings: CallInSettings = {
        applies,
        minMembers: m ?? base.minMembers,
        scrutinyChairAlone: chair ?? base.scrutinyChairAlone,
        period: { ...base.period, ...own },
      };
      if (settings.period.takesEffect === 'at-end') settings.period.effectiveTime = null;
      return [type, settings];
    }),
  ) as Constitution['callIn'];
  const clear = (given: ConstitutionFile['forwardPlan'], fallback: Constitution['forwardPlan']) => ({
    days: given?.clearDays ?? fallback.days,
    unit: given?.unit ?? fallback.unit,
    closures,
  });
  return {
    source,
    closures,
    keyDecisionThreshold: file.keyDecisionThreshold ?? null,
    forwardPlan: clear(file.forwardPlan, defaults.forwardPlan),
    generalException: clear(file.generalException, defaults.generalException),
    callIn,
    publication: { days: file.publication?.days ?? defaults.publication.days, unit: file.publication?.unit ?? defaults.publication.unit },
  };
}
